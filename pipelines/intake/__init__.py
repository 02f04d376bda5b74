"""Uploads from analysts: the spreadsheet reader, names -> codes, scope check, preview and commit as a build,
and the Excel report template given to units. Imports config, ingest, build and editing."""
