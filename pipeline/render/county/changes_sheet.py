"""The county workbook's sheet "Muutokset": every line's changes since the earlier build, one row a change, with
the old and new values and the days a date moved; a line without changes says so. Wording: changes.*.toml."""
from __future__ import annotations

from openpyxl.workbook.workbook import Workbook

from pipeline.render.changes_text import ChangeText
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import HEADER_ROW, Column, finish_sheet, sheet_title, write_table, write_title

COLUMNS = [Column("area", 22, "wrap"), Column("line", 30, "wrap"), Column("kind", 24, "wrap"),
           Column("change", 60, "wrap"), Column("old", 16, "wrap"), Column("new", 16, "wrap"),
           Column("days", 12, "int")]


def write_changes(wb: Workbook, ctx: RenderContext) -> None:
    """The sheet, when the build compares with an earlier one (ctx.changes); nothing otherwise."""
    comparison = ctx.changes
    if comparison is None:
        return
    words = ChangeText(ctx.labels)
    areas = {area.code: area.name for area in ctx.reference.organisation.areas}
    rows = []
    for line in comparison.lines:
        area, name = areas.get(line.area, line.area), words.line_heading(line)
        rows += [[area, name, words.kind(c), words.sentence(c), "" if c.old is None else words.value(c, c.old),
                  "" if c.new is None else words.value(c, c.new), c.days] for c in line.changes]
        if not line.changes and not comparison.first:
            rows.append([area, name, "", words("none"), "", "", None])
    rows += [[areas.get(x.area, x.area), words.line_heading(x), "", words("removed", line=x.name, code=x.code),
              "", "", None] for x in comparison.removed]
    title = words("sheet.name")
    ws = wb.create_sheet(sheet_title(title), 1)
    style = ctx.reference.excel_style
    write_title(ws, style, words.heading(comparison), words.intro(comparison, combined=True))
    ws.row_dimensions[HEADER_ROW].height = 32
    write_table(ws, style, "Changes", COLUMNS, [words(f"sheet.{c.key}") for c in COLUMNS], rows)
    finish_sheet(ws, ctx.labels, title, ctx.as_of, freeze=f"C{HEADER_ROW + 1}")
