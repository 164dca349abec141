"""The county workbook's validation sheet: each listed workbook's state, errors and warnings (the detail a reader of
the summary does not need on paper; the validation report has every message)."""
from __future__ import annotations

from typing import Any

from openpyxl.workbook.workbook import Workbook

from pipeline.render.context import RenderContext
from pipeline.render.county.cells import (
    HEADER_ROW,
    Column,
    area_text,
    finish_sheet,
    header_texts,
    start_sheet,
    write_table,
)
from pipeline.view.county import LineEntry, LineState
from pipeline.words import Words

COLUMNS = [Column("area", 22, "wrap"), Column("code", 10), Column("name", 24, "wrap"), Column("state", 15, "wrap"),
           Column("errors", 9, "int"), Column("warnings", 11, "int"), Column("overall", 11, "percent"),
           Column("file", 30, "wrap")]


def write_checks(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    ws, title = start_sheet(wb, ctx, "checks", 32)
    rows: list[list[Any]] = []
    for e in entries:
        listed = e.state is not LineState.MISSING
        rows.append([area_text(e.area_name, labels), e.code or labels.get("county.workbook.unknown_line"), e.name,
                     Words(labels).line_state(e.state), e.errors if listed else None,
                     e.warnings if listed else None, e.overall, e.file])
    write_table(ws, style, "Checks", COLUMNS, header_texts(labels, "county.summary.headers", COLUMNS), rows)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"D{HEADER_ROW + 1}")
