"""Read-only access to the warehouse: one connection per build, named queries (queries/<name>.sql) cached per
build and parameters. Pages read data only through here. Imports pipelines.config and pipelines.build."""
