"""What the liaison manager acts on, as county workbook sheets: the notices due in the next 12 months
("Irtisanomiset"), the conflicts and gaps in the lines' system data, and a one-page printable exit summary. The
facts come from pipeline.view.exit_findings; this module only words and places them."""
from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.formatting import fi_date, one_line
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import (
    HEADER_ROW,
    Column,
    fill,
    finish_sheet,
    font,
    header_texts,
    put,
    start_sheet,
    write_table,
    yes_no,
)
from pipeline.view.exit_findings import Finding, FindingKind, NoticeDue, findings, notices_due
from pipeline.view.exits import SystemExit
from pipeline.view.money import Money
from pipeline.words import Words

NOTICE_COLUMNS = [Column("deadline", 13, "date"), Column("overdue", 12, "wrap"), Column("system", 28, "wrap"),
                  Column("contract_end", 13, "date"), Column("notice_months", 11, "int"),
                  Column("lines", 24, "wrap"), Column("decider", 30, "wrap"), Column("all_decided", 14, "wrap"),
                  Column("state", 18, "wrap")]
FINDING_COLUMNS = [Column("system", 26, "wrap"), Column("kind", 22, "wrap"), Column("lines", 14, "wrap"),
                   Column("detail", 70, "wrap"), Column("expected", 30, "wrap")]
SUMMARY_COLUMNS = [Column("name", 30, "wrap"), Column("state", 20, "wrap"), Column("shutdown", 13, "date"),
                   Column("notice_deadline", 13, "date"), Column("saving", 14, "euro"), Column("owner", 40, "wrap")]


def a3_landscape(ws: Worksheet) -> None:
    """Print on A3 landscape, fitted to the width (the exit sheet's columns print at ≥ 8 pt there)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.orientation = "landscape"


def _date(value: str) -> str:
    return fi_date(dt.date.fromisoformat(value)) if value else ""


def _value(finding: Finding, ctx: RenderContext) -> str:
    """Each line's value in FINDING: 'AVO (J05): 31.12.2029 / 6 kk'."""
    labels, parts = ctx.labels, []
    for v in finding.values:
        where = labels.get("county.findings.where", line=v.line.line.code, id=v.line.system.id or "–")
        if finding.kind is FindingKind.CONTRACT_CONFLICT:
            end, months = v.value.split("/")
            text = labels.get("county.findings.contract", end=_date(end) or labels.get("county.findings.none"),
                              months=months or labels.get("county.findings.none"))
        elif finding.kind in (FindingKind.OWNER_CONFLICT, FindingKind.DECIDER_CONFLICT):
            text = v.value
        else:
            text = ""
        parts.append(labels.get("county.findings.line_value", where=where, value=text) if text else where)
    return "; ".join(parts)


def finding_text(finding: Finding, ctx: RenderContext) -> str:
    """One sentence per finding, naming the lines and their values."""
    labels, kind = ctx.labels, finding.kind
    values = _value(finding, ctx)
    if kind is FindingKind.NOTICE_BEFORE_RISK:
        risk = finding.risk
        return labels.get("county.findings.kinds_text.notice_before_risk", lines=values,
                          date=_date(finding.values[0].value), score=(risk.score if risk else 0),
                          risk=one_line(risk.description if risk else ""))
    if kind is FindingKind.COST_AFTER_EXIT:
        return labels.get("county.findings.kinds_text.cost_after_exit", months=finding.months,
                          date=_date(finding.values[0].value) if finding.values else "",
                          amount=Words(labels).money(finding.amount), lines=values)
    return labels.get(f"county.findings.kinds_text.{kind.value}", lines=values, expected=finding.expected)


def write_findings(wb: Workbook, plans: list[SystemExit], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    found = findings(plans, ctx.reference)
    ws, title = start_sheet(wb, ctx, "findings", count=len(found))
    rows: list[list[Any]] = [[f.system.name, labels.get(f"county.findings.kinds.{f.kind.value}"),
                              ", ".join(f.line_codes), finding_text(f, ctx), f.expected] for f in found]
    write_table(ws, style, "ExitFindings", FINDING_COLUMNS,
                header_texts(labels, "county.findings.headers", FINDING_COLUMNS), rows)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"B{HEADER_ROW + 1}")


def _decider(notice: NoticeDue) -> str:
    return notice.system.agreed("decider")


def write_notices(wb: Workbook, plans: list[SystemExit], ctx: RenderContext) -> list[NoticeDue]:
    """The notices due sheet: overdue first in red, then soonest first."""
    labels, style = ctx.labels, ctx.reference.excel_style
    due = notices_due(plans, ctx.as_of)
    ws, title = start_sheet(wb, ctx, "notices", count=len(due))
    rows: list[list[Any]] = [[n.deadline, labels.get("county.notices.overdue") if n.overdue else "", n.system.name,
                              n.contract_end, n.notice_months, ", ".join(n.line_codes), _decider(n),
                              yes_no(n.all_decided, labels),
                              labels.get(f"county.systems.states.{n.system.state.value}")] for n in due]
    last = write_table(ws, style, "NoticesDue", NOTICE_COLUMNS,
                       header_texts(labels, "county.notices.headers", NOTICE_COLUMNS), rows)
    for row, notice in enumerate(due, start=HEADER_ROW + 1):
        if notice.overdue:
            for column in (1, 2):
                cell = ws.cell(row=row, column=column)
                cell.fill = fill(style.blocker.fill)
                cell.font = font(style, bold=True, color=style.blocker.text)
    if not due:
        put(ws, last + 2, 1, labels.get("county.notices.none"))
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"B{HEADER_ROW + 1}")
    return due


def write_exit_summary(wb: Workbook, plans: list[SystemExit], money: Money, ctx: RenderContext) -> None:
    """One printable page: system, state, shutdown date, notice due, saving, owner; under it the county's money
    (one-off, yearly cost, savings, net per year, the lines that have not estimated)."""
    labels, style = ctx.labels, ctx.reference.excel_style
    ws, title = start_sheet(wb, ctx, "exit_summary", count=len(plans))
    rows: list[list[Any]] = [[p.name, labels.get(f"county.systems.states.{p.state.value}"), p.shutdown,
                              p.notice_deadline, p.saving, p.agreed("system_owner")] for p in plans]
    last = write_table(ws, style, "ExitSummary", SUMMARY_COLUMNS,
                       header_texts(labels, "county.exit_summary.headers", SUMMARY_COLUMNS), rows)
    row = last + 2
    put(ws, row, 1, labels.get("county.exit_summary.money.heading")).font = font(style, bold=True)
    missing = ", ".join(money.not_estimated)
    figures = [("one_off", money.one_off.value), ("yearly", money.yearly_cost.value),
               ("system_savings", money.system_savings.value), ("other_savings", money.other_savings.value),
               ("savings", money.savings), ("net", money.net)]
    for key, value in figures:
        row += 1
        put(ws, row, 1, labels.get(f"county.exit_summary.money.{key}"))
        put(ws, row, 2, value, "euro")
        if missing:
            put(ws, row, 3, labels.get("county.exit_summary.money.missing", lines=missing))
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"B{HEADER_ROW + 1}")
    ws.page_setup.fitToHeight = 1           # one page
