"""The periodic report of a steering committee (báo cáo định kỳ) as plain content: header fields, sections of
paragraphs, tables and charts. report_docx.py and report_pdf.py lay the same content out as Word and PDF.

Layout of a Vietnamese administrative report (NĐ 30/2020/NĐ-CP on administrative documents): issuing body and
document number on the left, national motto on the right, place and date, title, "Kính gửi", numbered
sections, recipients ("Nơi nhận") and the signature block. Figures come from the warehouse; wording that the
committee must write itself (proposals, signatory) is left as a marked placeholder, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.data_access.warehouse import page_ids, q, table
from dashboard.ui import charts, fmt
from dashboard.ui import components as c
from dashboard.ui.i18n import JUDGEMENT, OFF_TRACK, OUTLOOK, REFORM_DAY, STATUS, VERDICTS, label, name_in_text

ROMAN = ["I", "II", "III", "IV", "V"]
MAX_BEHIND_ROWS = 40


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "bullet", "table", "chart", "note"
    text: str = ""
    frame: pd.DataFrame | None = None
    png: bytes | None = None  # chart image


@dataclass
class Report:
    issuer_parent: str  # e.g. "UBND TỈNH CÀ MAU"
    issuer: str  # "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP"
    number: str  # "Số: …/BC-BCĐ"
    place_date: str
    title: str
    subtitle: str
    recipients: list[str]
    blocks: list[Block] = field(default_factory=list)
    illustrative: bool = False
    signer_role: str = "TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN"


def _place(unit: str, unit_name: str) -> str:
    """Where the report is signed: the unit's own name without its tier ("Cà Mau"); the national steering
    committee signs in the capital."""
    if unit == "VN":
        return "Hà Nội"
    for prefix in ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Xã ", "Phường ", "Thị trấn "):
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


def _report(key: str, unit: str, unit_name: str, subtitle: str, recipients: list[str], today: date) -> Report:
    """The heading of a report issued by the unit's steering committee."""
    return Report(
        issuer_parent="" if unit == "VN" else f"UBND {unit_name.upper()}",
        issuer="BAN CHỈ ĐẠO XÂY DỰNG\nXÃ HỘI HỌC TẬP",
        number="Số: …/BC-BCĐ",
        place_date=f"{_place(unit, unit_name)}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
        title="BÁO CÁO",
        subtitle=subtitle,
        recipients=recipients,
        illustrative=bool(q(key, "illustrative")["illustrative"].iloc[0]),
    )


