"""The one wording layer: how every deliverable (Word plans, decks, the county workbook, the kit and the console)
writes money, percentages, counts, numbers, dates, names with codes and status lights, and how text read from a
workbook is tidied.

Each concept has one formatter here, bound to the shared catalogue `templates/labels/common.<lang>.toml`
(the units, the "Name (CODE)" pattern, the status lights' words); the language-neutral digits and dates come from
`pipeline.formatting`. Renderers choose which formatter a place needs and never format a figure themselves.

Text is tidied once, when the intake reader reads it (`one_line` for a one-line column, `lines` for a multi-line
one, as the schema declares); `one_line` is also what a renderer calls where a multi-line text must sit on one
line (a table cell, a slide title), and `compact` what a slide shows of a multi-line text (no blank lines)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.catalog import Labels
from pipeline.choices import Light
from pipeline.formatting import fi_date, fi_number, one_line
from pipeline.officefiles import xml_safe

__all__ = ["Words", "compact", "lines", "one_line"]


def lines(text: str) -> str:
    """A multi-line TEXT tidied: its line breaks kept (Windows and old Mac breaks as newlines), each line without
    spaces at its ends, no empty lines at the start or the end."""
    rows = [row.strip() for row in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(rows).strip("\n")


def compact(text: str | None) -> str:
    """A text for a slide or a table cell: control characters gone, tabs as spaces, runs of spaces one, no blank
    lines and no spaces at a line's ends (no-break spaces kept); '' for None."""
    text = xml_safe(text or "").replace("\t", " ").replace("\r", "\n")
    rows = [_SPACES.sub(" ", row).strip(" ") for row in text.split("\n")]
    return "\n".join(row for row in rows if row)


_SPACES = re.compile(r" {2,}")


class Words:
    """The formatters of one catalogue's language. `Words(labels).money(1234567)` → '1 234 567 €'."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels

    def _(self, key: str, **values: Any) -> str:
        return self.labels.get(f"common.{key}", **values)

    # -- figures -------------------------------------------------------------------------------------------------
    def number(self, value: float | int | None) -> str:
        """1 234,5 (no-break space for thousands, decimal comma); '' for None."""
        return fi_number(value)

    def count(self, value: int) -> str:
        """A count of things as digits: 7, 1 250."""
        return fi_number(value)

    def money(self, value: float | None) -> str:
        """Whole euros, '1 234 567 €'; '' for None (the caller says in words what is missing)."""
        return self._("euro", value=fi_number(round(value))) if value is not None else ""

    def money_or_missing(self, value: float | None) -> str:
        """Whole euros, or 'not estimated yet' for None."""
        return self.money(value) if value is not None else self.not_estimated

    @property
    def not_estimated(self) -> str:
        """What a sum no one has estimated reads as: 'ei vielä arvioitu'."""
        return self._("not_estimated")

    def fte(self, value: float | None) -> str:
        """Person-years of work, '2,5 htv' / '2,5 årsv.'; '' for None."""
        return self._("fte", value=fi_number(value)) if value is not None else ""

    def net(self, value: float | None) -> str:
        """The net per year in words: 'nettokustannus 1 200 € vuodessa', 'nettosäästö …', or not estimated."""
        if value is None:
            return self.not_estimated
        return self._("net_cost" if value >= 0 else "net_saving", value=self.money(abs(value)))

    def percent(self, ratio: float | None) -> str:
        """A ratio (0.35) as a whole percentage, '35 %'; '' for None."""
        return self._("percent", percent=round(ratio * 100)) if ratio is not None else ""

    # -- dates ---------------------------------------------------------------------------------------------------
    @staticmethod
    def date(value: dt.date | None) -> str:
        """1.4.2025; '' for no date."""
        return fi_date(value)

    def quarter(self, number: int, year: int) -> str:
        """Q2/2026."""
        return self._("quarter", number=number, year=year)

    # -- names ---------------------------------------------------------------------------------------------------
    def named(self, name: str, code: str | None) -> str:
        """'Name (CODE)'; the name alone when there is no code, the code alone when there is no name."""
        if not code:
            return name
        return self._("named", name=name, code=code) if name else code

    def join(self, parts: list[str]) -> str:
        """PARTS that are not empty, separated by the catalogue's comma."""
        return self._("join").join(p for p in parts if p)

    # -- status lights -------------------------------------------------------------------------------------------
    def light(self, light: Light | None) -> str:
        """A status light's word ('Punainen'); '' for none."""
        return self.labels.enum(light) if light else ""

    def light_or_unassessed(self, light: Light | None) -> str:
        """A status light's word, or 'not assessed'."""
        return self.light(light) or self._("lights.not_assessed")

    def dimension(self, dimension: str) -> str:
        """The name of a status light's dimension (overall, schedule, readiness, resources, risks)."""
        return self._(f"lights.dimensions.{dimension}")

    def line_state(self, state: Any) -> str:
        """How a line's workbook stands in the build (a LineState): 'Kelvollinen', 'Työkirja puuttuu' …"""
        return self._(f"states.{state.value}")

    @staticmethod
    def risk_colour(score: int | None, reporting: Any, colours: Any) -> str:
        """The fill of a risk score: the colour in COLOURS (`document_style.risks`) of its level (high, medium,
        low, unrated) by REPORTING's thresholds (templates/data/reporting.toml)."""
        return getattr(colours, reporting.risk_level(score))

    @staticmethod
    def light_colour(light: Light | None, colours: Any) -> str:
        """The fill of a status light: its colour in COLOURS (`document_style.lights`), or their `none`."""
        return getattr(colours, light.value) if light else colours.none
