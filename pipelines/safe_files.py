"""Writing shared files safely: an exclusive lock for a read-check-write sequence, and atomic replacement (a reader
sees the old file or the new one, never half of one; a crash leaves the old one)."""

from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def locked(lock_file: Path):
    """Hold an exclusive lock on `lock_file` (created if needed) for the duration of the block."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    # read-only: flock needs no write access, so a lock file created by another account (a build run by hand as
    # another user) still serves
    fd = os.open(lock_file, os.O_RDONLY | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | str, mode: int | None = None) -> None:
    """Replace `path` with `data` in one step (fsync'd temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
