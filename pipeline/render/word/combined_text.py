"""What every part of a combined plan (area or county) shares: its wording helpers (`Combined`) and its table rows.
Kept apart from combined.py so that the parts it places (the notices table) need not import it."""
from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, Twips

from pipeline.render.context import RenderContext
from pipeline.render.word.text import WordText
from pipeline.schema import LinePlan
from pipeline.view.exits import Quarter
from pipeline.view.scope import Scope

W = nsdecls("w")
NARROW_MARGIN = 28              # twips: the cell margin of a line's column in the readiness matrix


class Combined:
    """The wording helpers of one combined document (a WordText without a line)."""

    def __init__(self, scope: Scope, ctx: RenderContext) -> None:
        self.scope, self.ctx, self.labels = scope, ctx, ctx.labels
        self.w = WordText(scope.views[0].plan if scope.views else _empty_plan(), ctx)

    def __call__(self, key: str, **values: Any) -> str:
        return self.labels.get(f"word.{key}", **values)

    def quarter(self, quarter: Quarter) -> str:
        return self.w.words.quarter(quarter.number, quarter.year)

    def line_text(self, view) -> WordText:
        return WordText(view.plan, self.ctx)


def _empty_plan() -> LinePlan:
    return LinePlan()


def fill_row(row, texts: list[str], widths: list[int], header: bool = False,
             fills: list[str | None] | None = None) -> None:
    """A table row of TEXTS in the template's table styles (WIDTHS in twips), kept on one page; a HEADER row repeats
    on every page; FILLS: a cell's shading (None: none)."""
    tr = row._tr
    tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {W}/>"))
    if header:
        tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
    for n, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        cell.width = Twips(widths[n])
        paragraph = cell.paragraphs[0]
        paragraph._p.style = "TableHeading" if header else "TableText"      # the template's style ids
        run = paragraph.add_run(text)
        run.font.size = Pt(8)
        if fills and fills[n]:
            cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {W} w:val="clear" w:color="auto" '
                                                        f'w:fill="{fills[n]}"/>'))
        if n:       # a line's narrow column, small margins (after w:shd, the schema's order): a code stays whole
            cell._tc.get_or_add_tcPr().append(parse_xml(
                f'<w:tcMar {W}><w:left w:w="{NARROW_MARGIN}" w:type="dxa"/>'
                f'<w:right w:w="{NARROW_MARGIN}" w:type="dxa"/></w:tcMar>'))
