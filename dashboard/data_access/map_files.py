"""A map's polygons served as a file the browser fetches once and keeps, instead of inside every figure: Plotly
copied and encoded the polygons at every view of a map (~0,1 s of server time per view at national scale, issue 17),
and the browser received them again at each visit. A trace's `geojson` is then the file's address (Plotly fetches
it). Files are named by their content (SHA-256), written once to paths.map_files_dir() and served by
dashboard/server.py at /geo/<name>; a folder that cannot be written gives the polygons inline, as before."""

from __future__ import annotations

import json
import re
from hashlib import sha256

from pipelines.config import paths
from pipelines.safe_files import atomic_write

ROUTE = "geo/"  # relative: the page's address (and any base path) goes before it
NAME = re.compile(r"^[0-9a-f]{32}\.json$")


def geo_source(gj: dict) -> str | dict:
    """The address the server serves `gj` at, or `gj` itself when it cannot be written."""
    body = json.dumps(gj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    name = sha256(body).hexdigest()[:32] + ".json"
    path = paths.map_files_dir() / name
    try:
        if not path.exists():
            atomic_write(path, body)
    except OSError:
        return gj
    return ROUTE + name


def read(source: str | dict) -> dict:
    """The GeoJSON a trace's `geojson` stands for (tests, exports)."""
    if isinstance(source, dict):
        return source
    return json.loads((paths.map_files_dir() / source.removeprefix(ROUTE)).read_text(encoding="utf-8"))
