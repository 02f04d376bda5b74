"""Command line: python -m pipelines {check,build,demo,units} [--lang vi|en]

    check   validate targets.yaml, the standards, the unit registry and data/raw without building;
            exit 1 if anything is wrong, with every problem located (file, row/line, column/path)
    build   rebuild the warehouse atomically (a failure keeps the last good warehouse)
    demo    regenerate the illustrative demo data (fixed seed)
    units   regenerate data/units/units.csv from vietnamadminunits and the Cà Mau 2022 list
"""
from __future__ import annotations

import argparse
import os
import sys

from .problems import InputError

TEXT = {
    "vi": {
        "ok_check": "Hợp lệ: {observations} quan sát, {units} đơn vị, {progress} dòng tiến độ ({seconds:.1f} giây).",
        "rejects": "{n} dòng dữ liệu bị loại:",
        "built": "Đã xây dựng kho dữ liệu {path} (lần chạy {build_id}, {seconds:.1f} giây): {counts}",
        "failed": "Không xây dựng được: {n} lỗi. Kho dữ liệu cũ (nếu có) vẫn được giữ nguyên.",
        "invalid": "Không hợp lệ: {n} lỗi.",
        "more": "… và {n} lỗi khác.",
    },
    "en": {
        "ok_check": "Valid: {observations} observations, {units} units, {progress} progress rows ({seconds:.1f} s).",
        "rejects": "{n} data rows rejected:",
        "built": "Built warehouse {path} (run {build_id}, {seconds:.1f} s): {counts}",
        "failed": "Build failed: {n} problems. The last good warehouse (if any) is unchanged.",
        "invalid": "Invalid: {n} problems.",
        "more": "… and {n} more.",
    },
}
SHOW = 50


def _print_problems(messages: list[str], lang: str) -> None:
    for line in messages[:SHOW]:
        print("  - " + line, file=sys.stderr)
    if len(messages) > SHOW:
        print("  " + TEXT[lang]["more"].format(n=len(messages) - SHOW), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "build", "demo", "units"])
    parser.add_argument("--lang", choices=["vi", "en"], default=os.environ.get("XHHT_LANG", "vi"))
    parser.add_argument("--strict", action="store_true", help="build: fail if any data row is rejected")
    args = parser.parse_args(argv)
    t = TEXT[args.lang]

    if args.command == "demo":
        from .demo_data import main as demo_main
        from .demo_records import write as write_records

        from .demo_reform import write as write_reform

        code = demo_main()
        print(f"{len(write_reform())} files written across the reform (old Bạc Liêu 2020–2024, new Cà Mau 2025–2026).")
        print(f"{len(write_records())} record files written (Week activities, literacy classes).")
        return code
    if args.command == "units":
        from .unit_registry import main as units_main
        return units_main()

    from . import build as b
    from .paths import display_path

    try:
        result = b.check() if args.command == "check" else b.build(strict=args.strict)
    except InputError as exc:
        print(t["failed" if args.command == "build" else "invalid"].format(n=len(exc.problems)), file=sys.stderr)
        _print_problems(exc.messages(args.lang), args.lang)
        return 1
    if result.rejects:
        print(t["rejects"].format(n=len(result.rejects)), file=sys.stderr)
        _print_problems([p.message(args.lang) for p in result.rejects], args.lang)
    if args.command == "check":
        print(t["ok_check"].format(seconds=result.duration_s, **result.counts))
        return 1 if result.rejects else 0
    print(t["built"].format(path=display_path(result.warehouse), build_id=result.build_id,
                            seconds=result.duration_s, counts=result.counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
