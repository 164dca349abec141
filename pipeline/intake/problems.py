"""Collecting problems of one workbook, worded from the message catalogue."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.catalog import Labels
from pipeline.intake.result import Problem, Severity

MAX_VALUE = 80


def shorten(value: Any) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


class Reporter:
    def __init__(self, path: Path, labels: Labels) -> None:
        self.file = path.name
        self.labels = labels
        self.problems: list[Problem] = []

    def add(self, code: str, severity: Severity, *, sheet: str = "", cell: str = "", field: str = "",
            value: Any = "", **values: Any) -> None:
        text = self.labels.node(f"messages.{code}")
        shown = shorten(value)
        fill = {"value": shown, "sheet": sheet, **{k: shorten(v) for k, v in values.items()}}
        self.problems.append(Problem(
            code=code, severity=severity, file=self.file, sheet=sheet, cell=cell, field=field, value=shown,
            message=text["message"].format(**fill), hint=text["hint"].format(**fill)))

    def error(self, code: str, **where: Any) -> None:
        self.add(code, Severity.ERROR, **where)

    def warning(self, code: str, **where: Any) -> None:
        self.add(code, Severity.WARNING, **where)
