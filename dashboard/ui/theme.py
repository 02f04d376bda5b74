"""One palette for every page: Okabe–Ito colours (safe for the common colour-vision deficiencies), always
paired with a text label and a symbol (dashboard/i18n.py), never colour alone."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

BLUE, GREEN, ORANGE, VERMILLION, PURPLE, SKY, GREY, LIGHT = (
    "#0072B2",
    "#009E73",
    "#E69F00",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#7F7F7F",
    "#D9D9D9",
)

# no verdict (no data, no milestone, not applicable, no rule yet) stays neutral grey: only met and behind are coloured
STATUS_COLOURS = {
    "met": BLUE,
    "behind": VERMILLION,
    "incomplete": GREY,
    "no_data": LIGHT,
    "no_milestone": LIGHT,
    "not_applicable": LIGHT,
    "no_rule": LIGHT,
}
OUTLOOK_COLOURS = {
    "met": BLUE,
    "on_track": GREEN,
    "acceleration_needed": ORANGE,
    "limited_progress": VERMILLION,
    "stagnation": PURPLE,
    "moving_away": VERMILLION,
    "insufficient_data": LIGHT,
}
_LEVEL_RAMPS = {1: [VERMILLION, BLUE], 2: [VERMILLION, ORANGE, BLUE], 3: [VERMILLION, ORANGE, SKY, BLUE]}


def level_colour(level: int | None, top: int) -> str:
    """Colour of a level on a standard whose highest level is `top`: 0 vermillion ... top blue."""
    if level is None:
        return LIGHT
    ramp = _LEVEL_RAMPS.get(top, _LEVEL_RAMPS[3])
    return ramp[max(0, min(level, len(ramp) - 1))]


UNKNOWN = LIGHT

FONT = "Source Sans, Source Sans Pro, sans-serif"  # Streamlit's own font, served by the app, full Vietnamese

pio.templates["xhht"] = go.layout.Template(
    layout=dict(
        font=dict(family=FONT, size=14, color="#262730"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=40, b=10),
        xaxis=dict(gridcolor="#EEEEEE", zeroline=False),
        yaxis=dict(gridcolor="#EEEEEE", zeroline=False),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        hoverlabel=dict(font_family=FONT),
    )
)
pio.templates.default = "xhht"


# page-wide rules: a metric's label, value and change wrap rather than being cut ("Cộng đồng học tập (thôn, ấp, kh…")
PAGE_CSS = (
    "<style>:is([data-testid='stMetricLabel'],[data-testid='stMetricValue'],[data-testid='stMetricDelta']) *"
    "{white-space:normal!important;overflow:visible!important;text-overflow:clip!important}"
    # the words under a change ("so với năm trước") go to their own line rather than being squeezed to nothing
    "div:has(>[data-testid='stMetricDeltaDescription']){flex-wrap:wrap}"
    "[data-testid='stMetricDeltaDescription'],[data-testid='stMetricDeltaDescription'] *{overflow:visible!important;"
    "white-space:normal!important;text-overflow:clip!important;min-width:max-content}</style>"
)
