"""The rules every verdict obeys (shared/docs/methodology.md §5), checked on every build.

One file per rule under build/sql/audits/, in the style of sqlmesh's audits: a SELECT that returns the rows
breaking the rule, headed by the rule in plain Vietnamese (`-- vi:`) and English (`-- en:`). The build runs them
all after progress; any row fails the build (ProblemError naming the rule and its first rows), so the last good
warehouse keeps serving. The Phương pháp page lists the same rules from the `audit_rules` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd

from pipelines.build.sql_runner import SQL_DIR
from pipelines.config.settings import settings
from pipelines.problems import Problem, ProblemError

AUDIT_DIR = SQL_DIR / "audits"
SHOWN_ROWS = 5


@dataclass(frozen=True)
class Audit:
    name: str
    rule_vi: str
    rule_en: str
    sql: str


def audits() -> tuple[Audit, ...]:
    return _audits(settings().reform_date)


@cache
def _audits(reform_date) -> tuple[Audit, ...]:
    out = []
    for path in sorted(AUDIT_DIR.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        rule = {line[3:5]: line[6:].strip() for line in text.splitlines() if line.startswith(("-- vi:", "-- en:"))}
        day = reform_date
        words = {"reform_day": f"{day.day}/{day.month}/{day.year}"}  # the rule names the configured reform date
        out.append(Audit(path.stem, rule["vi"].format(**words), rule["en"].format(**words), text))
    return tuple(out)


def audit_rules() -> pd.DataFrame:
    """The rules as a table for the warehouse (the methodology page reads it)."""
    return pd.DataFrame(
        [dict(name=a.name, rule_vi=a.rule_vi, rule_en=a.rule_en) for a in audits()],
        columns=["name", "rule_vi", "rule_en"],
    )


def failures(con: duckdb.DuckDBPyConnection, **params) -> dict[str, pd.DataFrame]:
    """The offending rows of every audit that found any."""
    out = {}
    for audit in audits():
        statement = duckdb.extract_statements(audit.sql)[0]
        rows = con.execute(statement, {k: params[k] for k in statement.named_parameters}).df()
        if len(rows):
            out[audit.name] = rows
    return out


def check_audits(con: duckdb.DuckDBPyConnection, **params) -> None:
    """Raise a ProblemError naming every broken rule, with its first rows, in both languages."""
    broken = failures(con, **params)
    if not broken:
        return
    by_name = {a.name: a for a in audits()}
    problems = []
    for name, rows in broken.items():
        shown = "; ".join(
            ", ".join(f"{k}={v}" for k, v in row.items() if pd.notna(v))
            for row in rows.head(SHOWN_ROWS).to_dict("records")
        )
        problems.append(
            Problem(
                "audit_failed",
                f"pipelines/build/sql/audits/{name}.sql",
                found=str(len(rows)),
                params=dict(rule={"vi": by_name[name].rule_vi, "en": by_name[name].rule_en}, rows=shown),
            )
        )
    raise ProblemError(problems)
