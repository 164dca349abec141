"""The exit-plan sheets: one row per system across the county (when it can be shut down, who holds it up, who keeps
it, what the contract allows and what the shutdown saves), and one row per line and system."""
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
    start_sheet,
    write_table,
    yes_no,
)
from pipeline.render.county.exit_findings import a3_landscape, finding_text
from pipeline.systemnames import tidy_name
from pipeline.view.exit_findings import Finding, findings
from pipeline.view.exits import ExitLine, ExitState, LineFate, SystemExit

# 15 columns, widths summing to 264: on A3 landscape the sheet prints at about 80 % (≥ 8 pt); the replacement and
# archiving texts are on the per-line sheet, each in its own column
SYSTEM_COLUMNS = [Column("name", 22, "wrap"), Column("state", 13, "wrap"), Column("shutdown", 11, "date"),
                  Column("reason", 22, "wrap"), Column("blockers", 24, "wrap"), Column("keepers", 24, "wrap"),
                  Column("lines", 30, "wrap"), Column("contract_end", 11, "date"),
                  Column("notice_deadline", 11, "date"), Column("yearly_cost", 11, "euro"),
                  Column("saving", 12, "euro"), Column("owners", 18, "wrap"), Column("deciders", 18, "wrap"),
                  Column("conflicts", 28, "wrap"), Column("known", 9)]
LINE_COLUMNS = [Column("system", 22, "wrap"), Column("written", 18, "wrap"), Column("area", 16, "wrap"),
                Column("code", 7), Column("id", 8), Column("decision", 13, "wrap"), Column("keeps", 24, "wrap"),
                Column("replacement", 20, "wrap"), Column("replacement_date", 12, "date"),
                Column("exit_date", 12, "date"), Column("status", 11), Column("blocker", 22, "wrap"),
                Column("contract_end", 12, "date"), Column("notice_months", 10, "int"),
                Column("notice_deadline", 12, "date"), Column("yearly_cost", 12, "euro"),
                Column("archiving", 24, "wrap"), Column("retention", 14, "wrap"), Column("system_owner", 18, "wrap"),
                Column("decider", 18, "wrap"), Column("owner", 16, "wrap"), Column("actions", 30, "wrap"),
                Column("dependencies", 24, "wrap")]


def blocker_text(line: ExitLine, ctx: RenderContext) -> str:
    blocker = line.blocker
    if blocker is None:
        return ""
    return ctx.labels.get(f"county.systems.blockers.{blocker.value}", line=line.line.code,
                          exit=fi_date(line.system.exit_date), replacement=fi_date(line.system.replacement_date))


def _line_item(line: ExitLine, ctx: RenderContext) -> str:
    """'NAO: Luovutaan, 31.12.2027 – Kesken'; a line that keeps the system has no exit to be in a state of."""
    labels, system = ctx.labels, line.system
    decision = enum_text(system.decision, labels) or labels.get("county.system_lines.blockers.no_decision")
    if line.fate is LineFate.KEEP:
        return labels.get("county.systems.line_kept", line=line.line.code, decision=decision)
    exit_date = labels.get("county.systems.line_exit", date=fi_date(system.exit_date)) if system.exit_date else ""
    return labels.get("county.systems.line_item", line=line.line.code, decision=decision, exit=exit_date,
                      status=enum_text(system.status, labels) or labels.get("county.systems.no_status"))


def _keeper(line: ExitLine, ctx: RenderContext) -> str:
    what = tidy_name(line.system.keeps)
    keeps = ctx.labels.get("county.systems.keeper_what", what=what) if what else ""
    return ctx.labels.get("county.systems.keeper", line=line.line.code,
                          decision=enum_text(line.system.decision, ctx.labels), keeps=keeps)


