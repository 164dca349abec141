"""The words of the computed changes (pipeline/view/changes.py), shared by the Word plans, the decks, the county
workbook and `digiplan diff`: one sentence a change, headings with both build dates. Catalogue: changes.*.toml."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pipeline.formatting import fi_date, fi_number
from pipeline.view.changes import Change, Comparison, LineChanges
from pipeline.words import Words

MONEY_KINDS = ("money",)
DATED = ("service_added", "service_removed", "golive_moved", "phase_moved", "shutdown_moved", "decision_new",
         "decision_late")


class ChangeText:
    def __init__(self, labels: Any) -> None:
        self.labels = labels
        self.words = Words(labels)

    def __call__(self, key: str, **values: Any) -> str:
        return self.labels.get(f"changes.{key}", **values)

    def heading(self, comparison: Comparison) -> str:
        if comparison.old_date is None:
            return self("heading_first")
        return self("heading", old=fi_date(comparison.old_date), new=fi_date(comparison.new_date))

    def deck_title(self, comparison: Comparison) -> str:
        if comparison.old_date is None:
            return self("deck.title_first")
        return self("deck.title", old=fi_date(comparison.old_date), new=fi_date(comparison.new_date))

    def intro(self, comparison: Comparison, combined: bool = False) -> str:
        dates = {"old": fi_date(comparison.old_date), "new": fi_date(comparison.new_date)}
        if comparison.old_date is None:
            return self("first", **dates)
        return self("intro_combined", count=comparison.count, **dates) if combined else self("intro", **dates)

    def kind(self, change: Change) -> str:
        return self(f"kind.{change.kind}")

    def subject(self, change: Change) -> str:
        if change.kind in ("light", "money", "staffing"):
            return self(f"subject.{change.subject}")
        return change.subject.rstrip(".")        # a decision's or risk's own sentence: the wording ends it

    def value(self, change: Change, value: Any) -> str:
        """One side of a change as text: a date, a choice's name, euros, FTE, a score."""
        if value is None:
            return self("no_date") if change.kind in DATED else self("no_value")
        if isinstance(value, Enum):
            return self.labels.enum(value)
        if isinstance(value, dt.date):
            return fi_date(value)
        if change.kind in MONEY_KINDS:
            return self.words.money(value)
        if change.kind == "staffing":
            return self.words.fte(value)
        return fi_number(value) if isinstance(value, (int, float)) else str(value)

    def shift(self, change: Change) -> str:
        """'153 päivää myöhemmin' for a moved date ('' when a side has no date)."""
        if not change.days:
            return ""
        return self("later" if change.days > 0 else "earlier", days=abs(change.days))

    def sentence(self, change: Change) -> str:
        shift = self.shift(change)
        return self(f"text.{change.kind}", subject=self.subject(change), old=self.value(change, change.old),
                    new=self.value(change, change.new), shift=self("text.shift", days=shift) if shift else "")

    def line_heading(self, line: LineChanges) -> str:
        return self.words.named(line.name, line.code)

    def line_sentences(self, line: LineChanges) -> list[str]:
        return [self.sentence(change) for change in line.changes]

    def with_line(self, line: LineChanges, change: Change) -> str:
        """A change in a combined document: the line's name first."""
        return f"{line.name}: {self.sentence(change)}"
