"""The county workbook's summary sheet (lines, area and county totals, a chart) and the completeness sheet."""
from __future__ import annotations

from typing import Any

from openpyxl.chart import BarChart
from openpyxl.chart import Reference as ChartRef
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break

from pipeline.catalog import Labels
from pipeline.excel import restyle
from pipeline.reference import ExcelStyle
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import (
    HEADER_ROW,
    Column,
    area_text,
    bold_font,
    column_number,
    fill,
    finish_sheet,
    header_texts,
    put,
    start_sheet,
    write_table,
)
from pipeline.schema import SHEETS
from pipeline.view.county import AreaTotal, Figures, LineEntry, LineState, area_totals, county_total
from pipeline.words import Words

HEADER_HEIGHT = 48
ROTATED_HEADER_HEIGHT = 125
ROTATED = Alignment(text_rotation=90, horizontal="center", vertical="bottom", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="top")
WAVES = (1, 2)


def _figure_columns(ctx: RenderContext) -> list[Column]:
    channels = [Column(f"channel:{code}", 15, "int") for code in ctx.reference.channel_order]
    waves = [Column(f"wave:{n}", 9, "int") for n in WAVES]
    return channels + waves + [Column("services_total", 10, "int"), Column("first", 12, "date"),
                               Column("last", 12, "date"), Column("open_tasks", 11, "int"),
                               Column("overdue_tasks", 11, "int"), Column("systems_to_exit", 12, "int")]


# what a reader needs; the validation detail (errors and warnings per workbook) is on its own sheet
# (pipeline/render/county/checks.py)
LINE_COLUMNS = [Column("area", 22, "wrap"), Column("code", 10), Column("name", 24, "wrap"),
                Column("state", 15, "wrap"), Column("overall", 11, "percent")]
TOTAL_COLUMNS = [Column("area", 22, "wrap"), Column("lines", 10, "int"), Column("valid", 24, "int"),
                 Column("not_valid", 15, "int"), Column("overall", 11, "percent")]


def _headers(ctx: RenderContext, prefix: str, columns: list[Column]) -> list[str]:
    texts = []
    for column in columns:
        kind, _, value = column.key.partition(":")
        if kind == "channel":
            texts.append(ctx.reference.channel_name(value))
        elif kind == "wave":
            texts.append(ctx.labels.get("county.summary.wave", number=value))
        else:
            texts.append(ctx.labels.get(f"{prefix}.{column.key}"))
    return texts


def _figure_values(figures: Figures | None, ctx: RenderContext) -> list[Any]:
    if figures is None:
        return [None] * len(_figure_columns(ctx))
    return ([figures.services[code] for code in ctx.reference.channel_order]
            + [figures.wave(ctx.reference, n) for n in WAVES]
            + [figures.total_services, figures.first, figures.last, figures.open_tasks,
               figures.overdue_tasks, figures.systems_to_exit])


def _line_values(entry: LineEntry, ctx: RenderContext) -> list[Any]:
    labels = ctx.labels
    return ([area_text(entry.area_name, labels), entry.code or labels.get("county.workbook.unknown_line"),
             entry.name, Words(labels).line_state(entry.state), entry.overall]
            + _figure_values(entry.figures, ctx) + [entry.file])


def _mean_overall(entries: list[LineEntry]) -> float | None:
    values = [e.overall for e in entries if e.overall is not None and e.state is not LineState.DUPLICATE]
    return sum(values) / len(values) if values else None


def _total_values(total: AreaTotal, entries: list[LineEntry], ctx: RenderContext, name: str) -> list[Any]:
    listed = [e for e in entries if e.state is not LineState.MISSING]
    return ([name, total.lines, total.valid, total.not_valid, _mean_overall(listed)]
            + _figure_values(total.figures, ctx))


def _state_fill(state: LineState, style: ExcelStyle) -> str:
    colours = style.line_states
    return {LineState.VALID: colours.valid_fill, LineState.DUPLICATE: colours.duplicate_fill}.get(
        state, colours.problem_fill)


def _colour_states(ws, entries: list[LineEntry], style: ExcelStyle, state_col: int) -> None:
    for row, entry in enumerate(entries, start=HEADER_ROW + 1):
        restyle(ws.cell(row=row, column=state_col), fill=fill(_state_fill(entry.state, style)))


