"""The dashboard in Streamlit's AppTest, for page tests: open a page with a view in the URL (no exception allowed),
and read the numbers of a Plotly chart's trace as the page sent them."""

from __future__ import annotations

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest

from pipelines.config import paths

APP = str(paths.REPO / "dashboard" / "app.py")


def open_page(page: str, **params) -> AppTest:
    """A new AppTest of the dashboard on `views/<page>.py`."""
    return show(AppTest.from_file(APP, default_timeout=120), page, **params)


def show(at: AppTest, page: str, **params) -> AppTest:
    """`at` with the view's parameters in its URL, on `views/<page>.py`, with no exception."""
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def numbers(values) -> list:
    """A trace's x or y: Plotly sends numeric arrays typed ({"dtype": …, "bdata": base64}), others as lists."""
    if isinstance(values, dict):
        return list(np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]))
    return list(values)


def traces(at: AppTest, index: int = 0) -> list[dict]:
    """The traces of the page's `index`-th Plotly chart."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)["data"]
