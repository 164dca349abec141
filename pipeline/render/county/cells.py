"""Writing the county workbook's sheets with openpyxl: safe cells, Excel tables, print setup, fixed core dates.

Every user string goes through `put`, which stores it as text (never a formula), XML-safe and within Excel's cell
limit. Sheet and table names are made valid for Excel here.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.officefiles import xml_safe
from pipeline.reference import ExcelStyle

DATE_FORMAT = "d.m.yyyy"
PERCENT_FORMAT = "0 %"
DECIMAL_FORMAT = "0.0"
MAX_CELL_CHARS = 32_767
SHEET_NAME_MAX = 31
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 4
TABLE_STYLE = "TableStyleMedium2"

LINE_HEIGHT = 15.0                 # points per text line at 11 pt
MAX_ROW_HEIGHT = 409.0
CHARS_PER_WIDTH = 1.05             # average Finnish characters per column-width unit at 11 pt


def font(style: ExcelStyle, bold: bool = False, color: str | None = None, size: float = 11,
         italic: bool = False) -> Font:
    """A font with the workbook's family named (a nameless font falls back to a serif face in LibreOffice);
    COLOR defaults to the body text colour."""
    return Font(name=style.county.font_name, bold=bold, color=color or style.county.text, size=size,
                italic=italic)


def bold_font(style: ExcelStyle) -> Font:
    return font(style, bold=True)


TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(vertical="bottom", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


_FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_TABLE_NAME = re.compile(r"[^A-Za-z0-9_]")


def sheet_title(name: str) -> str:
    """NAME (a catalogue text) as a valid Excel sheet name: no []:*?/\\, no apostrophe at either end, at most 31
    characters."""
    text = _FORBIDDEN_SHEET_CHARS.sub(" ", xml_safe(name)).replace("\n", " ")
    return " ".join(text.split()).strip("'")[:SHEET_NAME_MAX].strip() or "_"


def table_name(name: str) -> str:
    """NAME as a valid Excel table name (letters, digits, underscores; starts with a letter, not a cell ref)."""
    text = _TABLE_NAME.sub("_", name)
    return f"t_{text}" if not text[:1].isalpha() or re.fullmatch(r"[A-Za-z]{1,3}\d+", text) else text


@dataclass(frozen=True)
class Column:
    """One column of a table: catalogue key, width, kind (text, wrap, date, int, number, percent)."""
    key: str
    width: float
    kind: str = "text"


def column_number(columns: list[Column], key: str) -> int:
    """The 1-based column number of the column named KEY."""
    return next(n for n, column in enumerate(columns, start=1) if column.key == key)


_FORMATS = {"date": DATE_FORMAT, "percent": PERCENT_FORMAT, "number": DECIMAL_FORMAT, "int": "0"}


def text(value: str) -> str:
    """A user string Excel can store: XML-safe and within the cell limit."""
    value = xml_safe(value)
    return value if len(value) <= MAX_CELL_CHARS else value[: MAX_CELL_CHARS - 1] + "…"


def put(ws: Worksheet, row: int, column: int, value: Any, kind: str = "text") -> Cell:
    """Write VALUE; strings always as text (a leading = + - @ stays inert), dates with the Finnish format."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, str):
        cell.value = text(value)
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
        if kind in _FORMATS:
            cell.number_format = _FORMATS[kind]
    cell.alignment = WRAP if kind == "wrap" else TOP
    return cell


def write_title(ws: Worksheet, style: ExcelStyle, title: str, subtitle: str = "") -> None:
    put(ws, TITLE_ROW, 1, title).font = font(style, size=14, bold=True, color=style.county.title)
    if subtitle:
        put(ws, SUBTITLE_ROW, 1, subtitle).font = font(style, italic=True, color=style.county.subtitle)
    ws.row_dimensions[TITLE_ROW].height = 22


