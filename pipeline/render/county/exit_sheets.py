"""The exit-plan sheets: one row per system across the county (when it can be shut down, who holds it up), and
one row per line and system."""
from __future__ import annotations

from typing import Any

from openpyxl.workbook.workbook import Workbook

from pipeline.formatting import fi_date
from pipeline.reference import ExcelStyle, Highlight
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import (
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
    sheet_title,
    write_table,
    write_title,
    yes_no,
)
from pipeline.view.county import LineEntry
from pipeline.view.exits import ExitLine, ExitState, SystemExit, exit_plans

SYSTEM_COLUMNS = [Column("name", 28, "wrap"), Column("shutdown", 15, "date"), Column("state", 14, "wrap"),
                  Column("blockers", 46, "wrap"), Column("line_count", 9, "int"), Column("lines", 38, "wrap"),
                  Column("replacement", 26, "wrap"), Column("replacement_date", 15, "date"),
                  Column("known", 21)]
LINE_COLUMNS = [Column("system", 24, "wrap"), Column("written", 20, "wrap"), Column("area", 18, "wrap"),
                Column("code", 7), Column("id", 9), Column("replacement", 22, "wrap"),
                Column("replacement_date", 12, "date"), Column("exit_date", 12, "date"), Column("status", 12),
                Column("blocker", 22, "wrap"), Column("owner", 16, "wrap"), Column("actions", 36, "wrap"),
                Column("dependencies", 28, "wrap")]


def blocker_text(line: ExitLine, ctx: RenderContext) -> str:
    blocker = line.blocker
    if blocker is None:
        return ""
    return ctx.labels.get(f"county.systems.blockers.{blocker.value}", line=line.line.code,
                          exit=fi_date(line.system.exit_date), replacement=fi_date(line.system.replacement_date))


def _line_item(line: ExitLine, ctx: RenderContext) -> str:
    labels = ctx.labels
    return labels.get("county.systems.line_item", line=line.line.code,
                      exit=fi_date(line.system.exit_date) or labels.get("county.systems.no_date"),
                      status=enum_text(line.system.status, labels) or labels.get("county.systems.no_status"))


def system_values(plan: SystemExit, ctx: RenderContext) -> list[Any]:
    labels = ctx.labels
    return [plan.name, plan.shutdown or labels.get("county.systems.undecided"),
            labels.get(f"county.systems.states.{plan.state.value}"),
            "\n".join(blocker_text(u, ctx) for u in plan.blockers), len(plan.line_codes),
            "\n".join(_line_item(u, ctx) for u in plan.lines), "\n".join(plan.replacements),
            plan.replacement_date, yes_no(plan.known, labels)]


def _highlight(cell, colours: Highlight, style: ExcelStyle) -> None:
    cell.fill = fill(colours.fill)
    cell.font = font(style, bold=True, color=colours.text)


def _state_colours(state: ExitState, style: ExcelStyle) -> Highlight:
    return getattr(style.exit_states, state.value)


def write_systems(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> list[SystemExit]:
    labels, style = ctx.labels, ctx.reference.excel_style
    title = labels.get("county.sheets.systems")
    ws = wb.create_sheet(sheet_title(title))
    plans = exit_plans(entries, ctx.reference)
    counts = {state: sum(1 for p in plans if p.state is state) for state in ExitState}
    write_title(ws, style, labels.get("county.systems.title"), labels.get(
        "county.systems.subtitle", date=labels.get("county.workbook.as_of", date=fi_date(ctx.as_of)),
        count=len(plans), **{state.value: counts[state] for state in ExitState}))
    ws.row_dimensions[HEADER_ROW].height = 45
    write_table(ws, style, "SystemExits", SYSTEM_COLUMNS,
                header_texts(labels, "county.systems.headers", SYSTEM_COLUMNS), [system_values(p, ctx) for p in plans])
    state, shutdown, blockers = (column_number(SYSTEM_COLUMNS, k) for k in ("state", "shutdown", "blockers"))
    for row, plan in enumerate(plans, start=HEADER_ROW + 1):
        _highlight(ws.cell(row=row, column=state), _state_colours(plan.state, style), style)
        ws.cell(row=row, column=shutdown).font = bold_font(style)
        if plan.blockers:
            ws.cell(row=row, column=blockers).font = font(style, color=style.blocker.text)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"B{HEADER_ROW + 1}")
    return plans


def _line_values(plan: SystemExit, line: ExitLine, ctx: RenderContext) -> list[Any]:
    labels, system = ctx.labels, line.system
    blocker = labels.get(f"county.system_lines.blockers.{line.blocker.value}") if line.blocker else ""
    return [plan.name, system.name, area_text(line.line.area_name, labels), line.line.code, system.id,
            system.replacement, system.replacement_date, system.exit_date, enum_text(system.status, labels),
            blocker, system.owner, system.exit_actions, system.dependencies]


def write_system_lines(wb: Workbook, plans: list[SystemExit], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    title = labels.get("county.sheets.system_lines")
    ws = wb.create_sheet(sheet_title(title))
    write_title(ws, style, labels.get("county.system_lines.title"), labels.get(
        "county.system_lines.subtitle", date=labels.get("county.workbook.as_of", date=fi_date(ctx.as_of))))
    pairs = [(plan, line) for plan in plans for line in plan.lines]
    ws.row_dimensions[HEADER_ROW].height = 45
    write_table(ws, style, "SystemExitLines", LINE_COLUMNS,
                header_texts(labels, "county.system_lines.headers", LINE_COLUMNS),
                [_line_values(plan, line, ctx) for plan, line in pairs])
    blocker_col = column_number(LINE_COLUMNS, "blocker")
    for row, (_, line) in enumerate(pairs, start=HEADER_ROW + 1):
        if line.blocker:
            _highlight(ws.cell(row=row, column=blocker_col), style.blocker, style)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"C{HEADER_ROW + 1}")
