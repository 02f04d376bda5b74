"""Where a value written on a slide's chart goes: above, below or beside its point, clear of every line, marker
and other label and inside the plot, on both screens a slide is made for; nowhere when no place is free (the
slide's headline number states the value anyway). Geometry in pixels, from the axes' ranges and the smallest plot
area each screen gives; the label is a Plotly annotation at its point, moved by whole pixels (xshift, yshift)."""

from __future__ import annotations

from dataclasses import dataclass

FONT_PX = 24
CHAR_PX = 12.5  # a character of the chart's font at FONT_PX, generously
LINE_PX = 1.3 * FONT_PX  # the height of a line of text as the browser measures its box
PAD_PX = 3  # the least room between a label and anything else
AWAY_PX = 14  # how much further a label may be from its point when no place next to it is free
# the plot area in px, the smallest each screen gives (measured in Chromium: 555–668 × 351–381 at 1280×720,
# 948–1061 × 649–684 at 1920×1080; the width depends on the y axis's tick labels)
SCREENS = ((520, 340), (920, 630))

Box = tuple[float, float, float, float]  # left, bottom, right, top in px, y upwards


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    marker_px: float  # the diameter of the marker the label is written beside


@dataclass(frozen=True)
class Place:
    """The label's side of its point, how far its centre is moved right of the point and how much further than
    the marker's edge it is from the point, in px."""

    side: str  # "top", "bottom" or "middle" (level with the point)
    shift: float
    away: float = 0.0

    def annotation(self, label: Label) -> dict:
        """Where Plotly puts it: anchored on its point, moved clear of the marker."""
        gap = _gap(label) + self.away
        y = {"top": ("bottom", gap), "bottom": ("top", -gap), "middle": ("middle", 0)}[self.side]
        return dict(x=label.x, y=label.y, xanchor="center", xshift=self.shift, yanchor=y[0], yshift=y[1])


@dataclass(frozen=True)
class Plot:
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    lines: list[list[tuple[float, float]]]  # polylines in data units (a vertical line: two points)
    markers: list[tuple[float, float, float]]  # x, y, diameter in px


def candidates(label: Label) -> list[Place]:
    """Above the point first (centred, then leaning left or right, then all to one side), then below, then level
    with it; last, above or below a little further from it (clear of a line that passes close to the point)."""
    width, gap = _width(label), _gap(label)
    side = width / 2 + gap
    shifts = (0.0, -width / 4, width / 4, -side, side)
    near = [Place(v, s) for v in ("top", "bottom") for s in shifts] + [Place("middle", -side), Place("middle", side)]
    return near + [Place(v, s, AWAY_PX) for v in ("top", "bottom") for s in shifts]


def places(labels: list[Label], plot: Plot) -> list[Place | None]:
    """A place for each label, in order (an earlier label has the first choice), or None."""
    chosen: list[Place | None] = []
    taken: list[list[Box]] = [[] for _ in SCREENS]
    for label in labels:
        place = next((p for p in candidates(label) if _free(label, p, plot, taken)), None)
        chosen.append(place)
        if place:
            for i, screen in enumerate(SCREENS):
                taken[i].append(_box(label, place, plot, screen))
    return chosen


def _width(label: Label) -> float:
    return len(label.text) * CHAR_PX


def _gap(label: Label) -> float:
    return label.marker_px / 2 + 2


def _free(label: Label, place: Place, plot: Plot, taken: list[list[Box]]) -> bool:
    for i, screen in enumerate(SCREENS):
        box = _box(label, place, plot, screen)
        left, bottom, right, top = box
        if left < 0 or bottom < 0 or right > screen[0] or top > screen[1]:
            return False
        inflated = (left - PAD_PX, bottom - PAD_PX, right + PAD_PX, top + PAD_PX)
        for line in plot.lines:
            points = [_px(x, y, plot, screen) for x, y in line]
            if any(_crosses(a, b, inflated) for a, b in zip(points, points[1:])):
                return False
        for x, y, size in plot.markers:
            if (x, y) == (label.x, label.y):
                continue  # its own marker: the gap clears it
            mx, my = _px(x, y, plot, screen)
            if _overlap(inflated, (mx - size / 2, my - size / 2, mx + size / 2, my + size / 2)):
                return False
        if any(_overlap(inflated, other) for other in taken[i]):
            return False
    return True


def _px(x: float, y: float, plot: Plot, screen: tuple[int, int]) -> tuple[float, float]:
    (x0, x1), (y0, y1) = plot.x_range, plot.y_range
    return (x - x0) / (x1 - x0) * screen[0], (y - y0) / (y1 - y0) * screen[1]


def _box(label: Label, place: Place, plot: Plot, screen: tuple[int, int]) -> Box:
    x, y = _px(label.x, label.y, plot, screen)
    width = _width(label)
    gap = _gap(label) + place.away
    bottom = {"top": y + gap, "bottom": y - gap - LINE_PX, "middle": y - LINE_PX / 2}[place.side]
    centre = x + place.shift
    return centre - width / 2, bottom, centre + width / 2, bottom + LINE_PX


def _overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _crosses(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the segment a–b passes through the box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = a, b
    left, bottom, right, top = box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - bottom), (dy, top - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t0 <= t1
