# Sourced by scripts/run, scripts/test and scripts/bench: create .venv with Python 3.11, 3.12 or 3.13, install the
# pinned requirements and the project itself (editable, so `dashboard`, `pipelines` and `devdata` import anywhere).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-$(command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)}"
"$PY" - <<'PYCHECK'
import sys
if not (3, 11) <= sys.version_info[:2] <= (3, 13):
    sys.exit(f"XHHT 2030 cần Python 3.11, 3.12 hoặc 3.13 (đang có {sys.version.split()[0]}); "
             "set PYTHON=/path/to/python3.12 / needs Python 3.11–3.13")
PYCHECK
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))'; then
  rm -rf .venv  # made by a Python outside 3.11–3.13: start again
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$want" > "$stamp"
fi
