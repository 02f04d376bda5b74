"""The probes of the abuse suite (benchmarks/abuse.py): each one attacks or misuses the product the way a hostile or
careless user would and returns what happened. A probe raises nothing: it returns ("refused", why) when the product
refused cleanly (a located problem, nothing changed), ("handled", how) when the input was made safe and used, or
("accepted", what) when something that must be refused went through. The runner adds "crashed" (an exception or a
timeout) and "data lost" (files changed by a refused probe).

Every probe works on the temporary copy of the product the runner prepared (XHHT_* paths), never on the repository.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from benchmarks.abuse_files import big_csv, many_rows_xlsx, sparse_xlsx, unpack_bomb
from pipelines.config import paths
from pipelines.problems import ProblemError

Outcome = tuple[str, str]
APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
DISTRICT = "966"  # Huyện U Minh: the analyst of the probes


def _refusal(action: Callable[[], object], *codes: str) -> Outcome:
    try:
        action()
    except ProblemError as exc:
        if codes and exc.code not in codes:
            return "accepted", f"refused for another reason: {exc.code}"
        return "refused", exc.messages("en")[0][:90]
    return "accepted", "no refusal"


def _in_district(unit: str) -> bool:
    import duckdb

    with duckdb.connect(str(paths.warehouse_file()), read_only=True) as con:
        return bool(
            con.execute(
                "select 1 from unit_ancestors where descendant = ? and ancestor = ? limit 1", [unit, DISTRICT]
            ).fetchall()
        )


# ------------------------------------------------------------------------------------------------ targets
def targets_reuse_province_id() -> Outcome:
    from pipelines.editing import targets_store as store

    v = store.current()
    draft = store.set_target(
        v.text,
        "cm_gia_dinh",
        {"indicator": "gia_dinh_hoc_tap", "scope": {"unit": DISTRICT}, "target_2030": 10, "source": "kh2023_cm"},
    )
    return _refusal(lambda: store.save(draft, v.sha256, "probe", "reuse", allowed=_in_district), "target_out_of_scope")


def targets_remove_province_target() -> Outcome:
    from pipelines.editing import targets_store as store

    v = store.current()
    doc = store.load_doc(v.text)
    doc["targets"] = [t for t in doc["targets"] if t["id"] != "cm_cong_dong"]
    text = store.dump_doc(doc)
    return _refusal(lambda: store.save(text, v.sha256, "probe", "remove", allowed=_in_district), "target_out_of_scope")


def targets_broken_yaml() -> Outcome:
    from pipelines.editing import targets_store as store

    v = store.current()
    return _refusal(lambda: store.save(v.text + "\n  - id: [unclosed\n", v.sha256, "probe", "broken"))


def targets_wrong_type() -> Outcome:
    from pipelines.editing import targets_store as store

    v = store.current()
    text = store.set_target(v.text, "cm_gia_dinh", {"target_2030": "bốn mươi"})
    return _refusal(lambda: store.save(text, v.sha256, "probe", "type"))


def targets_stale_editor() -> Outcome:
    from pipelines.editing import targets_store as store

    v = store.current()
    text = store.set_target(v.text, "cm_gia_dinh", {"note": "stale"})
    return _refusal(lambda: store.save(text, "0" * 64, "probe", "stale"), "concurrent_edit")


def targets_simultaneous_saves() -> Outcome:
    from pipelines.editing import targets_store as store

    v = store.current()
    results: list[str] = []

    def one(n: int) -> None:
        text = store.set_target(v.text, "cm_gia_dinh", {"note": f"lần {n}"})
        try:
            store.save(text, v.sha256, f"probe {n}", "race")
            results.append("saved")
        except ProblemError as exc:
            results.append(exc.code)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if sorted(results) == ["concurrent_edit"] * 3 + ["saved"]:
        return "handled", "one save won, three were refused as concurrent"
    return "accepted", f"results {results}"


# ------------------------------------------------------------------------------------------------ uploads
def _upload(data: bytes, name: str, **kw) -> Outcome:
    from pipelines.intake import service as intake

    p = intake.preview(data, name, scope=kw.pop("scope", DISTRICT), **kw)
    if p.problems and p.accepted.empty:
        return "refused", p.problems[0].message("en")[:90]
    return "accepted", f"{len(p.accepted)} rows accepted"


def xlsx_a1_z200000() -> Outcome:
    return _upload(sparse_xlsx("Z200000"), "a1_z200000.xlsx", year=2024)


def xlsx_a1_cv400000() -> Outcome:
    return _upload(sparse_xlsx("CV400000"), "a1_cv400000.xlsx", year=2024)


def xlsx_million_rows() -> Outcome:
    return _upload(many_rows_xlsx(), "trieu_dong.xlsx", year=2024)


def ods_far_cell() -> Outcome:
    from benchmarks.abuse_files import ods

    return _upload(ods([["mã đơn vị"]], far_row=1_000_000), "xa.ods", year=2024)


def xlsx_unpack_bomb() -> Outcome:
    return _upload(unpack_bomb(), "bom.xlsx", year=2024)


def csv_30_megabytes() -> Outcome:
    return _upload(big_csv(30), "lon.csv")


def xlsx_random_bytes() -> Outcome:
    return _upload(os.urandom(20_000), "hong.xlsx", year=2024)


def csv_wrong_encoding() -> Outcome:
    text = "unit_code,year,indicator,numerator,denominator\n96001,2024,gia_dinh_hoc_tap,1,2\nXã Hòa,,,,\n"
    return _upload(text.encode("utf-16"), "utf16.csv")  # saved as UTF-16 by an old spreadsheet program


def csv_empty() -> Outcome:
    return _upload(b"", "rong.csv")


def csv_sql_injection() -> Outcome:
    rows = "unit_code,year,indicator,numerator,denominator\n\"96'; drop table observations; --\",2024,gia_dinh_hoc_tap,1,2\n"
    return _upload(rows.encode(), "sql.csv", scope=None)


def xlsx_html_in_names() -> Outcome:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Tên xã", "Gia đình học tập", None])
    ws.append([None, "Số đạt", "Tổng số"])
    ws.append(["<script>alert(1)</script>", 5, 10])
    import io

    out = io.BytesIO()
    wb.save(out)
    return _upload(out.getvalue(), "html.xlsx", year=2024)


def upload_outside_scope() -> Outcome:
    rows = b"unit_code,year,indicator,numerator,denominator\n964,2024,gia_dinh_hoc_tap,1,2\n"
    return _upload(rows, "ngoai_pham_vi.csv")


def template_loaded_as_another_year() -> Outcome:
    from pipelines.build.inputs import load_inputs
    from pipelines.intake.report_template import template
    from pipelines.intake.unit_matching import hierarchy, units_in_scope

    inputs = load_inputs()
    communes = units_in_scope(hierarchy(inputs), DISTRICT, 2024)
    data = template(inputs.catalog, communes[communes["tier"] == "commune"], 2024, "Huyện U Minh", DISTRICT)
    return _upload(data, "mau_2024.xlsx", year=2023)


def csv_trailing_commas() -> Outcome:
    from pipelines.intake import service as intake

    rows = b"unit_code,year,indicator,numerator,denominator\n96001,2024,gia_dinh_hoc_tap,1,2,\n"
    p = intake.preview(rows, "dau_phay.csv", scope=None)
    named = [m.message("en") for m in p.problems]
    if any("unit_code" in m and "96001" not in m for m in named):
        return "accepted", "columns shifted: " + named[0][:60]
    return "handled", "columns read in place" if not named else named[0][:90]


def stale_preview_commit() -> Outcome:
    from pipelines.intake import service as intake

    first = intake.preview(b"unit_code,year,indicator,numerator,denominator\n96,2024,cong_dan_hoc_tap,1,2\n", "a.csv")
    second = intake.preview(b"unit_code,year,indicator,numerator,denominator\n96,2024,cong_dan_hoc_tap,1,3\n", "b.csv")
    intake.commit(second, "probe", "second first")
    after_second = _fingerprint_files()
    outcome = _refusal(lambda: intake.commit(first, "probe", "stale"), "stale_upload")
    if _fingerprint_files() != after_second:
        return "data lost", "the refused commit changed the data"
    return outcome


stale_preview_commit.checks_itself = True  # it commits on purpose first; it checks what the refusal changed


def _fingerprint_files() -> list[str]:
    import hashlib

    files = [paths.warehouse_file(), paths.intake_dir() / "log.jsonl"]
    return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else "-" for f in files]


def simultaneous_commits() -> Outcome:
    """Two analysts commit previews made on the same data at the same moment: one goes in, the other is stale."""
    from pipelines.intake import service as intake

    header = b"unit_code,year,indicator,numerator,denominator\n"
    previews = [intake.preview(header + f"96,2024,cong_dan_hoc_tap,{n},9\n".encode(), f"{n}.csv") for n in (4, 5)]
    results: list[str] = []

    def one(p) -> None:
        try:
            intake.commit(p, "probe", "race")
            results.append("committed")
        except ProblemError as exc:
            results.append(exc.code)

    threads = [threading.Thread(target=one, args=(p,)) for p in previews]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if sorted(results) == ["committed", "stale_upload"]:
        return "handled", "one commit went in, the other was refused as stale"
    return "accepted", f"results {results}"


simultaneous_commits.checks_itself = True  # one commit is meant to go in


# ------------------------------------------------------------------------------------------------ exports, decks
def export_formula_injection() -> Outcome:
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from dashboard.exports import file_writers

    names = ["=HYPERLINK(\"http://x\")", " =1+1", "\n=1+1", "@SUM(A1)", "+1", "-2+3"]
    data = file_writers.to_xlsx(file_writers.Table(pd.DataFrame({"a": names}), "t"))
    ws = load_workbook(io.BytesIO(data)).active
    if any(c.data_type == "f" for row in ws.iter_rows() for c in row):
        return "accepted", "a formula reached the workbook"
    return "handled", "every formula-like cell written as text"


def deck_path_traversal() -> Outcome:
    from dashboard.present import deck_store

    return _refusal(lambda: deck_store.save("../../etc/passwd", ["title"]), "deck_name")


def _app(**query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"unit": "96", "year": "2024", **query})
    at.run()
    return at


def deck_saved_by_a_viewer() -> Outcome:
    at = _app()
    at.switch_page("views/deck_editor.py").run()
    if at.multiselect or any("Lưu bộ trình chiếu" in b.label for b in at.button):
        return "accepted", "the deck form is offered to a viewer"
    return "refused", "no deck form for viewers"


def pdf_address_from_the_client() -> Outcome:
    from dashboard.present import deck_pdf

    asked: list[str] = []
    real = deck_pdf.deck_pdf
    deck_pdf.deck_pdf = lambda url, *a, **k: asked.append(url) or b"%PDF"
    try:
        at = _app()
        at.switch_page("views/deck_editor.py").run()
        next(b for b in at.button if "PDF" in b.label).click().run()
    finally:
        deck_pdf.deck_pdf = real
    if asked and asked[0].startswith("http://127.0.0.1:"):
        return "refused", f"printed from {asked[0]}"
    return "accepted", f"printed from {asked}"


def staff_page_as_viewer() -> Outcome:
    at = _app()
    pages = at.session_state["pages"] if "pages" in at.session_state else []
    if any(p in pages for p in ("targets_editor", "data_intake", "users")):
        return "accepted", "a staff page is listed for a viewer"
    return "refused", "staff pages are not offered to viewers"


PROBES: list[Callable[[], Outcome]] = [  # sign-in, builds, the warehouse: abuse_system_probes.py
    targets_reuse_province_id,
    targets_remove_province_target,
    targets_broken_yaml,
    targets_wrong_type,
    targets_stale_editor,
    targets_simultaneous_saves,
    xlsx_a1_z200000,
    xlsx_a1_cv400000,
    xlsx_million_rows,
    ods_far_cell,
    xlsx_unpack_bomb,
    csv_30_megabytes,
    xlsx_random_bytes,
    csv_wrong_encoding,
    csv_empty,
    csv_sql_injection,
    xlsx_html_in_names,
    upload_outside_scope,
    template_loaded_as_another_year,
    csv_trailing_commas,
    stale_preview_commit,
    simultaneous_commits,
    export_formula_injection,
    deck_path_traversal,
    deck_saved_by_a_viewer,
    pdf_address_from_the_client,
    staff_page_as_viewer,
]
QUICK = {"targets_reuse_province_id", "xlsx_a1_z200000", "csv_empty", "deck_path_traversal", "session_cookie_forged"}
