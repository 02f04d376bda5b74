"""Generators of data that is not real: the illustrative Cà Mau demo, seeded synthetic national data for the
benchmarks, and the regeneration of the unit registry from its source package. Not product code: nothing in
pipelines/ or dashboard/ imports it except the command line that runs it. Imports pipelines."""
