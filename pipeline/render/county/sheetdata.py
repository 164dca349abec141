"""The county workbook's cells written as XML text in one pass, instead of openpyxl's element-by-element writing.

openpyxl saves a sheet's cells through lxml's incremental writer, an element and a context manager per cell: at 300
lines (about 340 000 cells) that was about 40 % of the county workbook's time. `fast_cells()` makes a save write each
sheet's `<sheetData>` as text built here, with the same bytes as openpyxl's (same attributes in the same order,
lxml's escaping in its ASCII output: `&amp; &lt; &gt;`, a carriage return and every non-ASCII character as a decimal
character reference), and the same side effects (each styled cell's style registered in the workbook's list in the
order openpyxl meets it). A sheet holding anything this writer does not handle (a formula, rich text, a comment, a
hyperlink, ISO dates) is written by openpyxl as before. tests/test_county_sheetdata.py compares both writers'
bytes.

The swap of openpyxl's worksheet writer lasts only for the save inside `fast_cells()`; the module patches nothing
on import.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import openpyxl.writer.excel as excel_writer
from openpyxl.cell.rich_text import CellRichText
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter

# what the cells are first written as, then replaced by: one private-use text no other part holds
_MARKER = "\ue000digiplan-cells\ue000"
_MARKED = b"<sheetData>&#57344;digiplan-cells&#57344;</sheetData>"
BATCH_ROWS = 500                    # rows of text encoded and written at a time
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                            "\t": "&#9;"})


class _Unhandled(Exception):
    """A cell this writer leaves to openpyxl."""


def _text(value: str) -> str:
    """VALUE escaped as lxml escapes a text node (non-ASCII characters: when the whole is encoded)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attributes(values: dict[str, str]) -> str:
    return "".join(f' {key}="{value.translate(_ATTRIBUTE)}"' for key, value in values.items())


class _Styles:
    """Each cell's `s` attribute (or none), registering its style in the workbook's list as `cell.style_id` does, once
    per style record (the county workbook's cells share their records: workbook.py `_SharedStyles`)."""

    def __init__(self, book: Any) -> None:
        self.styles = book._cell_styles
        self.known: dict[int, tuple[Any, str]] = {}

    def attribute(self, cell: Any) -> str:
        record = cell._style
        if record is None:
            return ""
        found = self.known.get(id(record))
        if found is None or found[0] is not record:
            found = self.known[id(record)] = (record, f' s="{self.styles.add(record)}"' if any(record) else "")
        return found[1]


def _row_tail(dim: Any, known: dict[tuple[Any, ...], str]) -> str:
    """The attributes after `r` of a row with the dimension DIM, as openpyxl writes them (`dict(dim)`), worked out
    once per distinct unstyled dimension (KNOWN: so far). An unstyled dimension's `s` is the workbook's first style,
    which a new workbook always holds (index 0, not written): only a styled one goes through openpyxl each time."""
    style = dim._style
    if style is not None and any(style):
        return _attributes(dict(dim))
    values = dim.__dict__
    key = tuple(values.get(name) for name in ("hidden", "outlineLevel", "collapsed", "ht", "thickBot", "thickTop"))
    found = known.get(key)
    if found is None:
        found = known[key] = _attributes(dict(dim))
    return found


