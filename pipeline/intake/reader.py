"""The workbook engine: file checks, then the raw cell grid of every sheet.

Reads .xlsx, .xlsm (macros are never run, only the cells are read) and .ods, streaming their XML
(pipeline.intake.cells): only the cells that exist are held, whatever dimension a sheet declares. Returns plain values
(str, float, bool, date, datetime, time) in a grid per sheet, plus what the grid cannot show: formula errors, cell
comments, cells far from the grid (reported, not read) and (pipeline.intake.sheetxml) the cells holding a formula
with no stored value, hyperlink targets and merged cells.
A hyperlinked cell reads as its target, whatever text it shows.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.exceptions import IntakeError
from pipeline.intake.cells import MAX_CELLS, SheetCells, TooManyCells, read_cells, read_ods_cells
from pipeline.intake.sheetxml import Cell, Link, Range, SheetExtras, scan_ods, sheet_parts

MAX_UNCOMPRESSED = 200_000_000        # bytes; a large intake workbook unpacks to a few MB
MAX_RATIO = 200                          # a zip entry inflating more than this is a bomb, not a workbook
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ODS_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# The grid read into rows and columns: cells beyond a gap this wide, or beyond the limits, are far from every table
# of the template and reported one by one as not read, never allocated as a grid.
ROW_GAP, MAX_ROWS = 500, 20_000
COLUMN_GAP, MAX_COLUMNS = 30, 200


@dataclass
class RawSheet:
    name: str
    rows: list[list[object]]
    formula_cells: set[Cell] = field(default_factory=set)    # formulas with no stored value
    merged: list[Range] = field(default_factory=list)
    errors: dict[Cell, str] = field(default_factory=dict)      # formula errors shown in the cell (#DIV/0! …)
    comments: dict[Cell, str] = field(default_factory=dict)    # cell comments (notes), never read into the plan
    far: dict[Cell, object] = field(default_factory=dict)      # filled cells far from the grid, not read

    def value(self, row: int, column: int) -> object:
        """The value at (ROW, COLUMN), 1-based; '' outside the grid."""
        if 0 < row <= len(self.rows):
            values = self.rows[row - 1]
            if 0 < column <= len(values):
                return values[column - 1]
        return ""


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet]
    macros: bool = False                 # an .xlsm's VBA project, ignored


def _fail(code: str, path: Path, **values: str) -> IntakeError:
    return IntakeError(code, file=path.name, **values)


def _looks_like_text(sample: bytes) -> bool:
    """CSV or other plain text, in any 8-bit encoding: no NUL bytes, hardly any control characters."""
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return controls <= len(sample) // 100


def sniff(path: Path, data: bytes) -> None:
    """Refuse what is not a workbook (.xlsx, .xlsm, .ods) before any parser sees it, each with its own reason."""
    if not data:
        raise _fail("file.empty", path)
    if data.startswith(_OLE2):
        encrypted = "EncryptedPackage".encode("utf-16-le") in data
        raise _fail("file.encrypted" if encrypted else "file.xls", path)
    if not data.startswith(b"PK"):
        raise _fail("file.csv" if _looks_like_text(data[:4096]) else "file.not_xlsx", path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            is_ods = "mimetype" in names and archive.read("mimetype").strip() == _ODS_TYPE and "content.xml" in names
            if "xl/workbook.xml" not in names and not is_ods:
                raise _fail("file.not_xlsx", path)
            total = sum(i.file_size for i in archive.infolist())
            bomb = any(i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 10_000_000
                       for i in archive.infolist())
            if total > MAX_UNCOMPRESSED or bomb:
                raise _fail("file.too_large", path, size=str(total // 1_000_000),
                            limit=str(MAX_UNCOMPRESSED // 1_000_000))
    except zipfile.BadZipFile:
        raise _fail("file.corrupt", path) from None


def _unescape(value: object) -> object:
    """Excel stores control characters as _x000B_; give them back as characters (they are cleaned later)."""
    if isinstance(value, str) and "_x" in value:
        return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _with_link(value: object, link: Link) -> object:
    """A hyperlinked cell reads as the link's target (what a Teams link or web address field needs); the text shown
    ("NAO:n Teams-tila") is only its label. A number or date keeps its value."""
    if value not in ("", None) and not isinstance(value, str):
        return value
    return link.target


def _extent(used: set[int], gap: int, limit: int) -> int:
    """The last of the USED numbers (rows or columns) reached from 1 without a gap wider than GAP, within LIMIT."""
    last = 0
    for number in sorted(used):
        if number - last > gap or number > limit:
            break
        last = number
    return last


def _grid(cells: SheetCells) -> tuple[list[list[object]], dict[Cell, object]]:
    """The cells as rows (ragged, up to each row's last cell), and the cells too far from them to be a grid's."""
    last_row = _extent({r for r, _ in (*cells.values, *cells.errors)}, ROW_GAP, MAX_ROWS)
    last_column = _extent({c for _, c in (*cells.values, *cells.errors)}, COLUMN_GAP, MAX_COLUMNS)
    rows: list[list[object]] = [[] for _ in range(last_row)]
    far: dict[Cell, object] = {}
    for (row, column), value in sorted(cells.values.items()):
        if row > last_row or column > last_column:
            far[(row, column)] = value
            continue
        values = rows[row - 1]
        values.extend([""] * (column - len(values)))
        values[column - 1] = value
    for cell, error in cells.errors.items():
        if cell[0] > last_row or cell[1] > last_column:
            far[cell] = error
    while rows and not rows[-1]:
        rows.pop()
    return rows, far


def _sheet(name: str, grid: Sequence[Sequence[object]], extras: SheetExtras,
           cells: SheetCells | None = None) -> RawSheet:
    rows = [[_unescape(v) for v in row] for row in grid]
    far: dict[Cell, object] = {}
    if cells is not None:
        rows, far = _grid(cells)
        rows = [[_unescape(v) for v in row] for row in rows]
    for (row, column), link in extras.links.items():
        while len(rows) < row:
            rows.append([])
        values = rows[row - 1]
        values.extend([""] * (column - len(values)))
        values[column - 1] = _with_link(values[column - 1], link)
    if cells is None:
        return RawSheet(name, rows, extras.uncached, extras.merged)
    errors = {cell: error for cell, error in cells.errors.items() if cell not in far}
    return RawSheet(name, rows, extras.uncached - set(errors), extras.merged, errors, cells.comments, far)


def read_raw(path: Path, skip: Callable[[str], bool] | None = None) -> RawWorkbook:
    """The raw cells of the workbook at PATH, read from disk once. A sheet whose name SKIP accepts is listed without
    its cells (.xlsx, .xlsm: not even parsed)."""
    if not path.is_file():
        raise _fail("file.missing", path)
    try:
        data = path.read_bytes()
    except OSError:
        raise _fail("file.no_access", path) from None
    sniff(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            macros = any(name.lower().endswith("vbaproject.bin") for name in archive.namelist())
            if "xl/workbook.xml" in archive.namelist():
                parts = sheet_parts(archive)
                wanted = {name: part for name, part in parts.items() if skip is None or not skip(name)}
                cells = read_cells(archive, wanted)           # refuses an oversized sheet at once
                sheets = {name: _sheet(name, [], cells[name].extras, cells[name]) if name in cells
                          else RawSheet(name, []) for name in parts}
                return RawWorkbook(path, sheets, macros)
            ods = read_ods_cells(archive.read("content.xml"))
            extras = scan_ods(archive)
        sheets = {name: _sheet(name, [], extras.get(name, SheetExtras()), cells) for name, cells in ods.items()}
    except TooManyCells:
        raise _fail("file.too_many_cells", path, limit=f"{MAX_CELLS:,}".replace(",", "\u00a0")) from None
    except Exception:  # zip/XML errors: a damaged file, reported, never a traceback
        raise _fail("file.corrupt", path) from None
    return RawWorkbook(path, sheets, macros)
