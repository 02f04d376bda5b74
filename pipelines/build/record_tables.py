"""Record files as warehouse tables: Week activities and literacy classes typed and validated row by row in SQL
(sql/records/), with the Week's dates and the choice lists of records.yaml."""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.build.sql_runner import run_sql, write_table
from pipelines.config.record_catalog import RecordsConfig
from pipelines.ingest.record_files import DATASETS, RecordFile


def _choices(config: RecordsConfig | None) -> pd.DataFrame:
    rows = []
    if config is not None:
        rows += [("activity", k, v.vi, v.en, None) for k, v in config.week.activities.items()]
        rows += [("mode", k, v.vi, v.en, None) for k, v in config.week.modes.items()]
        rows += [("programme", k, v.vi, v.en, v.literacy_level) for k, v in config.literacy_classes.programmes.items()]
    return pd.DataFrame(rows, columns=["field", "id", "vi", "en", "literacy_level"]).astype({"literacy_level": "Int64"})


def _weeks(config: RecordsConfig | None) -> pd.DataFrame:
    rows = [] if config is None else [(y, w.start, w.end, w.theme) for y, w in config.week.years.items()]
    return pd.DataFrame(rows, columns=["year", "start_date", "end_date", "theme"])


def load_records(con: duckdb.DuckDBPyConnection, config: RecordsConfig | None, files: list[RecordFile]) -> None:
    """record_choices, weeks, week_activities, literacy_classes; their rejects are appended to `rejects`."""
    write_table(con, "record_choices", _choices(config))
    write_table(con, "weeks", _weeks(config))
    for dataset, columns in DATASETS.values():
        con.execute(
            f"create or replace temp table raw_{dataset} (file varchar, row bigint, "
            + ", ".join(f"{c} varchar" for c in columns)
            + ")"
        )
        for f in (f for f in files if f.dataset == dataset):
            con.register("_r", f.frame)
            con.execute(f"insert into raw_{dataset} select * from _r")
            con.unregister("_r")
        run_sql(con, dataset)
        con.execute(f"insert into rejects select * from {dataset}_rejects")
        con.execute(f"drop table {dataset}_rejects")
