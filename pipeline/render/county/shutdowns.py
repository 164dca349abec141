"""The shutdown sequence sheet (which legacy systems go down in which quarter, and the yearly cost that ends, with
two native charts) and the legend sheet that explains the exit plan's states and columns and the Gantt marks."""
from __future__ import annotations

from openpyxl.chart import BarChart
from openpyxl.chart import Reference as ChartRef
from openpyxl.workbook.workbook import Workbook

from pipeline.formatting import fi_date
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import (
    HEADER_ROW,
    Column,
    bold_font,
    finish_sheet,
    header_texts,
    put,
    sheet_title,
    start_sheet,
    write_table,
    write_title,
)
from pipeline.view.exits import ExitState, Quarter, SystemExit, shutdown_sequence
from pipeline.words import Words

COLUMNS = [Column("quarter", 12), Column("count", 11, "int"), Column("systems", 52, "wrap"),
           Column("saving", 16, "euro"), Column("cumulative", 18, "euro")]
LEGEND_COLUMNS = [Column("term", 30, "wrap"), Column("meaning", 100, "wrap")]


def quarter_label(quarter: Quarter, ctx: RenderContext) -> str:
    return Words(ctx.labels).quarter(quarter.number, quarter.year)


def write_shutdowns(wb: Workbook, plans: list[SystemExit], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    ws, title = start_sheet(wb, ctx, "shutdowns")
    sequence = shutdown_sequence(plans)
    rows, cumulative = [], 0.0
    for step in sequence:
        cumulative += step.saving
        rows.append([quarter_label(step.quarter, ctx), len(step.systems),
                     "\n".join(labels.get("county.shutdowns.item", system=p.name, date=fi_date(p.shutdown))
                               for p in step.systems), step.saving, cumulative])
    last = write_table(ws, style, "Shutdowns", COLUMNS, header_texts(labels, "county.shutdowns.headers", COLUMNS),
                       rows)
    if not rows:
        put(ws, last + 2, 1, labels.get("county.shutdowns.none"))
    else:
        _chart(ws, ctx, last, 2, "chart_count", "chart_axis_count", f"G{HEADER_ROW}")
        _chart(ws, ctx, last, 4, "chart_saving", "chart_axis_saving", f"G{HEADER_ROW + 18}")
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"B{HEADER_ROW + 1}")


def _chart(ws, ctx: RenderContext, last: int, column: int, title: str, axis: str, anchor: str) -> None:
    """A native column chart of one column of the table, by quarter."""
    chart = BarChart()
    chart.type = "col"
    chart.title = ctx.labels.get(f"county.shutdowns.{title}")
    chart.y_axis.title = ctx.labels.get(f"county.shutdowns.{axis}")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    chart.add_data(ChartRef(ws, min_col=column, min_row=HEADER_ROW, max_row=last), titles_from_data=True)
    chart.set_categories(ChartRef(ws, min_col=1, min_row=HEADER_ROW + 1, max_row=last))
    chart.width, chart.height = 18, 8
    ws.add_chart(chart, anchor)


def write_legend(wb: Workbook, ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    title = labels.get("county.sheets.legend")
    ws = wb.create_sheet(sheet_title(title))
    write_title(ws, style, labels.get("county.legend.title"), labels.get("county.legend.subtitle"))
    states = [[labels.get(f"county.systems.states.{s.value}"), labels.get(f"county.legend.states.{s.value}")]
              for s in ExitState]
    columns = [[labels.get(f"county.systems.headers.{key}"), labels.get(f"county.legend.columns.{key}")]
               for key in labels.node("county.legend.columns")]
    marks = [[labels.get(f"county.gantt.marks.{key}"), labels.get(f"county.legend.gantt.{key}")]
             for key in labels.node("county.legend.gantt")]
    headers = header_texts(labels, "county.legend.headers", LEGEND_COLUMNS)
    row = HEADER_ROW
    for heading, name, block in (("states_heading", "LegendStates", states),
                                 ("columns_heading", "LegendColumns", columns),
                                 ("gantt_heading", "LegendGantt", marks)):
        put(ws, row - 1, 1, labels.get(f"county.legend.{heading}")).font = bold_font(style)
        row = write_table(ws, style, name, LEGEND_COLUMNS, headers, block, header_row=row) + 3
    finish_sheet(ws, labels, title, ctx.as_of, freeze="A3", title_rows="1:2")