def reason_text(plan: SystemExit, ctx: RenderContext) -> str:
    """Why the system has no shutdown date ('' when it has one)."""
    if plan.shutdown:
        return ""
    state = plan.state
    if state in (ExitState.KEPT, ExitState.KEPT_PARTLY):
        lines = ", ".join(dict.fromkeys(u.line.code for u in plan.keepers))
        return ctx.labels.get(f"county.systems.reasons.{state.value}", lines=lines)
    if state is ExitState.RETIRED:
        return ctx.labels.get("county.systems.reasons.retired")
    lines = ", ".join(dict.fromkeys(u.line.code for u in plan.blockers))
    return ctx.labels.get("county.systems.reasons.blocked", lines=lines)


def system_values(plan: SystemExit, found: list[Finding], ctx: RenderContext) -> list[Any]:
    labels = ctx.labels
    return [plan.name, labels.get(f"county.systems.states.{plan.state.value}"), plan.shutdown,
            reason_text(plan, ctx), "\n".join(blocker_text(u, ctx) for u in plan.blockers),
            "\n".join(_keeper(u, ctx) for u in plan.keepers),
            "\n".join(_line_item(u, ctx) for u in plan.lines), plan.contract_end, plan.notice_deadline,
            plan.yearly_cost, plan.saving, plan.agreed("system_owner"), plan.agreed("decider"),
            "\n".join(finding_text(f, ctx) for f in found if f.system is plan), yes_no(plan.known, labels)]


def _highlight(cell, colours: Highlight, style: ExcelStyle) -> None:
    cell.fill = fill(colours.fill)
    cell.font = font(style, bold=True, color=colours.text)


def write_systems(wb: Workbook, plans: list[SystemExit], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    ws, title = start_sheet(wb, ctx, "systems", 60, count=len(plans))
    found = findings(plans, ctx.reference)
    write_table(ws, style, "SystemExits", SYSTEM_COLUMNS, header_texts(labels, "county.systems.headers",
                SYSTEM_COLUMNS), [system_values(p, found, ctx) for p in plans])
    state, shutdown, blockers = (column_number(SYSTEM_COLUMNS, k) for k in ("state", "shutdown", "blockers"))
    for row, plan in enumerate(plans, start=HEADER_ROW + 1):
        _highlight(ws.cell(row=row, column=state), getattr(style.exit_states, plan.state.value), style)
        ws.cell(row=row, column=shutdown).font = bold_font(style)
        if plan.blockers:
            ws.cell(row=row, column=blockers).font = font(style, color=style.blocker.text)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"B{HEADER_ROW + 1}")
    a3_landscape(ws)


def _line_values(plan: SystemExit, line: ExitLine, ctx: RenderContext) -> list[Any]:
    labels, system = ctx.labels, line.system
    blocker = labels.get(f"county.system_lines.blockers.{line.blocker.value}") if line.blocker else ""
    return [plan.name, system.name, area_text(line.line.area_name, labels), line.line.code, system.id,
            enum_text(system.decision, labels), system.keeps, system.replacement, system.replacement_date,
            system.exit_date, enum_text(system.status, labels), blocker, system.contract_end, system.notice_months,
            system.notice_deadline, system.yearly_cost, system.archiving, system.retention, system.system_owner,
            system.decider, system.owner, system.exit_actions, system.dependencies]


def write_system_lines(wb: Workbook, plans: list[SystemExit], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    ws, title = start_sheet(wb, ctx, "system_lines", 60)
    pairs = [(plan, line) for plan in plans for line in plan.lines]
    write_table(ws, style, "SystemExitLines", LINE_COLUMNS,
                header_texts(labels, "county.system_lines.headers", LINE_COLUMNS),
                [_line_values(plan, line, ctx) for plan, line in pairs])
    blocker_col = column_number(LINE_COLUMNS, "blocker")
    for row, (_, line) in enumerate(pairs, start=HEADER_ROW + 1):
        if line.blocker:
            _highlight(ws.cell(row=row, column=blocker_col), style.blocker, style)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"C{HEADER_ROW + 1}")
