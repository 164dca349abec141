"""Every filled cell the reader does not read is reported by its cell, so nothing typed is lost without a word:
cells above a table's header row, columns without a header, rows that are not the form's, text beside a form.
Merged cells over read cells are reported too: only the merge's first cell holds its value."""
from __future__ import annotations

from openpyxl.utils import get_column_letter

from pipeline.formatting import one_line
from pipeline.intake.layout import SheetLayout, cell_ref
from pipeline.intake.problems import Reporter
from pipeline.intake.reader import RawSheet
from pipeline.intake.sheets import filled
from pipeline.intake.sheetxml import Cell
from pipeline.schema import SheetSpec

MAX_CELLS_LISTED = 8
FORM_COLUMNS = 3            # label, value, help


def list_cells(cells: list[str]) -> str:
    """'K2, K5, K7' (a long list ends in '…')."""
    shown = ", ".join(cells[:MAX_CELLS_LISTED])
    return shown + (" …" if len(cells) > MAX_CELLS_LISTED else "")


def report_merges(sheet: RawSheet, read: set[Cell], layout: SheetLayout, report: Reporter) -> None:
    """Merges touching a READ cell: an error at the merge's first cell; the other cells are left unread."""
    last_row = len(sheet.rows)
    last_column = max((len(row) for row in sheet.rows), default=0)
    for first, last in sheet.merged:
        rows = range(first[0], min(last[0], max(last_row, first[0])) + 1)
        columns = range(first[1], min(last[1], max(last_column, first[1])) + 1)
        cells = {(r, c) for r in rows for c in columns}
        if cells & read:
            layout.covered |= cells - {first}
            report.error("cell.merged", sheet=sheet.name, cell=cell_ref(*first),
                         value=f"{cell_ref(*first)}:{cell_ref(*last)}", first=cell_ref(*first))


def report_unread(sheet: RawSheet, spec: SheetSpec, layout: SheetLayout, report: Reporter,
                  help_texts: dict[int, set[str]] | None = None) -> None:
    if spec.is_form:
        _form(sheet, layout, report, help_texts or {})
    else:
        _table(sheet, layout, report)
    report_far(sheet, report)


def report_far(sheet: RawSheet, report: Reporter) -> None:
    """Cells far from the grid (a stray keystroke in XFD1048576) and cell comments: each said not to be read."""
    if sheet.far:
        cells = sorted(sheet.far, key=lambda cell: (cell[0], cell[1]))
        first = cells[0]
        report.warning("unread.far", sheet=sheet.name, cell=cell_ref(*first), value=sheet.far[first],
                       cells=list_cells([cell_ref(*cell) for cell in cells]), lost=True)
    for cell, text in sorted(sheet.comments.items()):
        report.warning("unread.comment", sheet=sheet.name, cell=cell_ref(*cell), value=text, lost=True)


def _cell(sheet: RawSheet, row: int, column: int, report: Reporter) -> None:
    report.warning("unread.cell", sheet=sheet.name, cell=cell_ref(row, column), value=sheet.value(row, column),
                   lost=True)


def _typed_in_help(sheet: RawSheet, row: int, texts: set[str]) -> bool:
    value = sheet.value(row, FORM_COLUMNS)
    if not isinstance(value, str):
        return True
    return not filled(sheet.value(row, 2)) and one_line(value).casefold() not in texts


def _table(sheet: RawSheet, layout: SheetLayout, report: Reporter) -> None:
    for row in range(1, layout.header_row):
        for column, value in enumerate(sheet.rows[row - 1], 1):
            if filled(value):
                _cell(sheet, row, column, report)
    read = set(layout.columns.values()) | layout.reported_columns
    width = max((len(row) for row in sheet.rows), default=0)
    for column in range(1, width + 1):
        if column in read:
            continue
        rows = [r for r in range(layout.header_row + 1, len(sheet.rows) + 1)
                if filled(sheet.value(r, column)) and (r, column) not in layout.covered]
        if rows:
            report.warning("unread.no_header", sheet=sheet.name, cell=cell_ref(rows[0], column),
                           column=get_column_letter(column), value=sheet.value(rows[0], column),
                           cells=list_cells([cell_ref(r, column) for r in rows]), lost=True)


def _form(sheet: RawSheet, layout: SheetLayout, report: Reporter, help_texts: dict[int, set[str]]) -> None:
    """The label, value and help columns of the form's rows are the template's; anything else is reported. The help
    column holds the template's own text (whatever version of it the workbook was made with): a value typed there
    instead (a number, a date, or a text while the value cell is empty) is reported too."""
    known = set(layout.rows.values())
    for row, values in enumerate(sheet.rows, 1):
        cells = [c for c, value in enumerate(values, 1) if filled(value) and (row, c) not in layout.covered]
        if row == 1 or row in known:
            for column in (c for c in cells if c > FORM_COLUMNS):
                _cell(sheet, row, column, report)
            if row in known and FORM_COLUMNS in cells and _typed_in_help(sheet, row, help_texts.get(row, set())):
                report.warning("unread.help", sheet=sheet.name, cell=cell_ref(row, FORM_COLUMNS),
                               value=sheet.value(row, FORM_COLUMNS), target=cell_ref(row, 2), lost=True)
        elif len(cells) > 1 and cells[0] == 1:          # a row of its own: its label names the others
            report.warning("unread.row", sheet=sheet.name, cell=cell_ref(row, cells[1]), label=values[0],
                           value=sheet.value(row, cells[1]), lost=True)
            for column in cells[2:]:
                _cell(sheet, row, column, report)
        else:
            for column in cells:
                _cell(sheet, row, column, report)
