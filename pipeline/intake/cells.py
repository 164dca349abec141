"""The cells of an .xlsx/.xlsm read straight from its XML, streaming: only the cells that exist are held, whatever
dimension the sheet declares, so a stray keystroke in XFD1048576 costs one cell, not a grid of 17 billion.

Values come back as Excel shows them: dates (by their number format) as dates, a percent-formatted number as the
percentage shown (0,35 shown as 35 % reads as 35), formula errors (#DIV/0!, #NAME? …) apart from the values, with
their text, and cell comments with their cell. The same single pass over a sheet's XML collects what the values do
not show (pipeline.intake.sheetxml.SheetExtras): formulas with no stored value, hyperlinks and merged cells.

An .xlsx's parts are parsed with lxml (C, no Python callback per element) with entities never resolved and nothing
fetched from the network; a part declaring a DTD is refused as damaged (Excel never writes one), as defusedxml did.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from pipeline.formatting import one_line
from pipeline.intake.sheetxml import ODS_CELLS, Cell, Link, SheetExtras, cell_index, hyperlink_formula, walk_ods

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MAX_CELLS = 100_000                # filled cells per workbook; an intake workbook has a few thousand
_DATE_FORMATS = {*range(14, 23), 45, 46, 47, *range(27, 37), *range(50, 59)}
_TIME_ONLY = {18, 19, 20, 21, 45, 46, 47}
_PERCENT_FORMATS = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


class TooManyCells(Exception):
    """More filled cells than any intake workbook has: refused before memory runs out."""


@dataclass
class SheetCells:
    values: dict[Cell, object] = field(default_factory=dict)
    errors: dict[Cell, str] = field(default_factory=dict)       # formula errors: cell → "#DIV/0!"
    comments: dict[Cell, str] = field(default_factory=dict)
    extras: SheetExtras = field(default_factory=SheetExtras)    # (.xlsx) formulas without a value, links, merges


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _ROW, _V, _F, _IS, _T, _RPH = (f"{_MAIN}{tag}" for tag in ("c", "row", "v", "f", "is", "t", "rPh"))
_MERGE, _HYPERLINK = f"{_MAIN}mergeCell", f"{_MAIN}hyperlink"
_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
_PARSER = etree.XMLParser(**_SAFE)


class UnsafeXml(ValueError):
    """A part declaring a DTD (entities): never in a workbook Excel or LibreOffice saved."""


def _checked(xml: bytes) -> bytes:
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise UnsafeXml
    return xml


def _parse(xml: bytes):
    return etree.fromstring(_checked(xml), _PARSER)


def _iterparse(xml: bytes, events: tuple[str, ...], tag):
    return etree.iterparse(io.BytesIO(_checked(xml)), events=events, tag=tag, **_SAFE)


@dataclass
class _Styles:
    kinds: list[str]          # per cellXfs index: "date", "time", "percent" or ""


def _format_kind(code: str) -> str:
    bare = _QUOTED.sub("", code).lower()
    if "%" in bare:
        return "percent"
    if "general" in bare:
        return ""
    has_date = any(ch in bare for ch in "dy") or ("m" in bare and "h" not in bare and "s" not in bare)
    has_time = any(ch in bare for ch in "hs")
    return "date" if has_date else "time" if has_time else ""


def _styles(archive: zipfile.ZipFile, names: set[str]) -> _Styles:
    if "xl/styles.xml" not in names:
        return _Styles([])
    root = _parse(archive.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId") or 0): f.get("formatCode") or "" for f in root.iter(f"{_MAIN}numFmt")}
    kinds = []
    xfs = root.find(f"{_MAIN}cellXfs")
    for xf in xfs if xfs is not None else []:
        number = int(xf.get("numFmtId") or 0)
        if number in custom:
            kinds.append(_format_kind(custom[number]))
        elif number in _PERCENT_FORMATS:
            kinds.append("percent")
        elif number in _DATE_FORMATS:
            kinds.append("time" if number in _TIME_ONLY else "date")
        else:
            kinds.append("")
    return _Styles(kinds)


def _text(element) -> str:
    """The text of a shared or inline string: its runs, without phonetic guides."""
    if len(element) == 1:                   # the common case, one plain text: no search through the runs
        only = element[0]
        if only.tag == _T:
            return only.text or ""
    return "".join(t.text or "" for t in element.iter(_T) if t.getparent().tag != _RPH)


def _shared_strings(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "xl/sharedStrings.xml" not in names:
        return []
    strings = []
    for _, element in _iterparse(archive.read("xl/sharedStrings.xml"), ("end",), f"{_MAIN}si"):
        strings.append(_text(element))
        element.clear()
        _drop_previous(element)
    return strings


def _drop_previous(element) -> None:
    """The elements before ELEMENT (already read and cleared) removed from the tree: memory stays flat."""
    parent = element.getparent()
    while element.getprevious() is not None:
        del parent[0]


def _date1904(archive: zipfile.ZipFile) -> bool:
    root = _parse(archive.read("xl/workbook.xml"))
    pr = root.find(f"{_MAIN}workbookPr")
    return pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")


def _as_date(number: float, kind: str, date1904: bool) -> object:
    if kind == "time" and 0 <= number < 1:
        seconds = round(number * 86400)
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    try:
        moment = (_EPOCH_1904 if date1904 else _EPOCH) + dt.timedelta(days=number)
    except OverflowError:
        return number
    moment = moment.replace(microsecond=0) if moment.microsecond < 500_000 else moment
    return moment.date() if number == int(number) else moment


def _number(text: str, kind: str, date1904: bool) -> object:
    number = float(text)
    if kind == "percent":
        return round(number * 100, 10)
    if kind in ("date", "time") and number >= 0:
        return _as_date(number, kind, date1904)
    return number


def read_cells(archive: zipfile.ZipFile, parts: dict[str, str]) -> dict[str, SheetCells]:
    """Sheet name → its cells and extras, for the sheets named in PARTS (sheet name → its XML part)."""
    names = set(archive.namelist())
    strings = _shared_strings(archive, names)
    styles = _styles(archive, names)
    date1904 = _date1904(archive)
    budget = [MAX_CELLS]
    xml = {part: archive.read(part) for part in dict.fromkeys(parts.values()) if part in names}
    if sum(map(_values, xml.values())) > MAX_CELLS:  # counted in C before any cell is parsed: refused in a moment
        raise TooManyCells
    sheets = {}
    for sheet, part in parts.items():
        cells = SheetCells()
        if part in xml:
            links = _relationships(archive, part, names)
            _read_sheet(xml[part], strings, styles, date1904, cells, budget, links)
            cells.comments = _comments(archive, part, names)
        sheets[sheet] = cells
    return sheets


def _values(xml: bytes) -> int:
    return xml.count(b"<v>") + xml.count(b"<is>")


def _read_sheet(xml: bytes, strings: list[str], styles: _Styles, date1904: bool, cells: SheetCells,
                budget: list[int], links: dict[str, str]) -> None:
    """The sheet's values, errors and extras (RELS: its relationship targets by id), in one pass: a row's cells are
    read when the row ends (one parser event per row, not two per cell), then the row is dropped."""
    row = 0
    extras, values = cells.extras, cells.values
    for _, element in _iterparse(xml, ("end",), (_ROW, _MERGE, _HYPERLINK)):
        tag = element.tag
        if tag == _ROW:
            row = int(element.get("r") or row + 1)
            column = 0
            for cell_element in element.iterchildren(_C):
                ref = cell_element.get("r")
                row, column = cell_index(ref) if ref else (row, column + 1)
                value = _cell_value(cell_element, strings, styles, date1904, cells, (row, column))
                if value is None or value == "":
                    continue
                budget[0] -= 1
                if budget[0] < 0:
                    raise TooManyCells
                values[(row, column)] = value
            element.clear()
            _drop_previous(element)
        elif tag == _MERGE:
            ref = element.get("ref") or ""
            if ":" in ref:
                first, last = ref.split(":")
                extras.merged.append((cell_index(first), cell_index(last)))
        elif element.get(f"{_R}id") in links:
            cell = cell_index((element.get("ref") or "A1").split(":")[0])
            extras.links.setdefault(cell, Link(links[element.get(f"{_R}id") or ""]))


def _cell_value(element, strings: list[str], styles: _Styles, date1904: bool, cells: SheetCells,
                cell: Cell) -> object:
    """The value of the <c> ELEMENT at CELL; its formula error or missing cached value noted in CELLS."""
    kind = element.get("t") or "n"
    value_element = formula = inline = None
    for child in element:                   # the first <v>, <f> and <is> (one pass, no path search per tag)
        tag = child.tag
        if tag == _V:
            value_element = value_element if value_element is not None else child
        elif tag == _F:
            formula = formula if formula is not None else child
        elif tag == _IS:
            inline = inline if inline is not None else child
    raw = value_element.text if value_element is not None and value_element.text is not None else None
    if formula is not None:
        link = hyperlink_formula(formula.text or "")
        if link is not None:
            cells.extras.links[cell] = link
        elif (raw is None or not raw.strip()) and inline is None:
            cells.extras.uncached.add(cell)
    if kind == "inlineStr":
        return _text(inline) if inline is not None else None
    if raw is None:
        return None
    if kind == "s":
        index = int(raw)
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "str":
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "e":
        cells.errors[cell] = raw.strip()
        return None
    if kind == "d":
        return _iso(raw)
    style = int(element.get("s") or 0)
    try:
        return _number(raw, styles.kinds[style] if style < len(styles.kinds) else "", date1904)
    except ValueError:
        return raw


def _relationships(archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, str]:
    """Relationship id → target of the sheet PART ({} when it has none)."""
    path = PurePosixPath(part)
    rels = str(path.parent / "_rels" / f"{path.name}.rels")
    if rels not in names:
        return {}
    return {r.get("Id") or "": r.get("Target") or "" for r in _parse(archive.read(rels))
            if r.tag in (f"{_PKG_REL}Relationship", "Relationship")}


def _iso(text: str) -> object:
    try:
        moment = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date() if moment.time() == dt.time() else moment


def _comments(archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[Cell, str]:
    """The sheet's cell comments (notes and threaded comments' fallback text) by cell."""
    path = PurePosixPath(part)
    rels = str(path.parent / "_rels" / f"{path.name}.rels")
    if rels not in names:
        return {}
    found: dict[Cell, str] = {}
    for rel in _parse(archive.read(rels)).iterchildren(f"{_PKG_REL}Relationship", "Relationship"):
        if not (rel.get("Type") or "").endswith("/comments"):
            continue
        target = rel.get("Target") or ""
        target_part = target.lstrip("/") if target.startswith("/") else _join(path.parent, target)
        if target_part not in names:
            continue
        for comment in _parse(archive.read(target_part)).iter(f"{_MAIN}comment"):
            text_element = comment.find(f"{_MAIN}text")
            text = one_line(_text(text_element)) if text_element is not None else ""
            if text:
                found[cell_index(comment.get("ref") or "A1")] = text
    return found


def _join(folder: PurePosixPath, target: str) -> str:
    parts: list[str] = []
    for piece in (*folder.parts, *target.split("/")):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)



# -- OpenDocument (.ods) -----------------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
# What a formula cell shows when it fails, where the file does not say it is an error (written before LibreOffice
# 4.x, or by another program): Excel's codes (#DIV/0!, #N/A, #NAME? …) and LibreOffice's own (Err:502)
_ERROR_SHOWN = re.compile(r"^(#[A-Z0-9/]+[!?]?|#N/A|Err:\d{3})$")
_DURATION = re.compile(r"^-?P(?:\d+D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


def _ods_value(element) -> object:
    kind = element.get(f"{_OFFICE}value-type")
    if kind in ("float", "currency"):
        return float(element.get(f"{_OFFICE}value") or 0)
    if kind == "percentage":
        return round(float(element.get(f"{_OFFICE}value") or 0) * 100, 10)
    if kind == "boolean":
        return (element.get(f"{_OFFICE}boolean-value") or "").lower() == "true"
    if kind == "date":
        return _iso(element.get(f"{_OFFICE}date-value") or "")
    if kind == "time":
        match = _DURATION.match(element.get(f"{_OFFICE}time-value") or "")
        if match:
            hours, minutes, seconds = (float(g or 0) for g in match.groups())
            return dt.time(int(hours) % 24, int(minutes), int(seconds))
    paragraphs = ["".join(p.itertext()) for p in element.findall(f"{_TEXT}p")]     # not a comment's (annotation)
    text = "\n".join(paragraphs)
    return text if text else None


def _ods_error(element, value: object) -> str | None:
    """The error a formula cell shows ("#DIV/0!"), or None: LibreOffice marks it (calcext:value-type="error");
    an older file only shows it, as text with an empty stored string."""
    if element.get(f"{_TABLE}formula") is None:
        return None
    shown = value.strip() if isinstance(value, str) else ""
    if element.get(f"{_CALCEXT}value-type") == "error":
        return shown or "#VALUE!"
    if element.get(f"{_OFFICE}string-value") == "" and _ERROR_SHOWN.match(shown):
        return shown
    return None


def _ods_comment(element) -> str | None:
    """A cell's comment (office:annotation): its paragraphs, without the author and date."""
    note = element.find(f"{_OFFICE}annotation")
    if note is None:
        return None
    text = "\n".join("".join(p.itertext()) for p in note.findall(f"{_TEXT}p")).strip()
    return text or None


def read_ods_cells(xml: bytes) -> dict[str, SheetCells]:
    """Sheet name → its cells, from an OpenDocument content.xml: rows and cells repeated a million times (as a
    whole empty sheet is stored) cost nothing; a filled cell repeated counts against the budget. A formula showing
    an error is kept as the error (never read as its text), and a cell's comment with its cell, as in an .xlsx."""
    sheets: dict[str, SheetCells] = {}
    cells = SheetCells()
    budget = MAX_CELLS
    for event, element, place in walk_ods(xml):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                cells = sheets.setdefault(place.sheet, SheetCells())
            continue
        if tag not in ODS_CELLS:
            continue
        first = (place.row, place.column + 1)
        comment = _ods_comment(element)
        if comment is not None:
            cells.comments[first] = comment
        value = _ods_value(element) if tag == f"{_TABLE}table-cell" else None
        if value is None or value == "":
            continue
        error = _ods_error(element, value)
        for offset in range(int(element.get(f"{_TABLE}number-columns-repeated") or 1)):
            budget -= 1
            if budget < 0:
                raise TooManyCells
            if error is None:
                cells.values[(first[0], first[1] + offset)] = value
            else:
                cells.errors[(first[0], first[1] + offset)] = error
    return sheets
