"""Configuration: settings (environment, reform date, browser), paths, YAML loading into pydantic models, the
indicator catalogue (targets.yaml), the NĐ 20/2014 standards and records.yaml. Imports only problems and vn_text."""