def _write_totals(ws, entries: list[LineEntry], ctx: RenderContext, top: int) -> tuple[int, int]:
    """The area totals table from row TOP and the county row under it; returns (header row, county row)."""
    labels, style = ctx.labels, ctx.reference.excel_style
    put(ws, top, 1, labels.get("county.summary.totals_title")).font = bold_font(style)
    totals = area_totals(entries, ctx.reference)
    rows = [_total_values(t, [e for e in entries if e.area_code == t.code], ctx,
                          t.name or labels.get("county.workbook.unknown_area")) for t in totals]
    columns = TOTAL_COLUMNS + _figure_columns(ctx)
    header = top + 1
    ws.row_dimensions[header].height = HEADER_HEIGHT
    last = write_table(ws, style, "AreaTotals", columns, _headers(ctx, "county.summary.total_headers", columns), rows,
                       header_row=header, widths=False)
    county = last + 1
    values = _total_values(county_total(totals, ctx.reference), entries, ctx, labels.get("county.summary.county"))
    line = Side(style="medium", color=style.county.county_border)
    for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = put(ws, county, col, value, column.kind)
        cell.font = bold_font(style)
        cell.border = Border(top=line, bottom=line)
    return header, county


def _add_chart(ws, ctx: RenderContext, header: int, last_area_row: int, anchor_row: int) -> None:
    first_channel = len(TOTAL_COLUMNS) + 1
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = ctx.labels.get("county.summary.chart_title")
    chart.y_axis.title = ctx.labels.get("county.summary.chart_axis")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    data = ChartRef(ws, min_col=first_channel, max_col=first_channel + len(ctx.reference.channel_order) - 1,
                    min_row=header, max_row=last_area_row)
    categories = ChartRef(ws, min_col=1, min_row=header + 1, max_row=last_area_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.width, chart.height = 26, 10
    ws.add_chart(chart, f"A{anchor_row}")


def write_summary(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    organisation_lines = [e for e in entries if e.state is not LineState.DUPLICATE]
    valid = sum(1 for e in entries if e.state is LineState.VALID)
    ws, title = start_sheet(wb, ctx, "summary", HEADER_HEIGHT, valid=valid,
                            lines=len({e.code or e.file for e in organisation_lines}))
    columns = LINE_COLUMNS + _figure_columns(ctx) + [Column("file", 26, "wrap")]
    last = write_table(ws, style, "Lines", columns, _headers(ctx, "county.summary.headers", columns),
                       [_line_values(e, ctx) for e in entries])
    _colour_states(ws, entries, style, state_col=column_number(columns, "state"))
    header, county = _write_totals(ws, entries, ctx, last + 2)
    ws.row_breaks.append(Break(id=county))
    _add_chart(ws, ctx, header, county - 1, county + 2)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"D{HEADER_ROW + 1}")


def _completeness_scale(style: ExcelStyle) -> ColorScaleRule:
    scale = style.completeness
    return ColorScaleRule(start_type="num", start_value=0, start_color=scale.low, mid_type="num", mid_value=0.5,
                          mid_color=scale.middle, end_type="num", end_value=1, end_color=scale.high)


def _section(entry: LineEntry, key: str, labels: Labels) -> float | str | None:
    """A section's share filled; an optional sheet left empty says so in words (not 100 %, not 0 %)."""
    if key not in entry.completeness:
        return None
    ratio = entry.completeness[key]
    return labels.get("county.completeness.not_filled") if ratio is None else ratio


def write_completeness(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    ws, title = start_sheet(wb, ctx, "completeness", ROTATED_HEADER_HEIGHT)
    base = [Column("area", 20, "wrap"), Column("code", 8), Column("name", 24, "wrap"), Column("state", 15, "wrap"),
            Column("overall", 10, "percent")]
    sections = [Column(spec.key, 6.5, "percent") for spec in SHEETS]
    headers = (header_texts(labels, "county.completeness.headers", base)
               + [labels.get(f"intake.sheets.{spec.key}.name") for spec in SHEETS])
    rows = [[area_text(e.area_name, labels), e.code or labels.get("county.workbook.unknown_line"), e.name,
             Words(labels).line_state(e.state), e.overall]
            + [_section(e, spec.key, labels) for spec in SHEETS] for e in entries]
    last = write_table(ws, style, "Completeness", base + sections, headers, rows)
    for col in range(len(base) + 1, len(base) + len(sections) + 1):
        ws.cell(row=HEADER_ROW, column=col).alignment = ROTATED
        for row in range(HEADER_ROW + 1, last + 1):
            if isinstance(ws.cell(row=row, column=col).value, str):       # "tyhjä" lines up with the percentages
                restyle(ws.cell(row=row, column=col), alignment=RIGHT)
    _colour_states(ws, entries, style, state_col=column_number(base, "state"))
    span = f"E{HEADER_ROW + 1}:{get_column_letter(len(base) + len(sections))}{last}"
    ws.conditional_formatting.add(span, _completeness_scale(style))
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"D{HEADER_ROW + 1}")
