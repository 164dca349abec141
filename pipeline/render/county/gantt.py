"""The Gantt sheet (Tiekartta): every milestone of every valid plan, with a month-by-month Gantt view.

The bars are conditional formatting (a formula comparing the month column's date with the row's start and end),
so a user who edits a date in Excel moves the bar; their colour follows the state column (done, on hold, late,
running, planned on the build date), computed once in the view (view.phases). The month of ctx.as_of is highlighted.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break

from pipeline.excel import restyle
from pipeline.formatting import fi_date, fi_month
from pipeline.reference import ExcelStyle
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import (
    CENTER,
    HEADER_ROW,
    Column,
    area_text,
    bold_font,
    column_number,
    enum_text,
    fill,
    finish_sheet,
    font,
    header_texts,
    put,
    sheet_title,
    write_table,
    write_title,
)
from pipeline.schema import PathKind
from pipeline.view.county import LineEntry, used
from pipeline.view.phases import PhaseState

MAX_MONTHS = 60
MONTH_WIDTH = 3.6
YEAR_ROW = HEADER_ROW - 1
LIGHT_LEGEND = ("on_hold", "current")        # legend cells whose fill takes the dark text colour
MARKS = {"milestone": "◆", "golive": "▲", "shutdown": "✖"}

COLUMNS = [Column("area", 18, "wrap"), Column("code", 7), Column("channel", 17, "wrap"), Column("name", 30, "wrap"),
           Column("kind", 11), Column("start", 11, "date"), Column("end", 11, "date"), Column("owner", 16, "wrap"),
           Column("status", 12), Column("state", 13)]


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_month(day: dt.date, months: int = 1) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class GanttRow:
    """One row of the Gantt: a phase or milestone of a development path, a service's go-live or a line's exit
    from a legacy system (the last two shown as a mark in their month, never as a bar)."""
    kind: str                          # phase | milestone | golive | shutdown
    start: dt.date | None
    values: list[Any]


def month_span(rows: list[GanttRow]) -> tuple[list[dt.date], bool]:
    """First days of every month from the earliest to the latest date of ROWS, at most MAX_MONTHS of them, and
    whether later months were left out."""
    dates = [d for row in rows for d in (row.start, row.values[column_number(COLUMNS, "end") - 1])
             if isinstance(d, dt.date)]
    if not dates:
        return [], False
    months: list[dt.date] = []
    current, last = _month(min(dates)), _month(max(dates))
    while current <= last and len(months) < MAX_MONTHS:
        months.append(current)
        current = _add_month(current)
    return months, current <= last


def _rows(entries: list[LineEntry], ctx: RenderContext) -> list[GanttRow]:
    """Each line's development path in the guide's channel order, then its go-lives and its system exits."""
    labels, rows = ctx.labels, []
    for line in used(entries):
        area = area_text(line.area_name, labels)
        for m in line.milestones_in_order:
            kind = "milestone" if m.kind is PathKind.MILESTONE else "phase"
            rows.append(GanttRow(kind, m.start, [area, line.code, line.channel_name(m.channel), m.name,
                                                 enum_text(m.kind, labels), m.start, m.end, m.owner,
                                                 enum_text(m.status, labels),
                                                 labels.enum(line.phase_state(m))]))
        for s in line.services_in_order:
            if s.target_golive:
                rows.append(GanttRow("golive", s.target_golive, [
                    area, line.code, line.channel_name(s.channel), s.name, labels.get("county.gantt.kinds.golive"),
                    s.target_golive, None, "", "", ""]))
        for system in line.plan.systems:
            if system.shuts_down and system.exit_date:
                rows.append(GanttRow("shutdown", system.exit_date, [
                    area, line.code, "", line.system_canonical_name(system.id),
                    labels.get("county.gantt.kinds.shutdown"), system.exit_date, None, system.owner,
                    enum_text(system.status, labels), ""]))
    return rows


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _bar_rules(ws, area: str, first_month_col: str, ctx: RenderContext) -> None:
    row = HEADER_ROW + 1
    start, end = (f"${get_column_letter(column_number(COLUMNS, key))}{row}" for key in ("start", "end"))
    state = f"${get_column_letter(column_number(COLUMNS, 'state'))}{row}"
    month = f"{first_month_col}${HEADER_ROW}"
    finish = f'IF({end}="",{start},{end})'
    kind = f"${get_column_letter(column_number(COLUMNS, 'kind'))}{row}"
    marks_only = ",".join(f"{kind}<>{_quoted(ctx.labels.get(f'county.gantt.kinds.{k}'))}"
                          for k in ("golive", "shutdown"))
    in_bar = f'{start}<>"",{month}<={finish},DATE(YEAR({month}),MONTH({month})+1,1)>{start},{marks_only}'
    # The colour reads the state column, written from the one computation (view.phases): the rule never
    # re-derives lateness from the dates. A running phase takes the planned colour ("planned or running").
    rules = [(key, f"AND({in_bar},{state}={_quoted(ctx.labels.enum(value))})")
             for key, value in (("done", PhaseState.DONE), ("on_hold", PhaseState.ON_HOLD),
                                ("late", PhaseState.LATE))]
    rules.append(("planned", f"AND({in_bar})"))
    colours = ctx.reference.excel_style.gantt
    for colour, formula in rules:
        ws.conditional_formatting.add(area, FormulaRule(formula=[formula], fill=fill(getattr(colours, colour)),
                                                        stopIfTrue=True))


def _write_months(ws, months: list[dt.date], first_col: int, last_row: int, ctx: RenderContext) -> None:
    current, style = _month(ctx.as_of), ctx.reference.excel_style
    colours = style.gantt
    for offset, month in enumerate(months):
        col = first_col + offset
        ws.column_dimensions[get_column_letter(col)].width = MONTH_WIDTH
        if offset == 0 or month.month == 1:
            put(ws, YEAR_ROW, col, str(month.year)).font = bold_font(style)
        cell = put(ws, HEADER_ROW, col, month)
        cell.number_format = "m"
        cell.alignment = CENTER
        cell.font = bold_font(style)
        cell.fill = fill(colours.current_header if month == current else colours.planned)
        if month != current:
            cell.font = font(style, bold=True, color=colours.text_on_dark)
        else:
            shade = fill(colours.current)
            for row in range(HEADER_ROW + 1, last_row + 1):
                restyle(ws.cell(row=row, column=col), fill=shade)


def _mark(ws, rows: list[GanttRow], months: list[dt.date], first_col: int, style: ExcelStyle) -> None:
    """The month's mark of every milestone (on its bar), go-live and system exit."""
    index = {month: n for n, month in enumerate(months)}
    colours = {"milestone": style.gantt.text_on_dark, "golive": style.gantt.golive, "shutdown": style.gantt.shutdown}
    fonts = {kind: font(style, bold=True, color=colour) for kind, colour in colours.items()}
    for row, item in enumerate(rows, start=HEADER_ROW + 1):
        if item.kind in MARKS and item.start and _month(item.start) in index:
            cell = put(ws, row, first_col + index[_month(item.start)], MARKS[item.kind])
            restyle(cell, alignment=CENTER, font=fonts[item.kind])


