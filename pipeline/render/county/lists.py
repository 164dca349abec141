"""The county workbook's list sheets: services, goals and metrics, tasks, risks (with a 5 × 5 matrix), resourcing."""
from __future__ import annotations

from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.catalog import Labels
from pipeline.excel import restyle
from pipeline.formatting import fi_number, one_line
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
    start_sheet,
    write_table,
    yes_no,
)
from pipeline.schema import Resource
from pipeline.view.county import (
    LineEntry,
    area_totals,
    county_total,
    risk_matrix,
    used,
)

SERVICE_COLUMNS = [Column("area", 18, "wrap"), Column("code", 7), Column("id", 9), Column("name", 26, "wrap"),
                   Column("channel", 16, "wrap"), Column("wave", 9), Column("phase", 18, "wrap"),
                   Column("description", 48, "wrap"), Column("customer_groups", 26, "wrap"),
                   Column("systems", 24, "wrap"), Column("priority", 11), Column("target_golive", 13, "date")]


def write_services(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, order = ctx.labels, ctx.reference.channel_order
    style = ctx.reference.excel_style
    rows = [[area_text(e.area_name, labels), e.code, s.id, s.name, e.channel_name(s.channel),
             labels.get("county.summary.wave", number=ctx.reference.wave_of(s.channel))
             if s.channel in order else "",
             enum_text(s.phase, labels), s.description, s.customer_groups,
             ", ".join(e.system_canonical_name(x) for x in s.systems),
             enum_text(s.priority, labels), s.target_golive]
            for e in used(entries) for code in order for s in e.plan.services_in(code)]
    ws, title = start_sheet(wb, ctx, "services", count=len(rows))
    write_table(ws, style, "Services", SERVICE_COLUMNS,
                header_texts(labels, "county.services.headers", SERVICE_COLUMNS), rows)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"E{HEADER_ROW + 1}")


GOAL_COLUMNS = [Column("area", 18, "wrap"), Column("code", 7), Column("channel", 16, "wrap"),
                Column("goal", 44, "wrap"), Column("metric", 34, "wrap"), Column("catalogue", 12),
                Column("unit", 10), Column("baseline", 11, "number"), Column("target", 11, "number"),
                Column("target_date", 12, "date"), Column("baseline_source", 28, "wrap"),
                Column("target_source", 28, "wrap")]


def write_goals(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, order = ctx.labels, ctx.reference.channel_order
    style = ctx.reference.excel_style
    rows = [[area_text(e.area_name, labels), e.code, e.channel_name(g.channel), g.goal, g.metric,
             yes_no(ctx.reference.metric(g.metric) is not None, labels), g.unit, g.baseline, g.target,
             g.target_date, g.baseline_source, g.target_source]
            for e in used(entries) for code in order for g in e.plan.goals_in(code)]
    ws, title = start_sheet(wb, ctx, "goals", count=len(rows))
    write_table(ws, style, "Goals", GOAL_COLUMNS, header_texts(labels, "county.goals.headers", GOAL_COLUMNS), rows)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"D{HEADER_ROW + 1}")


TASK_COLUMNS = [Column("area", 18, "wrap"), Column("code", 7), Column("item", 48, "wrap"), Column("kind", 16),
                Column("channel", 16, "wrap"), Column("service", 22, "wrap"), Column("owner", 18, "wrap"),
                Column("due", 12, "date"), Column("status", 12), Column("overdue", 11)]


def write_tasks(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    tasks = [(e, t) for e in used(entries) for t in e.plan.tasks]
    overdue = [t.is_overdue(ctx.as_of) for _, t in tasks]
    rows = [[area_text(e.area_name, labels), e.code, t.item, enum_text(t.kind, labels),
             e.channel_name(t.channel), e.service_label(t.service),
             t.owner, t.due, enum_text(t.status, labels), labels.get("county.tasks.overdue") if late else ""]
            for (e, t), late in zip(tasks, overdue, strict=True)]
    open_count = sum(1 for _, t in tasks if t.is_open)
    ws, title = start_sheet(wb, ctx, "tasks", open=open_count, overdue=sum(overdue))
    write_table(ws, style, "Tasks", TASK_COLUMNS, header_texts(labels, "county.tasks.headers", TASK_COLUMNS), rows)
    shade, bold = fill(style.overdue.fill), font(style, bold=True, color=style.overdue.text)
    for row, late in enumerate(overdue, start=HEADER_ROW + 1):
        if late:
            for key in ("due", "overdue"):
                restyle(ws.cell(row=row, column=column_number(TASK_COLUMNS, key)), fill=shade, font=bold)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"D{HEADER_ROW + 1}")


RISK_COLUMNS = [Column("area", 18, "wrap"), Column("code", 7), Column("kind", 12), Column("description", 46, "wrap"),
                Column("likelihood", 15, "int"), Column("impact", 11, "int"), Column("score", 8, "int"),
                Column("mitigation", 40, "wrap"), Column("owner", 18, "wrap")]


def _risk_fill(score: int, ctx: RenderContext) -> str:
    return getattr(ctx.reference.excel_style.risks, f"{ctx.reference.reporting.risk_level(score)}_fill")


