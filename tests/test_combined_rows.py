"""The readiness matrix's rows parsed from text (render/word/combined_text.py `add_rows`) are the XML `fill_row`
makes of a row python-docx adds: escaping, kept spaces, empty cells, shading, narrow margins; a text with a line
break or a tab goes through `fill_row` itself."""
from __future__ import annotations

from docx import Document
from docx.shared import Twips
from lxml import etree

from pipeline.render.word.combined_text import add_rows, fill_row

WIDTHS = [5000, 400, 400, 400]
ROWS = [
    (["Tutkimukset & hoito <kiireellinen> \"lainaus\"", "●", "", "◐"], [None, "2E7D32", "FFFFFF", "F9A825"]),
    ([" alussa välilyönti", "x", "y", "z"], [None, None, "C62828", None]),
    (["lopussa välilyönti ", "", "", ""], [None, None, None, None]),
    (["Hymiö 😀 ÅÄÖ åäö", "–", "—", "]]>"], [None, "EEEEEE", "EEEEEE", "EEEEEE"]),
    (["Rivi yksi\nRivi kaksi", "a\tb", "", ""], [None, "2E7D32", None, None]),      # through fill_row
]


def _table():
    document = Document()
    table = document.add_table(rows=1, cols=len(WIDTHS))
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, WIDTHS, strict=True):
        column.w = Twips(width)
    fill_row(table.rows[0], ["Kohta", "NAO", "KAT", "EHK"], WIDTHS, header=True)
    return table


def test_the_rows_are_what_fill_row_makes():
    expected, made = _table(), _table()
    for texts, fills in ROWS:
        fill_row(expected.add_row(), texts, WIDTHS, fills=fills)
    add_rows(made, ROWS, WIDTHS)
    assert etree.tostring(made._tbl) == etree.tostring(expected._tbl)
    xml = etree.tostring(made._tbl).decode()
    for part in ("&amp; hoito &lt;kiireellinen&gt;", 'xml:space="preserve"> alussa', 'w:fill="C62828"', "<w:br/>",
                 "<w:tab/>", 'w:left w:w="28"'):
        assert part in xml, part
    assert [cell.text for cell in made.rows[5].cells][:2] == ["Rivi yksi\nRivi kaksi", "a\tb"]