def _write_legend(ws, ctx: RenderContext) -> None:
    ws.row_dimensions[YEAR_ROW].height = 30
    style = ctx.reference.excel_style
    colours = style.gantt
    keys = ("planned", "done", "on_hold", "late", "current")
    for col, key in enumerate(keys, start=column_number(COLUMNS, "name")):
        cell = put(ws, YEAR_ROW, col, ctx.labels.get(f"county.gantt.legend_{key}"))
        cell.fill = fill(getattr(colours, key))
        cell.alignment = CENTER
        text = colours.text_on_light if key in LIGHT_LEGEND else colours.text_on_dark
        cell.font = font(style, bold=True, color=text)
    marks = ctx.labels.node("county.gantt.marks")
    put(ws, YEAR_ROW, column_number(COLUMNS, "channel"), f"{marks['golive']}\n{marks['shutdown']}", "wrap")
    put(ws, YEAR_ROW, column_number(COLUMNS, "status"), marks["milestone"], "wrap")


def write_gantt(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    title = labels.get("county.sheets.gantt")
    ws = wb.create_sheet(sheet_title(title))
    rows = _rows(entries, ctx)
    months, clipped = month_span(rows)
    key = "subtitle" if _month(ctx.as_of) in months else "subtitle_outside"
    subtitle = labels.get(f"county.gantt.{key}", date=labels.get("county.workbook.as_of", date=fi_date(ctx.as_of)),
                          month=fi_month(ctx.as_of, labels.node("county.gantt.months")))
    if clipped:
        subtitle += " " + labels.get("county.gantt.clipped", months=MAX_MONTHS, start=fi_date(months[0]))
    write_title(ws, style, labels.get("county.gantt.title"), subtitle)
    ws.row_dimensions[HEADER_ROW].height = 32
    last = write_table(ws, style, "Gantt", COLUMNS, header_texts(labels, "county.gantt.headers", COLUMNS),
                       [row.values for row in rows])
    first_col = len(COLUMNS) + 1
    _write_legend(ws, ctx)
    if months:
        _write_months(ws, months, first_col, last, ctx)
        area = f"{get_column_letter(first_col)}{HEADER_ROW + 1}:{get_column_letter(first_col + len(months) - 1)}{last}"
        _bar_rules(ws, area, get_column_letter(first_col), ctx)
        _mark(ws, rows, months, first_col, style)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"{get_column_letter(first_col)}{HEADER_ROW + 1}",
                 title_rows=f"{YEAR_ROW}:{HEADER_ROW}")
    _outline(ws, rows)


def _outline(ws, rows: list[GanttRow]) -> None:
    """Rows grouped by area and line with Excel's outline (level 1: an area's first row of each line, level 2: the
    rest of the line), so a reader can fold the roadmap to one row per area or line; each area starts a page."""
    area_col, code_col = column_number(COLUMNS, "area") - 1, column_number(COLUMNS, "code") - 1
    ws.sheet_properties.outlinePr.summaryBelow = False
    previous: tuple[Any, Any] = (None, None)
    for row, item in enumerate(rows, start=HEADER_ROW + 1):
        area, code = item.values[area_col], item.values[code_col]
        if area != previous[0]:
            if previous[0] is not None:
                ws.row_breaks.append(Break(id=row - 1))
        elif code != previous[1]:
            ws.row_dimensions[row].outline_level = 1
        else:
            ws.row_dimensions[row].outline_level = 2
        previous = (area, code)
