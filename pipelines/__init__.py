"""XHHT 2030 pipelines: raw indicator files + targets.yaml -> DuckDB warehouse (read top to bottom in build/runner.py).

Layers, each a folder that imports only from the layers above it in this list:
  problems.py, vn_text.py  the one problem family (imports nothing of ours) and Vietnamese text and numbers
  config/   settings, paths, YAML loading, the catalogue (targets.yaml), NĐ 20 standards, records.yaml
  method/   the rules of judgement that are not SQL: milestone paths, NĐ 20 level rules (pure functions)
  ingest/   reading the files the build consumes: observations, records, the unit registry, map polygons
  build/    the runner and its SQL by layer (staging, warehouse, levels, progress, records)
  editing/  safe writes of shared files (targets store, locked atomic writes)
  intake/   uploads from analysts: spreadsheet reader, names -> codes, preview / commit, Excel templates
Nothing here imports Streamlit or dashboard/.
"""
