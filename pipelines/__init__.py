"""XHHT 2030 pipelines: raw indicator files + targets.yaml -> DuckDB warehouse.

Data flows one way: raw files -> validated staging -> warehouse tables -> progress/gap tables.
Nothing here imports Streamlit.
"""
