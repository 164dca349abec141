"""Collecting problems of one workbook, worded from the message catalogue."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.catalog import Labels
from pipeline.formatting import one_line
from pipeline.intake.fields import shown_text
from pipeline.intake.result import Problem, Severity
from pipeline.paths import shown_name

MAX_VALUE = 80
# Characters that cannot be seen in a quoted value: shown by their code, so a message can point at them.
INVISIBLE = {"\u200b": "U+200B", "\u200c": "U+200C", "\u200d": "U+200D", "\u2060": "U+2060", "\ufeff": "U+FEFF",
             "\u00ad": "U+00AD", "\u00a0": "U+00A0", "\u202f": "U+202F"}


def visible(text: str) -> str:
    """TEXT with its invisible characters shown as ⟨U+200B⟩."""
    return "".join(f"⟨{INVISIBLE[ch]}⟩" if ch in INVISIBLE else ch for ch in text)


def shorten(value: Any) -> str:
    """A user's value for a message as it was typed (numbers and dates as Excel shows them): on one line, and a long
    one cut at a word boundary."""
    text = one_line(shown_text(value))
    if len(text) <= MAX_VALUE:
        return text
    cut = text[: MAX_VALUE - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[MAX_VALUE // 2:] else cut) + "…"


class Reporter:
    def __init__(self, path: Path, labels: Labels) -> None:
        self.path = path
        self.file = shown_name(path)
        self.labels = labels
        self.problems: list[Problem] = []

    def add(self, code: str, severity: Severity, *, sheet: str = "", cell: str = "", field: str = "",
            value: Any = "", lost: bool = False, **values: Any) -> None:
        """One problem; LOST marks content that is not read into the plan (an upgrade cannot carry it). Only the
        user's VALUE is shortened: lists of allowed values and names are shown whole."""
        text = self.labels.node(f"messages.{code}")
        shown = shorten(value)
        fill = {"value": shown, "sheet": sheet, **values}
        self.problems.append(Problem(
            code=code, severity=severity, file=self.file, sheet=sheet, cell=cell, field=field, value=shown,
            message=self.labels.fill(text["message"], **fill), hint=self.labels.fill(text["hint"], **fill),
            lost=lost))

    def error(self, code: str, **where: Any) -> None:
        self.add(code, Severity.ERROR, **where)

    def warning(self, code: str, **where: Any) -> None:
        self.add(code, Severity.WARNING, **where)
