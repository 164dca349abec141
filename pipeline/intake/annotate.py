"""A copy of a workbook with its problem cells highlighted and each message as a cell comment."""
from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from pipeline.intake.result import IntakeResult, Severity
from pipeline.officefiles import reproducible_workbook
from pipeline.reference import AnnotationStyle

AUTHOR = "digiplan"


def _fill(severity: Severity, colours: AnnotationStyle) -> PatternFill:
    colour = colours.error_fill if severity is Severity.ERROR else colours.warning_fill
    return PatternFill("solid", fgColor=colour)


def annotated_copy(result: IntakeResult, colours: AnnotationStyle) -> bytes | None:
    """The annotated workbook, or None when the file could not be opened at all (nothing to annotate)."""
    if result.plan is None:
        return None
    book = load_workbook(io.BytesIO(result.path.read_bytes()))
    notes: dict[tuple[str, str], list] = {}
    for problem in result.problems:
        if problem.sheet in book.sheetnames and problem.cell:
            notes.setdefault((problem.sheet, problem.cell), []).append(problem)
    for (sheet, cell), problems in notes.items():
        target = book[sheet][cell]
        worst = Severity.ERROR if any(p.severity is Severity.ERROR for p in problems) else Severity.WARNING
        target.fill = _fill(worst, colours)
        text = "\n".join(f"{p.message} {p.hint}" for p in problems)
        target.comment = Comment(text, AUTHOR, width=320, height=max(80, 40 * len(problems)))
    # Same input, same copy: the copy keeps the source's own modified time instead of the time of the run.
    return reproducible_workbook(book, book.properties.modified or dt.datetime(2000, 1, 1))
