"""Staff: sign-in and accounts, and the staff-only pages (targets editor, data intake, users).
Imports ui, data_access and pipelines (editing, intake, build)."""
