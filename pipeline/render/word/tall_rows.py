"""Table rows too tall to keep on one page are let split: the templates keep every row whole (`w:cantSplit`) so that
a short row never breaks over a page, but LibreOffice lays out a kept row taller than the page by cutting it at the
page's foot, and the rest of its text is lost from the PDF (a 200-line glossary note lost its last line and what
followed). A row whose text may fill more than half a page is therefore let split, as Word and LibreOffice then
continue it on the next page.

The height is estimated on the safe side: a line holds fewer characters than it would in the narrowest text of the
tables (TWIPS_PER_CHARACTER), and each paragraph and line break starts a new line.
"""
from __future__ import annotations

import math
from typing import Any

from docx.oxml.ns import qn

TWIPS_PER_CHARACTER = 110         # 9 pt table text is about 90 twips a character: fewer characters a line, more lines
KEPT_LINES = 25                   # about half a page of table text: a row estimated taller may split
_TEXT, _BREAK, _TAB = qn("w:t"), qn("w:br"), qn("w:tab")


def let_tall_rows_split(body: Any) -> int:
    """Remove `w:cantSplit` from every body row of BODY's tables whose estimated height exceeds KEPT_LINES lines
    (header rows stay kept); the number of rows let split."""
    count = 0
    for row in body.iter(qn("w:tr")):
        properties = row.find(qn("w:trPr"))
        keep = properties.find(qn("w:cantSplit")) if properties is not None else None
        if keep is None or properties.find(qn("w:tblHeader")) is not None:
            continue
        if max((_cell_lines(cell) for cell in row.iterchildren(qn("w:tc"))), default=0) > KEPT_LINES:
            properties.remove(keep)
            count += 1
    return count


def _cell_lines(cell: Any) -> int:
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    twips = int(width.get(qn("w:w"))) if width is not None and width.get(qn("w:type")) == "dxa" else 1500
    per_line = max(1, twips // TWIPS_PER_CHARACTER)
    lines = 0
    for paragraph in cell.iter(qn("w:p")):
        length = 0
        for element in paragraph.iter(_TEXT, _BREAK, _TAB):
            if element.tag == _BREAK:
                lines += max(1, math.ceil(length / per_line))
                length = 0
            else:
                length += len(element.text or "") if element.tag == _TEXT else 4
        lines += max(1, math.ceil(length / per_line))
    return lines
