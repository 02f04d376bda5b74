"""Command line: python -m pipelines {check,build,demo,units,load} [--lang vi|en]

check   validate targets.yaml, the standards, the unit registry and data/raw without building;
        exit 1 if anything is wrong, with every problem located (file, row/line, column/path)
build   rebuild the warehouse atomically (a failure keeps the last good warehouse)
demo    regenerate the illustrative demo data (fixed seed)
units   regenerate data/units/units.csv from vietnamadminunits and the Cà Mau 2022 list
official write data/raw/gso/ from the statistics office's tables as published in data/official/gso/ (PX-Web)
load    preview an upload as the Nạp dữ liệu page does (python -m pipelines load FILE [--year Y] [--scope CODE]);
        with --commit --who NAME --why TEXT, commit it (exit 1 when rows were refused or nothing was loaded)
"""

from __future__ import annotations

import argparse
import sys

from pipelines.config.settings import settings
from pipelines.problems import ProblemError

TEXT = {
    "vi": {
        "ok_check": "Hợp lệ: {observations} quan sát, {units} đơn vị, {progress} dòng tiến độ ({seconds:.1f} giây).",
        "rejects": "{n} dòng dữ liệu bị loại:",
        "built": "Đã xây dựng kho dữ liệu {path} (lần chạy {build_id}, {seconds:.1f} giây): {counts}",
        "failed": "Không xây dựng được: {n} lỗi. Kho dữ liệu cũ (nếu có) vẫn được giữ nguyên.",
        "invalid": "Không hợp lệ: {n} lỗi.",
        "more": "… và {n} lỗi khác.",
        "preview": "{rows_read} dòng: {rows_accepted} hợp lệ, {rows_rejected} bị từ chối; {values} giá trị ({new} mới, "
        "{changed} thay đổi, {unchanged} không đổi); {status_changes} tình trạng thay đổi.",
        "committed": "Đã nạp (lô {batch}, lần chạy {build_id}).",
        "noop": "Tệp này đã được nạp lúc {when} bởi {who}: không có gì thay đổi.",
        "need_who": "--commit cần --who và --why.",
    },
    "en": {
        "ok_check": "Valid: {observations} observations, {units} units, {progress} progress rows ({seconds:.1f} s).",
        "rejects": "{n} data rows rejected:",
        "built": "Built warehouse {path} (run {build_id}, {seconds:.1f} s): {counts}",
        "failed": "Build failed: {n} problems. The last good warehouse (if any) is unchanged.",
        "invalid": "Invalid: {n} problems.",
        "more": "… and {n} more.",
        "preview": "{rows_read} rows: {rows_accepted} accepted, {rows_rejected} refused; {values} values ({new} new, "
        "{changed} changed, {unchanged} unchanged); {status_changes} statuses change.",
        "committed": "Committed (batch {batch}, run {build_id}).",
        "noop": "This file was committed at {when} by {who}: nothing changed.",
        "need_who": "--commit needs --who and --why.",
    },
}
SHOW = 50


def _print_problems(messages: list[str], lang: str) -> None:
    for line in messages[:SHOW]:
        print("  - " + line, file=sys.stderr)
    if len(messages) > SHOW:
        print("  " + TEXT[lang]["more"].format(n=len(messages) - SHOW), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["check", "build", "demo", "units", "official", "load"])
    parser.add_argument("file", nargs="?", help="load: the file to preview (and commit)")
    parser.add_argument("--year", type=int, help="load: the year of a spreadsheet's figures")
    parser.add_argument("--scope", help="load: the unit the file is for (names are matched below it)")
    parser.add_argument("--commit", action="store_true", help="load: commit after the preview")
    parser.add_argument("--who", default="", help="load: who commits")
    parser.add_argument("--why", default="", help="load: why")
    parser.add_argument("--lang", choices=["vi", "en"], default=settings().lang)
    parser.add_argument("--strict", action="store_true", help="build: fail if any data row is rejected")
    args = parser.parse_args(argv)
    t = TEXT[args.lang]

    if args.command == "demo":
        from devdata.demo_indicators import main as demo_main
        from devdata.demo_records import write as write_records
        from devdata.demo_reform import write as write_reform

        code = demo_main()
        print(f"{len(write_reform())} files written across the reform (old Bạc Liêu 2020–2024, new Cà Mau 2025–2026).")
        print(f"{len(write_records())} record files written (Week activities, literacy classes).")
        return code
    if args.command == "units":
        from devdata.registry_generator import main as units_main

        return units_main()

    if args.command == "load":
        return _load(args, t)
    if args.command == "official":
        from pipelines.intake.official_tables import write_tidy

        failed = 0
        for published, p in write_tidy():
            print(f"{published.name}: " + t["preview"].format(**p.counts()))
            _print_problems([x.message(args.lang) for x in p.problems], args.lang)
            failed += bool(p.problems)
        return 1 if failed else 0

    from pipelines.build import runner as b
    from pipelines.config.paths import display_path

    try:
        result = b.check() if args.command == "check" else b.build(strict=args.strict)
    except ProblemError as exc:
        print(t["failed" if args.command == "build" else "invalid"].format(n=len(exc.problems)), file=sys.stderr)
        _print_problems(exc.messages(args.lang), args.lang)
        return 1
    if result.rejects:
        print(t["rejects"].format(n=len(result.rejects)), file=sys.stderr)
        _print_problems([p.message(args.lang) for p in result.rejects], args.lang)
    if args.command == "check":
        print(t["ok_check"].format(seconds=result.duration_s, **result.counts))
        return 1 if result.rejects else 0
    print(
        t["built"].format(
            path=display_path(result.warehouse),
            build_id=result.build_id,
            seconds=result.duration_s,
            counts=result.counts,
        )
    )
    return 0


def _load(args, t: dict) -> int:
    from pathlib import Path

    from pipelines.intake import service as intake

    if not args.file:
        print("python -m pipelines load FILE [--year Y] [--scope CODE] [--commit --who W --why TEXT]", file=sys.stderr)
        return 2
    path = Path(args.file)
    try:
        p = intake.preview(path.read_bytes(), path.name, year=args.year, scope=args.scope)
    except ProblemError as exc:
        print(t["invalid"].format(n=len(exc.problems)), file=sys.stderr)
        _print_problems(exc.messages(args.lang), args.lang)
        return 1
    print(t["preview"].format(**p.counts()))
    _print_problems([x.message(args.lang) for x in p.problems], args.lang)
    for n in p.notes[:SHOW]:
        print(f"  · {n.location(args.lang)}: {n.text(args.lang)}")
    try:
        if not args.commit:
            return 1 if p.problems or p.accepted.empty else 0
        if not args.who.strip() or not args.why.strip():
            print(t["need_who"], file=sys.stderr)
            return 2
        entry, new = intake.commit(p, args.who, args.why)
    except ProblemError as exc:
        messages = exc.messages(args.lang)
        print(t["failed"].format(n=len(messages)), file=sys.stderr)
        _print_problems(messages, args.lang)
        return 1
    finally:
        p.discard()  # a preview not committed leaves no warehouse behind
    print(t["committed" if new else "noop"].format(**entry))
    return 1 if p.problems else 0


if __name__ == "__main__":
    sys.exit(main())
