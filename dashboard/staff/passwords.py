"""Password hashes (argon2id): made for secrets.toml and app-managed accounts, checked at sign-in.
Nothing here stores or logs a password.

    python -m dashboard.staff.passwords hash   # prints an argon2 hash for .streamlit/secrets.toml
"""

from __future__ import annotations

import getpass
import sys

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def matches(password_hash: str | None, password: str) -> bool:
    """True if `password` matches the hash; without a hash, spends the same time and says False."""
    if not password_hash:
        _hasher.hash(password)  # same time either way: an unknown login is not told apart
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def main(argv: list[str]) -> int:
    if argv[:1] != ["hash"]:
        print(__doc__.strip().splitlines()[-1].strip())
        return 2
    print(hash_password(getpass.getpass("Mật khẩu / password: ")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
