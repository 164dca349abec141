"""A copy of a workbook with its problem cells highlighted and each message as a cell comment, and every problem
listed on a first sheet, where the user looks first: the problems of the whole workbook or of a sheet that is
missing have no cell to mark, and are read there with their fix."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.workbook.workbook import Workbook

from pipeline.catalog import Labels
from pipeline.excel import WRAP, font, print_setup, row_height, set_value, wrapped_lines
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.officefiles import reproducible_workbook
from pipeline.reference import AnnotationStyle, ExcelStyle

AUTHOR = "digiplan"
NOTE_COLUMNS = (("severity", 11), ("sheet", 24), ("cell", 8), ("message", 70), ("hint", 60))


def _fill(severity: Severity, colours: AnnotationStyle) -> PatternFill:
    colour = colours.error_fill if severity is Severity.ERROR else colours.warning_fill
    return PatternFill("solid", fgColor=colour)


def _is_ooxml(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def annotated_copy(result: IntakeResult, style: ExcelStyle, labels: Labels) -> bytes | None:
    """The annotated workbook, or None when there is nothing to annotate: a file that could not be opened at all,
    or an .ods (openpyxl writes only Excel workbooks)."""
    data = result.path.read_bytes()
    if result.plan is None or not _is_ooxml(data):
        return None
    book = load_workbook(io.BytesIO(data))
    _mark_cells(book, result.problems, style.annotations)
    _notes_sheet(book, result, style, labels)
    # Same input, same copy: the copy keeps the source's own modified time instead of the time of the run.
    return reproducible_workbook(book, book.properties.modified or dt.datetime(2000, 1, 1))


def _anchor(sheet, cell: str):
    """The cell a note goes to: a merged cell's note goes to the first cell of its merge (the others are
    read-only in openpyxl and hidden in Excel)."""
    for merged in sheet.merged_cells.ranges:
        if cell in merged:
            return sheet.cell(merged.min_row, merged.min_col)
    return sheet[cell]


def _mark_cells(book: Workbook, problems: list[Problem], colours: AnnotationStyle) -> None:
    notes: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        if problem.sheet in book.sheetnames and problem.cell:
            target = _anchor(book[problem.sheet], problem.cell)
            notes.setdefault((problem.sheet, target.coordinate), []).append(problem)
    for (sheet, cell), found in notes.items():
        target = book[sheet][cell]
        worst = Severity.ERROR if any(p.severity is Severity.ERROR for p in found) else Severity.WARNING
        target.fill = _fill(worst, colours)
        text = "\n".join(f"{p.message} {p.hint}" for p in found)
        target.comment = Comment(text, AUTHOR, width=320, height=max(80, 40 * len(found)))


def _notes_sheet(book: Workbook, result: IntakeResult, style: ExcelStyle, labels: Labels) -> None:
    """The first, active sheet: every problem, those without a cell first, each with its fix."""
    name = labels.get("intake.workbook.notes_sheet")
    if name in book.sheetnames:
        del book[name]
    sheet = book.create_sheet(name, 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    book.active = 0
    sheet.sheet_view.tabSelected = True
    text = style.county.text
    sheet.cell(1, 1, labels.get("intake.notes.title", file=result.path.name)).font = font(style.font_name, text,
                                                                                        bold=True, size=14)
    set_value(sheet.cell(2, 1), labels.get("intake.notes.intro"))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(NOTE_COLUMNS))
    sheet.row_dimensions[2].height = row_height(wrapped_lines(labels.get("intake.notes.intro"),
                                                              sum(w for _, w in NOTE_COLUMNS)))
    sheet.cell(2, 1).alignment = WRAP
    for column, (key, width) in enumerate(NOTE_COLUMNS, 1):
        sheet.cell(4, column, labels.get(f"intake.notes.{key}")).font = font(style.font_name, text, bold=True)
        sheet.column_dimensions[sheet.cell(4, column).column_letter].width = width
    ordered = sorted(result.problems, key=lambda p: (bool(p.sheet and p.cell), p.severity is not Severity.ERROR))
    for row, problem in enumerate(ordered, 5):
        values = (labels.get(f"enums.Severity.{problem.severity.value}"), problem.sheet, problem.cell,
                  problem.message, problem.hint)
        for column, value in enumerate(values, 1):
            set_value(sheet.cell(row, column), value, "wrap")
        sheet.cell(row, 1).fill = _fill(problem.severity, style.annotations)
        sheet.row_dimensions[row].height = row_height(max(wrapped_lines(str(v), w)
                                                          for v, (_, w) in zip(values, NOTE_COLUMNS, strict=True)))
    sheet.freeze_panes = "A5"
    print_setup(sheet, title_rows="4:4")
