"""Writing the county workbook's sheets with openpyxl: safe cells, Excel tables, print setup, fixed core dates.

Every user string goes through `put`, which stores it as text (never a formula), XML-safe and within Excel's cell
limit. Sheet and table names are made valid for Excel here.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.catalog import Labels
from pipeline.excel import (
    CENTER,
    Column,
    cell_text,
    column_number,
    fill,
    fit_row,
    print_setup,
    put,
    wrapped_lines,
)
from pipeline.excel import font as _font
from pipeline.excel import (
    style_header as _style_header,
)
from pipeline.formatting import fi_date, one_line
from pipeline.officefiles import xml_safe
from pipeline.reference import ExcelStyle

__all__ = ["CENTER", "Column", "column_number", "fill", "put"]

SHEET_NAME_MAX = 31
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 4


def font(style: ExcelStyle, bold: bool = False, color: str | None = None, size: float = 11,
         italic: bool = False) -> Font:
    """A font of the workbook's family; COLOR defaults to the body text colour."""
    return _font(style.font_name, color or style.county.text, bold=bold, size=size, italic=italic)


def bold_font(style: ExcelStyle) -> Font:
    return font(style, bold=True)


_FORBIDDEN_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_TABLE_NAME = re.compile(r"[^A-Za-z0-9_]")


def sheet_title(name: str) -> str:
    """NAME (a catalogue text) as a valid Excel sheet name: no []:*?/\\, no apostrophe at either end, at most 31
    characters."""
    text = _FORBIDDEN_SHEET_CHARS.sub(" ", xml_safe(name)).replace("\n", " ")
    return one_line(text).strip("'")[:SHEET_NAME_MAX].strip() or "_"


def table_name(name: str) -> str:
    """NAME as a valid Excel table name (letters, digits, underscores; starts with a letter, not a cell ref)."""
    text = _TABLE_NAME.sub("_", name)
    return f"t_{text}" if not text[:1].isalpha() or re.fullmatch(r"[A-Za-z]{1,3}\d+", text) else text


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
    body = _BodyCells(ws)
    for values in rows:
        last += 1
        wrapped = []
        for offset, (column, value) in enumerate(zip(columns, values, strict=True)):
            cell = body.put(last, first_col + offset, value, column.kind)
            if column.kind == "wrap" and isinstance(value, str):
                wrapped.append((cell._value or "", column.width))
        fit_row(ws, last, wrapped, cleaned=True, count=body.lines)
    if last == header_row:
        last += 1
    ref = f"{get_column_letter(first_col)}{header_row}:{get_column_letter(first_col + len(columns) - 1)}{last}"
    table = Table(displayName=table_name(name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=style.table_style, showRowStripes=True)
    ws.add_table(table)
    return last


def style_header(cell, style: ExcelStyle):
    return _style_header(cell, style.font_name, style.county.header_fill, style.county.header_text)


def header_texts(labels: Labels, prefix: str, columns: list[Column]) -> list[str]:
    return [labels.get(f"{prefix}.{c.key}") for c in columns]


def footer_text(value: str) -> str:
    """User text inside a header/footer: '&' is a code there, so it is doubled."""
    return xml_safe(value).replace("&", "&&")


def finish_sheet(ws: Worksheet, labels: Labels, title: str, as_of: dt.date, freeze: str,
                 title_rows: str = f"{HEADER_ROW}:{HEADER_ROW}") -> None:
    """Frozen header, landscape A4 fitted to the page width, header rows repeated, footer with page numbers."""
    ws.freeze_panes = freeze
    print_setup(ws, title_rows)
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


def start_sheet(wb: Workbook, ctx, key: str, header_height: float = 32, **values: Any) -> tuple[Worksheet, str]:
    """A new sheet named by `county.sheets.KEY`, with its title and dated subtitle (`county.KEY.title` and
    `.subtitle`, given VALUES) and its header row's height; returns the sheet and its name."""
    labels = ctx.labels
    title = labels.get(f"county.sheets.{key}")
    ws = wb.create_sheet(sheet_title(title))
    write_title(ws, ctx.reference.excel_style, labels.get(f"county.{key}.title"), labels.get(
        f"county.{key}.subtitle", date=labels.get("county.workbook.as_of", date=fi_date(ctx.as_of)), **values))
    ws.row_dimensions[HEADER_ROW].height = header_height
    return ws, title


_PLAIN = {str: "s", int: "n", float: "n", bool: "b", dt.date: "d", dt.datetime: "d"}


class _BodyCells:
    """`put` for a table's body cells, at a fraction of its cost: the first new cell of each kind of column and type
    of value goes through `put`, and the style record it ends with is copied to the later ones of the same kind and
    type, whose value is stored as `put` stores it. Same cells, same style records, and the workbook's lists of
    styles grow in the same order (a later cell would only add what the first one added). A cell already written,
    or a value of another type, goes through `put`."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.records: dict[tuple[str, type], StyleArray] = {}
        # a county's tables repeat few texts many times (300 lines: 216 000 text cells, 2 000 distinct texts)
        self.texts: dict[str, str] = {}
        self.counted: dict[tuple[str, float, int], int] = {}

    def text(self, value: str) -> str:
        """`cell_text(VALUE)`, once per distinct text."""
        found = self.texts.get(value)
        if found is None:
            found = self.texts[value] = cell_text(value)
        return found

    def lines(self, text: str, width: float, limit: int) -> int:
        """`wrapped_lines`, once per distinct text and width."""
        key = (text, width, limit)
        found = self.counted.get(key)
        if found is None:
            found = self.counted[key] = wrapped_lines(text, width, limit)
        return found

    def put(self, row: int, column: int, value: Any, kind: str) -> Cell:
        ws = self.ws
        empty = value is None or (type(value) is str and value == "")
        kind_of_value = type(None) if empty else type(value)
        key = (kind, kind_of_value)
        record = self.records.get(key)
        if (row, column) in ws._cells or record is None or not (empty or kind_of_value in _PLAIN):
            cell = put(ws, row, column, value, kind)
            if record is None and cell._style is not None and (empty or kind_of_value in _PLAIN):
                self.records[key] = StyleArray(cell._style)
            return cell
        # `Cell(ws, row=row, column=column, style_array=record)` with its attributes set directly: half the cost
        cell = Cell.__new__(Cell)
        cell.parent, cell._style, cell.row, cell.column = ws, record.__copy__(), row, column
        cell._hyperlink = cell._comment = None
        if empty:
            cell._value, cell.data_type = None, "n"
        elif kind_of_value is str:
            cell._value, cell.data_type = self.text(value), "s"
        else:
            cell._value, cell.data_type = value, _PLAIN[kind_of_value]
        ws._add_cell(cell)
        return cell