def _write_matrix(ws: Worksheet, entries: list[LineEntry], ctx: RenderContext, left: int) -> None:
    """Counts by impact (rows, 5 at the top) and likelihood (columns, 1 at the left)."""
    counts, unrated = risk_matrix(entries)
    labels, style = ctx.labels, ctx.reference.excel_style
    put(ws, HEADER_ROW - 1, left, labels.get("county.risks.matrix_title")).font = bold_font(style)
    corner = put(ws, HEADER_ROW, left, labels.get("county.risks.matrix_corner"))
    corner.alignment = CENTER
    corner.font = bold_font(style)
    ws.column_dimensions[get_column_letter(left)].width = 18
    thin = Side(style="thin", color=style.county.matrix_border)
    for likelihood in range(1, 6):
        ws.column_dimensions[get_column_letter(left + likelihood)].width = 6
        put(ws, HEADER_ROW, left + likelihood, likelihood).alignment = CENTER
    for offset, impact in enumerate(range(5, 0, -1), start=1):
        put(ws, HEADER_ROW + offset, left, impact).alignment = CENTER
        for likelihood in range(1, 6):
            cell = put(ws, HEADER_ROW + offset, left + likelihood, counts[(likelihood, impact)], "int")
            cell.fill = fill(_risk_fill(likelihood * impact, ctx))
            cell.alignment = CENTER
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if counts[(likelihood, impact)]:
                cell.font = bold_font(style)
    put(ws, HEADER_ROW + 7, left, labels.get("county.risks.unrated", count=unrated))


def write_risks(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    rows = [[area_text(e.area_name, labels), e.code, enum_text(r.kind, labels), r.description, r.likelihood,
             r.impact, r.likelihood * r.impact if r.likelihood and r.impact else None, r.mitigation, r.owner]
            for e in used(entries) for r in e.plan.risks]
    ws, title = start_sheet(wb, ctx, "risks", count=len(rows))
    write_table(ws, style, "Risks", RISK_COLUMNS, header_texts(labels, "county.risks.headers", RISK_COLUMNS), rows)
    score = column_number(RISK_COLUMNS, "score")
    for row, values in enumerate(rows, start=HEADER_ROW + 1):
        value = values[score - 1]
        if isinstance(value, int):
            restyle(ws.cell(row=row, column=score), fill=fill(_risk_fill(value, ctx)))
    _write_matrix(ws, entries, ctx, left=len(RISK_COLUMNS) + 2)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"D{HEADER_ROW + 1}")


RESOURCE_COLUMNS = [Column("area", 18, "wrap"), Column("code", 7), Column("service", 24, "wrap"),
                    Column("role", 26, "wrap"), Column("competence", 32, "wrap"), Column("people", 24, "wrap"),
                    Column("new_fte", 11, "number"), Column("arrangement", 18, "wrap"), Column("funding", 14, "wrap"),
                    Column("notes", 32, "wrap")]
# new need, of it unfunded, and apart: transfers, within existing, rejected (view.staffing)
STAFFING = ("new_need", "unfunded", "transfers", "existing", "rejected")
RESOURCE_TOTAL_COLUMNS = [Column("area", 28, "wrap"), *(Column(key, 13, "number") for key in STAFFING)]


def _funding(row: Resource, labels: Labels) -> str:
    if row.funding is None:
        return ""
    decision = one_line(row.funding_decision)
    return f"{labels.enum(row.funding)}: {decision}" if decision else labels.enum(row.funding)


def write_resources(wb: Workbook, entries: list[LineEntry], ctx: RenderContext) -> None:
    labels, style = ctx.labels, ctx.reference.excel_style
    rows = [[area_text(e.area_name, labels), e.code, e.service_label(r.service), r.role,
             r.competence, r.people, r.new_fte, labels.enum(r.staffing), _funding(r, labels), r.notes]
            for e in used(entries) for r in e.plan.resources]
    totals = area_totals(entries, ctx.reference)
    county = county_total(totals, ctx.reference).figures.staffing
    ws, title = start_sheet(wb, ctx, "resources", fte=fi_number(county.new_need),
                            unfunded=fi_number(county.unfunded), transfers=fi_number(county.transfers))
    write_table(ws, style, "Resources", RESOURCE_COLUMNS,
                header_texts(labels, "county.resources.headers", RESOURCE_COLUMNS), rows)
    left = len(RESOURCE_COLUMNS) + 2
    put(ws, HEADER_ROW - 1, left, labels.get("county.resources.totals_title")).font = bold_font(style)
    last = write_table(ws, style, "ResourceAreas", RESOURCE_TOTAL_COLUMNS,
                       header_texts(labels, "county.resources.total_headers", RESOURCE_TOTAL_COLUMNS),
                       [[area_text(t.name, labels), *(getattr(t.figures.staffing, k) for k in STAFFING)]
                        for t in totals], first_col=left)
    total_row = [labels.get("county.summary.county"), *(getattr(county, k) for k in STAFFING)]
    for offset, value in enumerate(total_row):
        put(ws, last + 1, left + offset, value, RESOURCE_TOTAL_COLUMNS[offset].kind).font = bold_font(style)
    finish_sheet(ws, labels, title, ctx.as_of, freeze=f"C{HEADER_ROW + 1}")
