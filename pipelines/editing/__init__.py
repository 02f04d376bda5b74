"""Writing shared files safely: the targets store (round-trip edits, history, concurrency) and the locked,
atomic writes every writer uses. Imports config and build (a save rebuilds)."""