def _card_table(card: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = []
    for r in card.itertuples():
        rows.append(
            {
                "Chỉ tiêu": c.indicator_name(r, "vi"),
                "Thực hiện": c.fmt_actual(r, "vi"),
                f"Mốc năm {year}": c.fmt_value(r, r.milestone, "vi"),
                "Mục tiêu 2030": c.fmt_value(r, r.target_2030, "vi"),
                "Chênh lệch": c.fmt_gap(r, "vi"),
                "Cần thêm": c.fmt_to_close(r, "vi"),
                "Tình trạng": _plain(label(STATUS, r.status, "vi")),
            }
        )
    return pd.DataFrame(rows)


def _plain(text: str) -> str:
    """Labels without their screen icon (✓, ✗ …): a printed report says it in words."""
    return text.split(" ", 1)[1] if text and not text[0].isalnum() and " " in text else text


def _summary(card: pd.DataFrame, unit: str, unit_name: str, year: int) -> str:
    """How many targets met this year's milestone among those with a value; why the others have no verdict."""
    status = card["status"]
    met, judged = int((status == "met").sum()), int(status.isin(VERDICTS).sum())
    text = (
        f"Năm {year}, {name_in_text(unit, unit_name, 'vi')} đạt mốc kế hoạch của năm ở {fmt.number(met, 'vi')}/{fmt.number(judged, 'vi')} "
        "chỉ tiêu có số liệu"
    )
    waiting = int(status.isin(["no_data", "incomplete", "no_milestone"]).sum())
    no_rule, not_applicable = int((status == "no_rule").sum()), int((status == "not_applicable").sum())
    if waiting:
        text += f"; {fmt.number(waiting, 'vi')} chỉ tiêu chưa đánh giá được (chưa có số liệu, thiếu báo cáo hoặc chưa có mốc)"
    if no_rule:
        text += f"; {fmt.number(no_rule, 'vi')} chỉ tiêu {JUDGEMENT['no_rule_why'][0]}"
    if not_applicable:
        text += f"; {fmt.number(not_applicable, 'vi')} chỉ tiêu tính theo huyện không áp dụng từ {REFORM_DAY}"
    return text + "."


def periodic(
    key: str,
    unit: str,
    unit_name: str,
    year: int,
    recipients: list[str],
    today: date | None = None,
    with_charts: bool = True,
) -> Report:
    today = today or date.today()
    groups = table(key, "groups").set_index("id")
    card = q(key, "scorecard", unit, year)
    behind = q(key, "units_behind", unit, year)
    report = _report(
        key, unit, unit_name, f"Kết quả thực hiện các chỉ tiêu xây dựng xã hội học tập năm {year}", recipients, today
    )
    add = report.blocks.append
    add(Block("heading", f"{ROMAN[0]}. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"))
    add(Block("paragraph", _summary(card, unit, unit_name, year)))
    for n, (group, part) in enumerate(card.groupby("group", sort=False), start=1):
        name = groups.at[group, "vi"] if group in groups.index else group
        add(Block("heading", f"{n}. {name}"))
        g_met, g_judged = int((part["status"] == "met").sum()), int(part["status"].isin(VERDICTS).sum())
        add(
            Block(
                "paragraph",
                f"Đạt mốc năm {year}: {fmt.number(g_met, 'vi')}/{fmt.number(g_judged, 'vi')} chỉ tiêu có số liệu"
                + (f" (trong {fmt.number(len(part), 'vi')} chỉ tiêu)." if g_judged < len(part) else "."),
            )
        )
        add(Block("table", frame=_card_table(part, year)))
        if with_charts:
            fig = charts.group_progress_chart(part, "vi")
            if fig is not None:
                from dashboard.exports.file_writers import figure_bytes

                add(
                    Block(
                        "chart",
                        text=f"Hình: {name}, thực hiện so với mốc năm {year}",
                        png=figure_bytes(fig, "png", 1000, max(240, 90 + 60 * len(fig.data[0].y))),
                    )
                )
    add(Block("heading", f"{ROMAN[1]}. CÁC ĐƠN VỊ CHƯA ĐẠT MỐC KẾ HOẠCH"))
    if behind.empty:
        add(
            Block(
                "paragraph",
                f"Không có đơn vị trực thuộc nào chưa đạt mốc kế hoạch năm {year} (theo số liệu đã báo cáo).",
            )
        )
    else:
        add(
            Block(
                "paragraph",
                f"{fmt.number(behind['code'].nunique(), 'vi')} đơn vị trực thuộc có ít nhất một chỉ tiêu "
                f"chưa đạt mốc năm {year}; bảng dưới liệt kê theo từng chỉ tiêu, đơn vị cách xa mốc nhất trước"
                + (f" ({MAX_BEHIND_ROWS} dòng đầu)." if len(behind) > MAX_BEHIND_ROWS else "."),
            )
        )
        shown = behind.head(MAX_BEHIND_ROWS)
        add(
            Block(
                "table",
                frame=pd.DataFrame(
                    {
                        "Chỉ tiêu": [c.short_name(r, "vi") for r in shown.itertuples()],
                        "Đơn vị": shown["name"],
                        "Thực hiện": [c.fmt_actual(r, "vi") for r in shown.itertuples()],
                        f"Mốc năm {year}": [c.fmt_value(r, r.milestone, "vi") for r in shown.itertuples()],
                        "Cần thêm": [c.fmt_to_close(r, "vi") for r in shown.itertuples()],
                    }
                ),
            )
        )
    add(Block("heading", f"{ROMAN[2]}. ĐỀ XUẤT, KIẾN NGHỊ"))
    concerns = card[card["outlook_category"].isin(OFF_TRACK) | (card["status"] == "behind")]
    if not concerns.empty:
        add(Block("paragraph", "Các chỉ tiêu cần tập trung chỉ đạo (theo số liệu):"))
        for r in concerns.itertuples():
            need = c.fmt_to_close(r, "vi")
            outlook = r.outlook_category  # none without a value this year: then nothing is said about 2030
            add(
                Block(
                    "bullet",
                    f"{c.indicator_name(r, 'vi')}: {_plain(label(STATUS, r.status, 'vi')).lower()} năm {year}"
                    + (f", cần thêm {need}" if need else "")
                    + (
                        f"; triển vọng đến 2030: {_plain(label(OUTLOOK, outlook, 'vi')).lower()}."
                        if isinstance(outlook, str)
                        else "."
                    ),
                )
            )
    add(Block("note", "[Ban Chỉ đạo bổ sung các đề xuất, kiến nghị cụ thể.]"))
    return report


def _date(d) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def week(
    key: str,
    unit: str,
    unit_name: str,
    year: int,
    recipients: list[str],
    today: date | None = None,
    with_charts: bool = True,
) -> Report | None:
    """The report on the Lifelong Learning Week of `year` (None when records.yaml has no Week for that year)."""
    today = today or date.today()
    info = q(key, "week_info", unit, year, page_ids().online_mode)
    if info.empty:
        return None
    i = info.iloc[0]
    by_kind = q(key, "week_by_activity", unit, year)
    by_unit = q(key, "week_by_unit", unit, year, page_ids().online_mode)
    missing = q(key, "week_missing", unit, year)
    report = _report(
        key, unit, unit_name, f"Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {year}", recipients, today
    )
    add = report.blocks.append
    add(Block("heading", "I. THỜI GIAN, CHỦ ĐỀ"))
    theme = (
        f"chủ đề “{i.theme}”" if isinstance(i.theme, str) and i.theme else "chủ đề: [chưa cập nhật trong records.yaml]"
    )
    add(
        Block("paragraph", f"Tuần lễ được tổ chức từ ngày {_date(i.start_date)} đến ngày {_date(i.end_date)}, {theme}.")
    )
    add(Block("heading", "II. KẾT QUẢ TỔ CHỨC"))
    add(
        Block(
            "paragraph",
            f"{fmt.number(i.reporting, 'vi')}/{fmt.number(i.communes, 'vi')} xã, phường, thị trấn đã báo cáo; "
            f"tổng cộng {fmt.number(i.events, 'vi')} hoạt động với {fmt.number(i.participants, 'vi')} lượt "
            "người tham gia"
            + (f", trong đó {fmt.percent(i.online_share, 'vi')} trực tuyến." if i.participants else "."),
        )
    )
    if not by_kind.empty:
        add(Block("heading", "1. Theo loại hoạt động"))
        add(
            Block(
                "table",
                frame=pd.DataFrame(
                    {
                        "Loại hoạt động": by_kind["activity_vi"],
                        "Hình thức": by_kind["mode_vi"],
                        "Số đơn vị": [fmt.number(x, "vi") for x in by_kind["units"]],
                        "Số hoạt động": [fmt.number(x, "vi") for x in by_kind["events"]],
                        "Số người tham gia": [fmt.number(x, "vi") for x in by_kind["participants"]],
                    }
                ),
            )
        )
        if with_charts:
            from dashboard.exports.file_writers import figure_bytes

            fig = charts.week_activities_chart(by_kind, "vi")
            add(
                Block(
                    "chart",
                    text=f"Hình: số người tham gia theo loại hoạt động, Tuần lễ {year}",
                    png=figure_bytes(fig, "png", 1000, int(fig.layout.height)),
                )
            )
    if not by_unit.empty:
        add(Block("heading", "2. Theo đơn vị"))
        add(
            Block(
                "table",
                frame=pd.DataFrame(
                    {
                        "Đơn vị": by_unit["name"],
                        "Đã báo cáo": [
                            f"{fmt.number(a, 'vi')}/{fmt.number(b, 'vi')}"
                            for a, b in zip(by_unit["reporting"], by_unit["communes"])
                        ],
                        "Số hoạt động": [fmt.number(x, "vi") for x in by_unit["events"]],
                        "Số người tham gia": [fmt.number(x, "vi") for x in by_unit["participants"]],
                        "Trực tuyến": [fmt.number(x, "vi") for x in by_unit["online"]],
                    }
                ),
            )
        )
    add(Block("heading", "III. ĐƠN VỊ CHƯA BÁO CÁO"))
    if missing.empty:
        add(Block("paragraph", "Tất cả các xã, phường, thị trấn đã gửi báo cáo."))
    else:
        add(
            Block(
                "paragraph",
                f"{fmt.number(len(missing), 'vi')} đơn vị chưa gửi báo cáo: "
                + "; ".join(
                    f"{r.name} ({r.parent_name})" if isinstance(r.parent_name, str) else r.name
                    for r in missing.itertuples()
                )
                + ".",
            )
        )
    add(Block("heading", "IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    add(Block("note", "[Ban Chỉ đạo đánh giá ưu điểm, hạn chế và bổ sung đề xuất cho năm sau.]"))
    return report
