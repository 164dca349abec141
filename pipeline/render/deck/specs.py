"""What a slide says, as plain data: the story builds these, the pager, chart and timeline draw them.

Nothing here knows python-pptx or measures text. Every spec becomes exactly one slide: content that does not fit
is cut by the pager, most important first (the story orders it so), and the slide says where the rest is (`more`).
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.words import compact

Run = tuple[str, bool]            # (text, bold)


clean = compact           # a slide's text: the wording layer's compact form (pipeline/words.py)


@dataclass(frozen=True)
class Cell:
    """A table cell: its text and, when it carries a status, its background colour (RGB hex)."""
    text: str
    fill: str | None = None


@dataclass
class Cover:
    """A title slide: its layout key, a title and a few short lines."""
    layout: str
    title: str
    lines: list[str]
    notes: str


@dataclass
class Bullets:
    title: str
    items: list[list[Run]]
    notes: str
    more: str = ""                # said on the slide when items had to be left out


@dataclass
class Columns:
    """Two or three columns of bullets under their headings (layout "two" or "three")."""
    title: str
    headings: list[str]
    items: list[list[list[Run]]]
    notes: str
    more: str = ""


@dataclass
class Table:
    title: str
    headers: list[str]
    weights: list[float]
    rows: list[list[str | Cell]]
    notes: str
    more: str = ""
    size: float | None = None     # points: a smaller size for a dense table (never below the pager's minimum)


@dataclass
class Status:
    """The key message and the status lights (layout "status")."""
    title: str
    message: list[str]
    lights: Table
    notes: str


@dataclass
class Risks:
    """A likelihood × impact heat map with the count of risks per cell, and the top risks (layout "risks")."""
    title: str
    counts: dict[tuple[int, int], int]           # (likelihood, impact) → risks
    fills: dict[tuple[int, int], str]            # (likelihood, impact) → the level's colour
    axes: tuple[str, str]                        # the likelihood and impact axis names
    table: Table
    notes: str
    unrated: str = ""                            # said under the map when risks lack a rating


@dataclass
class Chart:
    title: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    notes: str
    unknown: str = ""             # the label of a value that is not known ("ei tiedossa")
    more: str = ""
