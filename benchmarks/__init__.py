"""Benchmarks that print figures (never asserted): the rebuild at any scale against the DuckDB floor and a pandas
baseline, page times, exports. Imports pipelines, dashboard and devdata, never tests."""
