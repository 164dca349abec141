"""The line's development path as a picture: a native timeline drawn with shapes in the template's timeline area.

A row per channel (wave order), a bar per phase and a diamond per milestone, a month/quarter/year grid, and a
marker line for the build date. Items of a channel that would collide are put on separate lanes; rows that do not
fit the area continue on the next slide. Every label is measured; none is smaller than the template's size."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pipeline.formatting import one_line
from pipeline.render.deck.specs import Run
from pipeline.render.deck.textfit import Face, ParaStyle, shorten
from pipeline.schema import LinePlan, Milestone, PathKind
from pipeline.view.phases import PhaseState, phase_state

PAD = 4.0                  # points between a shape and its label, and inside label boxes
LABEL_MAX = 320.0          # the widest a bar/milestone label may be, points
MONTHS = {"month": 1, "quarter": 3, "year": 12, "years2": 24, "years5": 60, "years10": 120}
UNITS = tuple(MONTHS)


@dataclass(frozen=True)
class Item:
    """One thing to draw on the timeline: a phase (a bar coloured by its state), an intermediate goal (◆), a
    service's go-live (▲) or a legacy system's exit (✖)."""
    index: int             # a stable id: position in plan.milestones, then go-lives and exits (for notes and tests)
    channel: str
    name: str
    start: dt.date
    end: dt.date | None
    kind: str = "phase"    # phase | milestone | golive | shutdown
    state: str = "planned"  # a phase's state: planned | done | on_hold | late

    @property
    def milestone(self) -> bool:
        """Drawn as a mark at one date, not as a bar."""
        return self.kind != "phase"


@dataclass
class Placed:
    item: Item
    x0: float              # shape left/right, points from the grid's left edge
    x1: float
    label: str
    label_x0: float
    label_x1: float
    inside: bool           # label written inside the bar

    @property
    def extent(self) -> tuple[float, float]:
        return min(self.x0, self.label_x0), max(self.x1, self.label_x1)


@dataclass
class Lane:
    channel: str
    items: list[Placed]
    first: bool            # first lane of its channel (carries the channel label)


@dataclass(frozen=True)
class Column:
    start: dt.date
    end: dt.date
    label: str
    year: int


def _state(m: Milestone, as_of: dt.date) -> str:
    """The colour key of M: its state (view.phases); a running phase is drawn in the planned colour."""
    state = phase_state(m, as_of)
    return "planned" if state is PhaseState.RUNNING else state.value


def timeline_items(plan: LinePlan, order: list[str], as_of: dt.date) -> list[Item]:
    """The development path (phases by state, intermediate goals), the services' go-lives and the systems' exits,
    channel by channel in ORDER, each by date; a system's exit goes in its first channel's lane."""
    rank = {code: n for n, code in enumerate(order)}
    items = [Item(n, m.channel, m.name, m.start, m.end if m.end and m.end >= m.start else None,
                  "milestone" if m.kind == PathKind.MILESTONE else "phase", _state(m, as_of))
             for n, m in enumerate(plan.milestones) if m.start]
    base = len(plan.milestones)
    items += [Item(base + n, s.channel, s.name, s.target_golive, None, "golive")
              for n, s in enumerate(plan.services) if s.target_golive]
    base += len(plan.services)
    items += [Item(base + n, (s.channels or [""])[0], s.name, s.exit_date, None, "shutdown")
              for n, s in enumerate(plan.systems) if s.shuts_down and s.exit_date]
    return sorted(items, key=lambda i: (rank.get(i.channel, len(rank)), i.start, i.index))


# -- the time axis -------------------------------------------------------------------------------------------------

def is_yearly(unit: str) -> bool:
    return MONTHS[unit] >= 12


def _unit_start(day: dt.date, unit: str) -> dt.date:
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year - day.year % (MONTHS[unit] // 12), 1, 1)


def _next(day: dt.date, unit: str) -> dt.date:
    total = day.month - 1 + MONTHS[unit]
    return dt.date(day.year + total // 12, total % 12 + 1, 1)


def columns(first: dt.date, last: dt.date, unit: str, names: dict[str, Any]) -> list[Column]:
    out: list[Column] = []
    day = _unit_start(first, unit)
    while day <= last:
        following = _next(day, unit)
        if unit == "month":
            label = names["months"][day.month - 1]
        elif unit == "quarter":
            label = names["quarter"].format(quarter=(day.month - 1) // 3 + 1, year=day.year)
        else:
            label = names["year"].format(year=day.year)
        out.append(Column(day, following, label, day.year))
        day = following
    return out


def choose_columns(first: dt.date, last: dt.date, width: float, face: Face, names: dict) -> tuple[str, list[Column]]:
    """The finest unit whose labels fit their columns."""
    for unit in UNITS:
        cols = columns(first, last, unit, names)
        widest = max(face.length(c.label) for c in cols) + 2 * PAD
        if widest <= width / len(cols) or unit == UNITS[-1]:
            return unit, cols
    raise AssertionError("unreachable")


class Axis:
    """Maps dates to points across the grid."""

    def __init__(self, cols: list[Column], width: float) -> None:
        self.start, self.end = cols[0].start, cols[-1].end
        self.width = width
        self._days = (self.end - self.start).days

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return (day - self.start).days / self._days * self.width


# -- placing items on lanes ----------------------------------------------------------------------------------------

def place(item: Item, axis: Axis, face: Face, marker: float) -> Placed:
    """Shape and label geometry of ITEM: the label inside a wide bar, else right of it, else left of it."""
    if item.milestone:
        centre = axis.x(item.start)
        x0, x1 = centre - marker / 2, centre + marker / 2
    else:
        x0 = axis.x(item.start)
        x1 = max(axis.x(item.end or item.start), x0 + marker)
        if x1 > axis.width:
            x0, x1 = axis.width - marker, axis.width
    text = one_line(item.name)
    full = face.length(text) + 2 * PAD + 1
    if not item.milestone and full <= x1 - x0:
        return Placed(item, x0, x1, text, x0, x1, True)
    room_right, room_left = axis.width - x1 - PAD, x0 - PAD
    room = min(max(room_right, room_left), LABEL_MAX)
    label = _fit_line(text, face, room - 2 * PAD - 1)
    width = min(face.length(label) + 2 * PAD + 1, room)
    if room_right >= width or room_right >= room_left:
        return Placed(item, x0, x1, label, x1 + PAD, x1 + PAD + width, False)
    return Placed(item, x0, x1, label, x0 - PAD - width, x0 - PAD, False)


def _fit_line(text: str, face: Face, width: float) -> str:
    runs: list[Run] = [(text, face.bold)]
    short, _ = shorten(runs, ParaStyle(face), max(width, face.size), 1)
    return "".join(t for t, _ in short)


def lanes_of(channel: str, placed: list[Placed]) -> list[Lane]:
    """Greedy interval packing: each item on the first lane where it does not touch the previous one."""
    lanes: list[Lane] = []
    for entry in sorted(placed, key=lambda p: (p.extent[0], p.item.index)):
        lane = next((lane for lane in lanes if lane.items[-1].extent[1] + PAD <= entry.extent[0]), None)
        if lane is None:
            lane = Lane(channel, [], not lanes)
            lanes.append(lane)
        lane.items.append(entry)
    return lanes


def channel_label(name: str, face: Face, width: float, lanes: int, lane_height: float) -> str:
    """The channel's name wrapped in the label column, shortened to the lines its lanes leave room for."""
    lines = max(int((lanes * lane_height) // face.line_height), 1)
    short, _ = shorten([(name, True)], ParaStyle(face.with_bold(True)), width - 2 * PAD - 1, lines)
    return "".join(t for t, _ in short)
