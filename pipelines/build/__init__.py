"""The build: runner.py reads top to bottom (load -> stage -> warehouse -> levels -> progress -> records ->
swap); sql/<layer>/<table>.sql holds each step, named after the table it builds. Imports config, method, ingest."""