def write_table(ws: Worksheet, style: ExcelStyle, name: str, columns: list[Column], headers: list[str],
                rows: Iterable[list[Any]], header_row: int = HEADER_ROW, first_col: int = 1,
                widths: bool = True) -> int:
    """Write a header row and ROWS as a real Excel table with a filter; returns the last row written.

    An empty table keeps one blank row, since Excel does not accept a table with a header only."""
    for offset, (column, header) in enumerate(zip(columns, headers, strict=True)):
        style_header(put(ws, header_row, first_col + offset, header), style)
        if widths:
            ws.column_dimensions[get_column_letter(first_col + offset)].width = column.width
    last = header_row
    for values in rows:
        last += 1
        for offset, (column, value) in enumerate(zip(columns, values, strict=True)):
            put(ws, last, first_col + offset, value, column.kind)
        fit_row(ws, last, columns, values)
    if last == header_row:
        last += 1
    ref = f"{get_column_letter(first_col)}{header_row}:{get_column_letter(first_col + len(columns) - 1)}{last}"
    table = Table(displayName=table_name(name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    return last


def style_header(cell: Cell, style: ExcelStyle) -> Cell:
    """A table header cell styled explicitly (LibreOffice does not draw Excel's table styles)."""
    cell.alignment = HEADER_ALIGN
    cell.font = font(style, bold=True, color=style.county.header_text)
    cell.fill = fill(style.county.header_fill)
    return cell


def wrapped_lines(value: str, width: float) -> int:
    """How many lines VALUE takes in a wrapped column of WIDTH (greedy word wrap, estimated)."""
    capacity = max(1, int(width * CHARS_PER_WIDTH))
    lines = 0
    for paragraph in value.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > capacity:
                lines += 1
                used = 0
            used = used + (1 if used else 0) + len(word)
            while used > capacity:
                lines += 1
                used -= capacity
    return lines


def fit_row(ws: Worksheet, row: int, columns: list[Column], values: list[Any]) -> None:
    """Set the row's height from its wrapped texts (Excel and LibreOffice do not grow rows written by openpyxl
    reliably)."""
    lines = max([wrapped_lines(text(v), c.width) for c, v in zip(columns, values, strict=True)
                 if c.kind == "wrap" and isinstance(v, str) and v] or [1])
    if lines > 1:
        ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT)


def header_texts(labels: Labels, prefix: str, columns: list[Column]) -> list[str]:
    return [labels.get(f"{prefix}.{c.key}") for c in columns]


def footer_text(value: str) -> str:
    """User text inside a header/footer: '&' is a code there, so it is doubled."""
    return xml_safe(value).replace("&", "&&")


def finish_sheet(ws: Worksheet, labels: Labels, title: str, as_of: dt.date, freeze: str,
                 title_rows: str = f"{HEADER_ROW}:{HEADER_ROW}") -> None:
    """Frozen header, landscape A4 fitted to the page width, header rows repeated, footer with page numbers."""
    ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.left.text = footer_text(labels.get("county.workbook.footer_left", title=title,
                                                    date=fi_date(as_of)))
    ws.oddFooter.right.text = labels.get("county.workbook.footer_right")


def set_properties(wb: Workbook, title: str, creator: str, as_of: dt.date, language: str) -> dt.datetime:
    stamp = dt.datetime.combine(as_of, dt.time())
    wb.properties.title = xml_safe(title)
    wb.properties.creator = xml_safe(creator)
    wb.properties.lastModifiedBy = xml_safe(creator)
    wb.properties.language = language
    wb.properties.created = stamp
    wb.properties.modified = stamp
    return stamp


def area_text(name: str, labels: Labels) -> str:
    """An area's name, or the catalogue's word for a line outside the organisation."""
    return name or labels.get("county.workbook.unknown_area")


def yes_no(value: bool, labels: Labels) -> str:
    return labels.get("county.workbook.yes" if value else "county.workbook.no")


def enum_text(value: Any, labels: Labels) -> str:
    """The display name of an enum member, '' for no value (never 'None')."""
    return labels.enum(value) if value is not None else ""
