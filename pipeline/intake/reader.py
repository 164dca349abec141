"""The workbook engine: file checks, then the raw cell grid of every sheet. The only module that knows calamine.

Returns plain values (str, float, int, bool, date, datetime, time) in a grid per sheet, plus the cells that hold a
formula with no cached value (calamine returns '' for them, so they are found in the sheet XML).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook

from pipeline.exceptions import IntakeError

MAX_UNCOMPRESSED = 200_000_000        # bytes; a large intake workbook unpacks to a few MB
MAX_RATIO = 200                          # a zip entry inflating more than this is a bomb, not a workbook
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass
class RawSheet:
    name: str
    rows: list[list[object]]
    formula_cells: set[tuple[int, int]] = field(default_factory=set)   # (row, col), both 1-based


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet]


def _fail(code: str, path: Path, **values: str) -> IntakeError:
    return IntakeError(code, file=path.name, **values)


def _looks_like_text(sample: bytes) -> bool:
    """CSV or other plain text, in any 8-bit encoding: no NUL bytes, hardly any control characters."""
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return controls <= len(sample) // 100


def sniff(path: Path, data: bytes) -> None:
    """Refuse what is not an xlsx before any parser sees it, each with its own reason."""
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
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise _fail("file.ods", path)
            if "xl/workbook.xml" not in names:
                raise _fail("file.not_xlsx", path)
            total = sum(i.file_size for i in archive.infolist())
            bomb = any(i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 10_000_000
                       for i in archive.infolist())
            if total > MAX_UNCOMPRESSED or bomb:
                raise _fail("file.too_large", path, size=str(total // 1_000_000),
                            limit=str(MAX_UNCOMPRESSED // 1_000_000))
    except zipfile.BadZipFile as exc:
        raise _fail("file.corrupt", path, detail=str(exc)) from None


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the zip."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    paths = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        paths[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return paths


def _cell_index(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters):]), col


def _formulas_without_value(xml: bytes) -> set[tuple[int, int]]:
    if b"<f" not in xml:
        return set()
    found = set()
    for _, element in ElementTree.iterparse(io.BytesIO(xml), events=("end",)):
        if element.tag == f"{_NS_MAIN}c":
            formula = element.find(f"{_NS_MAIN}f")
            value = element.find(f"{_NS_MAIN}v")
            if formula is not None and (value is None or not (value.text or "").strip()):
                inline = element.find(f"{_NS_MAIN}is")
                if inline is None:
                    found.add(_cell_index(element.get("r", "A1")))
            element.clear()
    return found


def _unescape(value: object) -> object:
    """Excel stores control characters as _x000B_; give them back as characters (they are cleaned later)."""
    if isinstance(value, str) and "_x" in value:
        return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def read_raw(path: Path) -> RawWorkbook:
    """The raw cells of the workbook at PATH, read from disk once."""
    if not path.is_file():
        raise _fail("file.missing", path)
    data = path.read_bytes()
    sniff(path, data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = _sheet_paths(archive)
            names = set(archive.namelist())
            formulas = {name: _formulas_without_value(archive.read(part))
                        for name, part in parts.items() if part in names}
        sheets = {}
        for name in workbook.sheet_names:
            grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = [[_unescape(v) for v in row] for row in grid]
            sheets[name] = RawSheet(name, rows, formulas.get(name, set()))
    except Exception as exc:  # calamine/zip/XML errors: a damaged file, reported, never a traceback
        raise _fail("file.corrupt", path, detail=type(exc).__name__) from None
    return RawWorkbook(path, sheets)
