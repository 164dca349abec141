"""What every part of a combined plan (area or county) shares: its wording helpers (`Combined`) and its table rows.
Kept apart from combined.py so that the parts it places (the notices table) need not import it."""
from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

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


_CANT_SPLIT = "<w:trPr><w:cantSplit/></w:trPr>"
_NARROW = (f'<w:tcMar><w:left w:w="{NARROW_MARGIN}" w:type="dxa"/><w:right w:w="{NARROW_MARGIN}" w:type="dxa"/>'
           "</w:tcMar>")


def add_rows(table, rows: list[tuple[list[str], list[str | None]]], widths: list[int]) -> None:
    """Body rows (texts, fills) added to TABLE as `fill_row` fills a row added by `table.add_row()`, with the same
    XML, each row parsed at once from its text: a county's readiness matrix (lines × items) is thousands of cells,
    which python-docx's per-element calls made a third of the county plan's time. A row with a tab, line break or
    control character (which python-docx writes as its own elements or refuses) goes through `fill_row`."""
    for texts, fills in rows:
        if any(ord(ch) < 32 for text in texts for ch in text):
            fill_row(table.add_row(), texts, widths, fills=fills)
            continue
        cells = "".join(_cell(text, widths[n], fills[n], narrow=n > 0) for n, text in enumerate(texts))
        table._tbl.append(parse_xml(f"<w:tr {W}>{_CANT_SPLIT}{cells}</w:tr>"))


def _cell(text: str, width: int, shade: str | None, narrow: bool) -> str:
    properties = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if shade:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{escape(shade, {chr(34): "&quot;"})}"/>'
    if narrow:
        properties += _NARROW
    run = ""
    if text:
        space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
        run = f"<w:t{space}>{escape(text)}</w:t>"
    return (f'<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>'
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr>{run}</w:r></w:p></w:tc>')
