"""What the cell values do not show, read from the workbook's XML: formulas without a stored value, hyperlink targets
and merged cells. For an .ods from its content.xml here; an .xlsx/.xlsm's are collected in the same pass as its cells
(pipeline.intake.cells), with the helpers below.

Cells are (row, column) pairs, both 1-based.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from defusedxml import ElementTree

Cell = tuple[int, int]
Range = tuple[Cell, Cell]          # first and last cell of a merged area

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}"
# =HYPERLINK("target"; "label") in Excel's (comma) and OpenDocument's (semicolon) spelling; "" is a quote.
_HYPERLINK = re.compile(r'^(?:of:)?=?\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$',
                        re.IGNORECASE)


@dataclass
class Link:
    target: str
    label: str | None = None        # the label written in a HYPERLINK formula (None: a cell hyperlink)


@dataclass
class SheetExtras:
    uncached: set[Cell] = field(default_factory=set)         # formulas with no stored value
    links: dict[Cell, Link] = field(default_factory=dict)
    merged: list[Range] = field(default_factory=list)


def cell_index(ref: str) -> Cell:
    """'B12' → (12, 2)."""
    match = _REF.match(ref)
    if match:
        return int(match.group(2)), _column(match.group(1))
    letters = "".join(ch for ch in ref if ch.isalpha())
    return int(ref[len(letters):]), _column(letters)


_REF = re.compile(r"([A-Z]{1,3})([0-9]+)\Z")


@cache
def _column(letters: str) -> int:
    """'B' → 2, 'AA' → 27 (a few hundred distinct columns a workbook: worked out once each)."""
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    return column


def hyperlink_formula(formula: str) -> Link | None:
    match = _HYPERLINK.match(formula.strip())
    if not match:
        return None
    target, label = (g.replace('""', '"') if g is not None else None for g in match.groups())
    return Link(target or "", label) if target else None


def scan_ods(archive: zipfile.ZipFile) -> dict[str, SheetExtras]:
    """Sheet name → its extras, for an OpenDocument archive (an .xlsx's come with its cells: intake.cells)."""
    return _scan_ods(archive.read("content.xml"))


# -- OOXML ---------------------------------------------------------------------------------------------------------

def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the zip."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    targets = _targets(archive.read("xl/_rels/workbook.xml.rels"))
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id") or "", "")
        parts[sheet.get("name") or ""] = (target.lstrip("/") if target.startswith("/")
                                          else str(PurePosixPath("xl") / target))
    return parts


def _targets(xml: bytes) -> dict[str, str]:
    return {r.get("Id") or "": r.get("Target") or "" for r in ElementTree.fromstring(xml)
            if r.tag in (f"{_PKG_REL}Relationship", "Relationship")}


# -- OpenDocument --------------------------------------------------------------------------------------------------

ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


@dataclass
class OdsPlace:
    """Where a walk through content.xml stands: the sheet, the row (1-based) and the columns before the cell."""
    sheet: str = ""
    row: int = 0
    column: int = 0


def walk_ods(xml: bytes) -> Iterator[tuple[str, Any, OdsPlace]]:
    """Each start and end event of an OpenDocument content.xml with its place: a cell's first column is
    `place.column + 1` at both its events. Repeated rows and cells (a whole empty sheet is stored as rows repeated a
    million times) move the place past all their copies after their end event, and cost nothing."""
    place = OdsPlace()
    for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                place.sheet, place.row = element.get(f"{_TABLE}name") or "", 0
            elif tag == f"{_TABLE}table-row":
                place.row, place.column = place.row + 1, 0
            yield event, element, place
            continue
        yield event, element, place
        if tag == f"{_TABLE}table-row":
            place.row += int(element.get(f"{_TABLE}number-rows-repeated") or 1) - 1
            element.clear()
        elif tag in ODS_CELLS:
            place.column += int(element.get(f"{_TABLE}number-columns-repeated") or 1)
            element.clear()


def _scan_ods(xml: bytes) -> dict[str, SheetExtras]:
    sheets: dict[str, SheetExtras] = {}
    extras = SheetExtras()
    cell: Cell | None = None
    for event, element, place in walk_ods(xml):
        tag = element.tag
        if event == "end":
            cell = None if tag in ODS_CELLS else cell
        elif tag == f"{_TABLE}table":
            extras = sheets.setdefault(place.sheet, SheetExtras())
        elif tag in ODS_CELLS:
            cell = (place.row, place.column + 1)
            _ods_cell(element, cell, extras)
        elif tag == f"{_TEXT}a" and cell is not None and element.get(f"{_XLINK}href"):
            extras.links.setdefault(cell, Link(element.get(f"{_XLINK}href") or ""))
    return sheets


def _ods_cell(element, cell: Cell, extras: SheetExtras) -> None:
    link = hyperlink_formula(element.get(f"{_TABLE}formula") or "")
    if link is not None:
        extras.links[cell] = link
    rows = int(element.get(f"{_TABLE}number-rows-spanned") or 1)
    columns = int(element.get(f"{_TABLE}number-columns-spanned") or 1)
    if rows > 1 or columns > 1:
        extras.merged.append((cell, (cell[0] + rows - 1, cell[1] + columns - 1)))
