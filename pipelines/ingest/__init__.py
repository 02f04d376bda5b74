"""Reading what the build consumes, as text with file and row for every value: observation files, record
files, the unit registry and crosswalk, map polygons. Imports config and problems."""
