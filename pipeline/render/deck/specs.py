"""What a slide says, as plain data: the story builds these, the pager, chart and timeline draw them.

Nothing here knows python-pptx or measures text."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.officefiles import xml_safe

Run = tuple[str, bool]            # (text, bold)


def clean(text: str | None) -> str:
    """User text made storable and tidy: control characters gone, tabs as spaces, no trailing blanks."""
    text = xml_safe(text or "").replace("\t", " ").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass
class Cover:
    """A title, section or closing slide: its layout key, a title and a few short lines."""
    layout: str
    title: str
    lines: list[str]
    notes: str


@dataclass
class Bullets:
    title: str
    items: list[list[Run]]
    notes: str


@dataclass
class Columns:
    title: str
    headings: tuple[str, str]
    items: tuple[list[list[Run]], list[list[Run]]]
    notes: str


@dataclass
class Table:
    title: str
    headers: list[str]
    weights: list[float]
    rows: list[list[str]]
    notes: str


@dataclass
class Chart:
    title: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    notes: str
