"""One upload previewed and committed on the current warehouse, timed apart: the preview (an incremental build of
the warehouse as the commit would make it, beside the one in use), the commit (the preview's warehouse swapped in),
and the commit until a new reader of the warehouse file sees the new build. Prints one JSON line.

    python -m benchmarks.commit_time FILE --scope CODE
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines.build.warehouse_file import connect_read_only
from pipelines.config import paths
from pipelines.intake import service as intake


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--scope", required=True)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    p = intake.preview(args.file.read_bytes(), args.file.name, scope=args.scope)
    previewed = time.perf_counter()
    entry, _ = intake.commit(p, "benchmark", "one district's correction")
    committed = time.perf_counter()
    con = connect_read_only(paths.warehouse_file())  # a new visitor's connection
    seen = con.execute("select build_id from build_runs").fetchone()[0] == entry["build_id"]
    con.execute("select count(*) from progress where unit_code = ?", [args.scope]).fetchone()
    con.close()
    visible = time.perf_counter()
    last = json.loads(paths.run_log_file().read_text(encoding="utf-8").splitlines()[-1])
    print(
        json.dumps(
            dict(
                preview_s=previewed - start,
                commit_s=committed - previewed,
                visible_s=visible - previewed,
                seen=seen,
                adopted="adopted" in last.get("steps", {}),
                judged_units=last.get("judged_units"),
                rows=len(p.accepted),
            )
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
