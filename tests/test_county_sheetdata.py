"""The county workbook's own cell writer (pipeline/render/county/sheetdata.py) writes the bytes openpyxl writes:
every kind of cell value, escaping, styles, row heights and outline levels, empty styled rows; a sheet it does not
handle (a formula, a comment, a hyperlink) is left to openpyxl, also with the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.table import Table

from pipeline.render.county.sheetdata import fast_cells, sheet_rows
from pipeline.render.county.workbook import _SharedStyles

TEXTS = ["tavallinen", "Tutkimukset & hoito <kiireellinen> \"lainaus\" 'heittomerkit'", " alussa välilyönti",
         "lopussa välilyönti ", "Rivi yksi\nRivi kaksi", "vaunun\rpaluu", "sarkain\tvälissä",
         "Hymiö 😀 ja ääkköset ÅÄÖ åäö – ja — viivat", "=HYPERLINK(\"x\")", "&amp; valmiiksi koodattu &#228;", "]]>"]
VALUES = [0, 1, -5, 3.25, 1e-7, 123456789012, 0.1 + 0.2, True, False, dt.date(2026, 12, 6), dt.date(1900, 2, 1),
          dt.datetime(2026, 12, 6, 13, 45), dt.time(8, 30)]


def _text(ws, row: int, column: int, text: str):
    cell = ws.cell(row, column)
    cell._value, cell.data_type = text, "s"                 # as pipeline.excel.set_value stores text
    return cell


def _book(extra=None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Arvot"
    bold, shade = Font(name="Arial", bold=True), PatternFill("solid", start_color="FFCC00", end_color="FFCC00")
    for row, text in enumerate(TEXTS, start=1):
        _text(ws, row, 1, text)
        _text(ws, row, 2, text.upper()).font = bold
    for column, value in enumerate(VALUES, start=1):
        cell = ws.cell(20, column, value)
        if isinstance(value, dt.date):
            cell.number_format = "d.m.yyyy"
    ws.cell(21, 3).fill = shade                             # styled, no value
    ws.cell(21, 5).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(22, 2, None)                                    # neither value nor style: not written
    ws.row_dimensions[2].height = 45
    ws.row_dimensions[3].outline_level = 2
    ws.row_dimensions[30].height = 30                       # a row with no cells
    ws.row_dimensions[31].hidden = True
    ws.row_dimensions[32].height = 30                       # the same dimension again: written the same way
    ws.row_dimensions[4].fill = shade                       # a styled row: its style written with it
    _text(ws, 25, 1, "=1+1")                                # text that looks like a formula stays text
    ws.add_table(Table(displayName="Tekstit", ref=f"A2:B{len(TEXTS)}"))       # columns named from its header
    other = wb.create_sheet("Toinen")
    other.cell(1, 1, "vain yksi")
    other.add_table(Table(displayName="Puuttuva", ref="A1:B2"))               # a header cell missing: openpyxl's
    wb.create_sheet("Tyhjä")
    if extra:
        extra(wb.create_sheet("Erikoinen"))
    styles = _SharedStyles()
    styles.share(wb)
    return wb


def _entries(wb: Workbook, fast: bool) -> dict[str, bytes]:
    buffer = io.BytesIO()
    if fast:
        with fast_cells():
            wb.save(buffer)
    else:
        wb.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


@pytest.mark.filterwarnings("ignore:File may not be readable")         # the table with a header cell missing
def test_the_same_bytes_as_openpyxl():
    for ws in _book().worksheets:           # every sheet written by the module's writer, none left to openpyxl
        list(sheet_rows(WorksheetWriter(ws)))
    plain, fast = _entries(_book(), fast=False), _entries(_book(), fast=True)
    assert list(fast) == list(plain)
    for name in plain:
        assert fast[name] == plain[name], name
    sheet = plain["xl/worksheets/sheet1.xml"]
    # what the comparison covers, seen in openpyxl's own output
    for part in (b"&amp; hoito &lt;kiireellinen&gt;", b'xml:space="preserve"', b"&#128512;", b"&#13;",
                 b'<row r="30" ht="30" customHeight="1"></row>', b't="b"><v>1</v>', b'outlineLevel="2"',
                 b"&amp;amp; valmiiksi", b"]]&gt;"):
        assert part in sheet, part
    assert b'name="Tutkimukset &amp; hoito' in plain["xl/tables/table1.xml"]
    assert b'name="None"' in plain["xl/tables/table2.xml"]


@pytest.mark.filterwarnings("ignore:File may not be readable")
@pytest.mark.parametrize("extra", [
    lambda ws: ws.cell(1, 1, "=SUM(1,2)"),
    lambda ws: setattr(ws.cell(1, 1, "huomio"), "comment", Comment("kommentti", "tekijä")),
    lambda ws: setattr(ws.cell(1, 1, "linkki"), "hyperlink", "https://example.invalid/a&b"),
], ids=["formula", "comment", "hyperlink"])
def test_sheets_it_leaves_to_openpyxl_are_unchanged(extra):
    plain, fast = _entries(_book(extra), fast=False), _entries(_book(extra), fast=True)
    assert fast == plain
    assert b"<sheetData><row" in fast["xl/worksheets/sheet4.xml"]


def test_the_writer_is_swapped_only_inside_the_block():
    import openpyxl.writer.excel as excel_writer

    with fast_cells():
        assert excel_writer.WorksheetWriter is not WorksheetWriter
    assert excel_writer.WorksheetWriter is WorksheetWriter
