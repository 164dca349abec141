"""Cells, rows and pages of every Excel file digiplan writes (the intake workbooks and the county workbook).

One place for the conventions both writers keep: a user string is stored as text (never a formula), XML-safe and
within Excel's cell limit; dates carry the Finnish format; wrapped rows get explicit heights (no client grows rows
written by openpyxl); pages print landscape A4, fitted to the width, with the header rows repeated; every styled
cell names its font (a nameless font falls back to a serif face in LibreOffice).
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.officefiles import xml_safe

DATE_FORMAT = "d.m.yyyy"
PERCENT_FORMAT = "0 %"
DECIMAL_FORMAT = "0.0"
EURO_FORMAT = '#,##0 "€"'
MAX_CELL_TEXT = 32_767             # Excel's limit for one cell
LINE_HEIGHT = 15.0                 # points per text line at 11 pt
MAX_ROW_HEIGHT = 409.0             # Excel's limit for one row
CHARS_PER_WIDTH = 1.05             # average Finnish characters per column-width unit at 11 pt (kept low: a row
                                   # a line too tall is harmless, a line too short hides text)
TIME_FORMAT = "h.mm"
FORMATS = {"date": DATE_FORMAT, "percent": PERCENT_FORMAT, "number": DECIMAL_FORMAT, "int": "0",
           "euro": EURO_FORMAT, "time": TIME_FORMAT}

TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(vertical="bottom", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Column:
    """One column of a table: catalogue key, width, kind (text, wrap, date, int, number, percent, euro)."""
    key: str
    width: float
    kind: str = "text"


def column_number(columns: list[Column], key: str) -> int:
    """The 1-based column number of the column named KEY."""
    return next(n for n, column in enumerate(columns, start=1) if column.key == key)


def cell_text(value: str) -> str:
    """A user string Excel can store: XML-safe and within the cell limit."""
    value = xml_safe(value)
    return value if len(value) <= MAX_CELL_TEXT else value[: MAX_CELL_TEXT - 1] + "…"


def set_value(cell: Cell, value: Any, kind: str = "text") -> Cell:
    """VALUE into CELL: strings always as text (a leading = + - @ stays inert), dates with the Finnish format,
    numbers with the format of KIND; wrapped text for "wrap" columns, top-aligned otherwise."""
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, str):
        # Stored as text directly: `cell.value = …` would scan the string again for the characters `cell_text`
        # has already removed (a third of a county workbook's cell time at 300 lines of long texts).
        cell._value = cell_text(value)
        cell.data_type = "s"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
        if kind in FORMATS:
            cell.number_format = FORMATS[kind]
    if kind in ("date", "time", "euro"):
        cell.number_format = FORMATS[kind]
    align(cell, WRAP if kind == "wrap" else TOP)
    return cell


_style_ids: WeakKeyDictionary[Workbook, dict[tuple[str, int], tuple[Any, int]]] = WeakKeyDictionary()
_STYLE_PARTS = {"font": ("_fonts", "fontId"), "fill": ("_fills", "fillId"), "alignment": ("_alignments", "alignmentId"),
                "border": ("_borders", "borderId")}


def restyle(cell: Cell, **parts: Any) -> Cell:
    """`cell.font = …`, `cell.fill = …`, `cell.alignment = …`, `cell.border = …` for style objects that are never
    changed (the module's constants, `font()` and `fill()`'s shared objects). openpyxl hashes a style object anew on
    every assignment, most of a county workbook's time at 300 lines; here each workbook's index of an object is
    looked up once and then set directly in the cell's style ids. Same workbook bytes as the plain assignment."""
    book = cell.parent.parent
    known = _style_ids.setdefault(book, {})
    if not cell._style:
        cell._style = StyleArray()
    for name, value in parts.items():
        collection, key = _STYLE_PARTS[name]
        found = known.get((name, id(value)))
        if found is None or found[0] is not value:
            found = known[(name, id(value))] = (value, getattr(book, collection).add(value))
        setattr(cell._style, key, found[1])
    return cell


def align(cell: Cell, alignment: Alignment) -> None:
    """`cell.alignment = ALIGNMENT` for the fixed alignments of this module (never changed), through `restyle`."""
    restyle(cell, alignment=alignment)


def put(ws: Worksheet, row: int, column: int, value: Any, kind: str = "text") -> Cell:
    return set_value(ws.cell(row=row, column=column), value, kind)


@functools.cache
def font(name: str, color: str, bold: bool = False, size: float = 11, italic: bool = False) -> Font:
    """One shared Font per set of values (never change it: assign it, or `restyle` with it)."""
    return Font(name=name, bold=bold, color=color, size=size, italic=italic)


@functools.cache
def fill(rgb: str) -> PatternFill:
    """One shared solid fill per colour (never change it)."""
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def style_header(cell: Cell, font_name: str, background: str, text_colour: str) -> Cell:
    """A table header cell styled explicitly (LibreOffice does not draw Excel's table styles)."""
    cell.alignment = HEADER_ALIGN
    cell.font = font(font_name, text_colour, bold=True)
    cell.fill = fill(background)
    return cell


def wrapped_lines(value: str, width: float, limit: int | None = None) -> int:
    """How many lines VALUE takes in a wrapped column of WIDTH (greedy word wrap, estimated); with LIMIT, counting
    stops once LIMIT lines are reached (a row is never taller than Excel allows)."""
    capacity = max(1, int(width * CHARS_PER_WIDTH))
    lines = 0
    for paragraph in value.split("\n"):
        if limit is not None and lines >= limit:
            return lines
        if len(paragraph) <= capacity:          # fits on one line whatever its spacing
            lines += 1
            continue
        used = 0
        lines += 1
        for word in paragraph.split():
            if limit is not None and lines >= limit:
                return lines
            if used and used + 1 + len(word) > capacity:
                lines += 1
                used = 0
            used = used + (1 if used else 0) + len(word)
            while used > capacity:
                lines += 1
                used -= capacity
    return lines


def row_height(lines: int, line_height: float = LINE_HEIGHT) -> float:
    return min(MAX_ROW_HEIGHT, lines * line_height)


def fit_row(ws: Worksheet, row: int, texts: list[tuple[str, float]], cleaned: bool = False,
            count: Callable[[str, float, int], int] = wrapped_lines) -> None:
    """Give ROW the height its wrapped TEXTS (text, column width) need; one-line rows keep the default. CLEANED:
    the texts are already as the cells store them (`cell_text`); COUNT: `wrapped_lines` or a cache of it."""
    limit = int(MAX_ROW_HEIGHT // LINE_HEIGHT) + 1          # any more lines give the same (the highest) row
    lines = max([count(text if cleaned else cell_text(text), width, limit) for text, width in texts if text] or [1])
    if lines > 1:
        ws.row_dimensions[row].height = row_height(lines)


def print_setup(ws: Worksheet, title_rows: str | None) -> None:
    """Landscape A4 fitted to the page width, TITLE_ROWS repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