def sheet_rows(writer: WorksheetWriter) -> Iterator[str]:
    """The XML text of WRITER's sheet's `<sheetData>` content, row by row, as openpyxl's `write_rows` writes it;
    raises _Unhandled for a cell it does not write."""
    ws = writer.ws
    book = ws.parent
    if book.iso_dates:
        raise _Unhandled("ISO dates")
    styles, epoch, dims = _Styles(book), book.epoch, ws.row_dimensions
    letters: dict[int, str] = {}
    serials: dict[Any, str] = {}
    tails: dict[tuple[Any, ...], str] = {}
    for index, cells in writer.rows():
        out: list[str] = []
        dim = dims.get(index)
        out.append(f'<row r="{index}"{_row_tail(dim, tails) if dim is not None else ""}>')
        for cell in cells:
            if cell._comment is not None or cell._hyperlink is not None:
                raise _Unhandled("comment or hyperlink")
            value = cell._value
            if value is None and not cell.has_style:
                continue
            column = cell.column
            letter = letters.get(column) or letters.setdefault(column, get_column_letter(column))
            kind = cell.data_type
            head = f'<c r="{letter}{cell.row}"{styles.attribute(cell)}'
            if kind == "s":
                if value is None or value == "":
                    out.append(f'{head} t="inlineStr"></c>')
                elif isinstance(value, str) and not isinstance(value, CellRichText):
                    space = ' xml:space="preserve"' if value != value.strip() else ""
                    out.append(f'{head} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>')
                else:
                    raise _Unhandled("rich text")
            elif kind == "d":
                if value is None or getattr(value, "tzinfo", None) is not None:
                    raise _Unhandled("no date, or a time zone")
                serial = serials.get(value)
                if serial is None:
                    serial = serials[value] = _text(safe_string(to_excel(value, epoch)))
                out.append(f'{head} t="n"><v>{serial}</v></c>')
            elif kind in ("n", "b", "e", "str"):
                if value is None or value == "":
                    out.append(f'{head} t="{kind}"></c>')
                else:
                    out.append(f'{head} t="{kind}"><v>{_text(safe_string(value))}</v></c>')
            else:
                raise _Unhandled(f"data type {kind}")
        out.append("</row>")
        yield "".join(out)


class _FastCellsWriter(WorksheetWriter):
    """openpyxl's worksheet writer with the cells written by `sheet_rows` (see the module's note), into a temporary
    file of their own (a sheet's cells are never all in memory as text), put in place of a marker once openpyxl has
    written the rest of the sheet."""

    cells: IO[bytes] | None = None

    def write_rows(self) -> None:
        cells = tempfile.TemporaryFile()
        try:
            batch: list[str] = []
            for row in sheet_rows(self):
                batch.append(row)
                if len(batch) == BATCH_ROWS:
                    cells.write("".join(batch).encode("ascii", "xmlcharrefreplace"))
                    batch.clear()
            cells.write("".join(batch).encode("ascii", "xmlcharrefreplace"))
        except _Unhandled:
            cells.close()
            super().write_rows()
            return
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            xf.write(_MARKER)
        self.xf.send(None)
        self.cells = cells

    def write_tables(self) -> None:
        """Each table's column names from its header row, as openpyxl's `write_tables` takes them, but from the
        header cells alone: openpyxl gets them through `ws[table.ref]`, every cell of the table (and makes the
        missing ones), a whole-sheet pass per table. A table with a header cell missing is left to openpyxl."""
        for table in self.ws.tables.values():
            if table.tableColumns or not table.headerRowCount:
                continue
            first_col, header_row, last_col, _ = range_boundaries(table.ref)
            header = [self.ws._cells.get((header_row, column)) for column in range(first_col, last_col + 1)]
            if None in header or any(cell.data_type != "s" for cell in header):
                continue                            # openpyxl's own way, with its warning
            table._initialise_columns()
            for cell, column in zip(header, table.tableColumns, strict=True):
                column.name = str(cell.value)
        super().write_tables()

    def write(self) -> None:
        super().write()
        if self.cells is None:
            return
        with self.cells, open(self.out, "rb") as source:
            head, tail = source.read().split(_MARKED)       # one marker: a ValueError otherwise
            with open(self.out, "wb") as target:
                target.write(head + b"<sheetData>")
                self.cells.seek(0)
                shutil.copyfileobj(self.cells, target)
                target.write(b"</sheetData>" + tail)


@contextmanager
def fast_cells() -> Iterator[None]:
    """Saves within the block write every sheet's cells with `sheet_rows` (the module's note)."""
    previous = excel_writer.WorksheetWriter
    excel_writer.WorksheetWriter = _FastCellsWriter  # type: ignore[misc]
    try:
        yield
    finally:
        excel_writer.WorksheetWriter = previous  # type: ignore[misc]
