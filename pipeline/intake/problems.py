"""Collecting problems of one workbook, worded from the message catalogue."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.catalog import Labels
from pipeline.intake.result import Problem, Severity

MAX_VALUE = 80


def shorten(value: Any) -> str:
    """A user's value for a message: on one line, and a long one cut at a word boundary."""
    text = " ".join(("" if value is None else str(value)).split())
    if len(text) <= MAX_VALUE:
        return text
    cut = text[: MAX_VALUE - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[MAX_VALUE // 2:] else cut) + "…"


class Reporter:
    def __init__(self, path: Path, labels: Labels) -> None:
        self.path = path
        self.file = path.name
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
