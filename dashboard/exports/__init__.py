"""Files for download: tables as Excel/CSV, charts as PNG/PDF, the periodic and Week reports as Word/PDF.
Imports ui and data_access."""
