"""The combined Word plans: a service area's plan (templates/word/area.docx) and the county's common implementation
plan (templates/word/county.docx), from a Scope of pipeline/view/scope.py.

Both open with the status of every line (missing and invalid lines named, never dropped), then the decisions
asked, the roadmap of go-lives, the legacy systems' shutdowns, the dependencies between lines and the money; the
county plan adds the readiness checklist of lines × items, the area plan one page per line with its decision layer.
"""
from __future__ import annotations

from typing import Any

from docx.shared import Twips

from pipeline.formatting import fi_date, fi_number
from pipeline.render.asked import elsewhere_text, outcomes_text
from pipeline.render.context import RenderContext
from pipeline.render.figures import golives_chart, shutdowns_chart
from pipeline.render.opening import opening_text
from pipeline.render.staffing_text import staffing_text
from pipeline.render.word.changes import combined_delta
from pipeline.render.word.combined_text import Combined, add_rows, fill_row
from pipeline.render.word.decision import decision_layer, light_fill, risk_fill
from pipeline.render.word.document import Pictures, Properties, render_docx
from pipeline.render.word.notices import notices_subdoc
from pipeline.render.word.risks import risk_section
from pipeline.schema import Light
from pipeline.view.exits import SystemExit
from pipeline.view.money import other_saving
from pipeline.view.opening import scope_opening
from pipeline.view.scope import LineRow, Scope

MATRIX_LINES = 16               # lines across one readiness table: the page holds 16 columns of at least 437 twips


# --- status --------------------------------------------------------------------------------------------------------

def state_text(row: LineRow, c: Combined) -> str:
    if row.valid:
        return ""
    state = c.w.words.line_state(row.entry.state)
    return f"{state} ({row.entry.file})" if row.entry.file else state


def line_status(row: LineRow, c: Combined) -> dict[str, Any]:
    view = row.view if row.valid else None
    lights = view.lights if view else []
    w = c.line_text(view) if view else c.w
    return {
        "name": w.words.named(row.name, row.entry.code),
        "state": state_text(row, c),
        "lights": [{"light": w.words.light(s.light) or w.dash, "fill": light_fill(s.light, w)} for s in lights]
        or [{"light": w.dash, "fill": light_fill(None, w)}] * 5,
        "completeness": w.words.percent(row.entry.overall) or w.dash,
        "late_tasks": w.words.count(len(view.overdue_tasks)) if view else w.dash,
        "key_message": (view.key_message or c("decision.no_key_message")) if view else w.dash,
    }


def not_valid(scope: Scope, c: Combined) -> str:
    rows = scope.not_valid
    if not rows:
        return ""
    items = [c("combined.line_state", line=row.entry.code or row.entry.file,
               state=c.w.words.line_state(row.entry.state).lower()) for row in rows]
    return c("combined.not_valid", lines=c.w.joined(items))


# --- decisions, roadmap, exits, dependencies, money ----------------------------------------------------------------

def decisions(scope: Scope, c: Combined) -> dict[str, Any]:
    """Under the opening page's asks (their one place in the plan): how many pending decisions wait at the other
    levels and how many are already settled."""
    elsewhere = elsewhere_text(scope.asked_elsewhere, c.labels) if scope.asks else ""   # else the asks' intro says it
    note = [t for t in (elsewhere, outcomes_text([a.decision for a in scope.outcomes], c.labels)) if t]
    return {"note": " ".join(note)}


def roadmap(scope: Scope, c: Combined, pictures: Pictures) -> dict[str, Any]:
    if not scope.golives:
        return {"intro": c("combined.no_golives"), "figure": None, "rows": []}
    grouped = scope.golives_by_quarter()
    channels = scope.reference.channel_order
    quarters = scope.quarters
    counts = [[len(grouped.get((code, q), [])) for q in quarters] for code in channels]
    labels = [c.quarter(q) for q in quarters]
    first, last = labels[0], labels[-1]
    f = scope.reference.document_style.figures
    palette = [f.golive, f.planned, f.done, f.target, f.baseline, f.shutdown, f.on_hold, f.late, f.milestone]
    names = [f"{scope.reference.channel_name(code)} ({c('figures.wave', number=scope.reference.wave_of(code))})"
             for code in channels]
    charts = golives_chart(names,
                           labels, counts, [palette[n % len(palette)] for n in range(len(channels))],
                           c("figures.golives_alt", count=len(scope.golives), first=first, last=last))
    figure = pictures.add(charts, c("figures.golives_caption", number=pictures.next_number))
    rows = [{"quarter": c.quarter(q), "channel": scope.reference.channel_name(code),
             "golives": "\n".join(c("combined.golive_item", line=g.line.code, service=g.service.name)
                                  for g in grouped[(code, q)])}
            for q in quarters for code in channels if grouped.get((code, q))]
    return {"intro": c("combined.roadmap_intro", count=len(scope.golives), first=first, last=last),
            "figure": figure, "rows": rows}


def exit_lines(plan: SystemExit, c: Combined) -> str:
    parts = []
    for u in plan.lines:
        date = c("combined.exit_date", date=fi_date(u.system.exit_date)) if u.system.exit_date else ""
        parts.append(c("combined.exit_line", line=u.line.code,
                       decision=c.w.text(u.system.decision) or c.labels.get("county.system_lines.blockers.no_decision"),
                       date=date))
    return "\n".join(parts)


def _saving(plan: SystemExit, shared: set[str], c: Combined) -> str:
    """A system's saving; one saved at a wider level (shared with another area) is marked as outside the total."""
    if not plan.saving:
        return c.w.dash
    value = c.w.words.money(plan.saving)
    return c("combined.money_outside", value=value) if plan.name in shared else value


def exits(scope: Scope, c: Combined, pictures: Pictures) -> dict[str, Any]:
    plans = scope.exits
    shared = {p.name for p in scope.money.shared_systems}
    sequence = scope.shutdowns()
    figure = None
    if sequence:
        labels = [c.quarter(s.quarter) for s in sequence]
        # the bars' height is the yearly cost that ends, in euros: the unit of their labels and of the axis
        charts = shutdowns_chart(labels, [s.saving for s in sequence],
                                 [c.w.words.money(s.saving) if s.saving else "" for s in sequence],
                                 c.labels.get("overview.exits.axis"), scope.reference.document_style.figures.shutdown,
                                 c.labels.get("overview.exits.alt", count=sum(len(s.systems) for s in sequence),
                                              first=labels[0], last=labels[-1]))
        figure = pictures.add(charts, c("figures.shutdowns_caption", number=pictures.next_number))
    return {
        "intro": c("combined.exits_intro") if plans else c("combined.no_exits"),
        "figure": figure,
        "sequence": [{"quarter": c.quarter(s.quarter),
                      "systems": c.w.joined([c("combined.shutdown_item", system=p.name, date=fi_date(p.shutdown))
                                             for p in s.systems]) or c.w.dash,
                      "saving": c.w.words.money(s.saving) if s.saving else c.w.dash} for s in sequence],
        "rows": [{"name": p.name, "state": c.labels.get(f"county.systems.states.{p.state.value}"),
                  "shutdown": fi_date(p.shutdown) or c.w.dash, "lines": exit_lines(p, c),
                  "saving": _saving(p, shared, c)} for p in plans],
    }


def dependencies(scope: Scope, c: Combined) -> dict[str, Any]:
    risks = [{"line": r.line.code, "description": c.w.cell(r.risk.description), "others": ", ".join(r.others),
              "score": c.w.text(r.risk.score) or c("decision.unrated"), "fill": risk_fill(r.risk.score, c.w),
              "mitigation": c.w.cell(r.risk.mitigation)} for r in scope.cross_line_risks]
    shared = scope.shared_systems           # named once here; their lines, shutdown and its blocker: the exits chapter
    systems = c("combined.shared_systems", count=len(shared), systems=", ".join(p.name for p in shared),
                chapter=c("h.exits")) if shared else ""
    return {"intro": c("combined.dependencies_intro") if risks or systems else c("combined.no_dependencies"),
            "risks": risks, "systems": systems}


def money(scope: Scope, c: Combined) -> dict[str, Any]:
    """Costs per line with the line's other savings, the system savings counted at this level, the shared systems
    counted at a wider level (shown once, not in the total), the total and the net per year (docs/luvut.md)."""
    w, m = c.w, scope.money
    missing = w.words.not_estimated
    rows = []
    for view in scope.views:
        s = view.plan.summary
        rows.append({"name": w.words.named(view.name, view.code), "fte": w.words.number(view.total_new_fte),
                     "one_off": w.words.money(s.cost_one_off) or missing,
                     "yearly": w.words.money(s.cost_yearly) or missing,
                     "savings": w.words.money(other_saving(view)) or missing})
    blank = {"fte": "", "one_off": "", "yearly": ""}
    rows.append({**blank, "name": c("combined.money_systems", count=len(m.own_systems)),
                 "savings": w.words.money(m.system_savings.value) or w.dash})
    if m.shared_systems:
        rows.append({**blank, "name": c("combined.money_shared", systems=w.joined([p.name for p in m.shared_systems])),
                     "savings": c("combined.money_outside", value=w.words.money(m.shared_saving))})
    rows.append({"name": c("combined.total"), "fte": fi_number(scope.new_fte),
                 "one_off": w.words.money(m.one_off.value) or w.dash,
                 "yearly": w.words.money(m.yearly_cost.value) or w.dash,
                 "savings": w.words.money(m.savings) or w.dash})
    lacking = ", ".join(m.not_estimated)
    notes = [c("combined.money_net", yearly=w.words.money(m.yearly_cost.value) or w.dash,
               savings=w.words.money(m.savings) or w.dash, net=net_text(m.net, c))]
    if lacking:
        notes.append(c("combined.money_missing", lines=lacking))
    intro = " ".join([c("combined.money_intro"), staffing_text(scope.staffing, c.labels)])
    return {"intro": intro, "rows": rows, "missing": " ".join(notes)}


def net_text(net: float | None, c: Combined) -> str:
    """The net per year in words: a cost, a saving, or not estimated."""
    return c.w.words.net(net)


# --- the two documents -----------------------------------------------------------------------------------------------

def _doc(scope: Scope, c: Combined, title: str, header: str) -> dict[str, Any]:
    total = len(scope.rows)
    cover = [("organisation", scope.reference.organisation.name),
             ("lines", c("cover.lines_value", valid=len(scope.views), total=total)),
             ("compiled", fi_date(c.ctx.as_of))]
    return {"organisation": scope.reference.organisation.name, "title": title, "label": title,
            "header": c(header, organisation=scope.reference.organisation.name), "version": fi_date(c.ctx.as_of),
            "cover_fields": [{"label": c(f"cover.{k}"), "value": v} for k, v in cover], "history": [], "note": ""}


def _common(scope: Scope, c: Combined, pictures: Pictures) -> dict[str, Any]:
    return {"L": c.labels.node("word"), "lines": [line_status(row, c) for row in scope.rows],
            "decisions": decisions(scope, c), "roadmap": roadmap(scope, c, pictures),
            "exits": exits(scope, c, pictures), "dependencies": dependencies(scope, c), "money": money(scope, c),
            "risks": risk_section(scope, c.w), "B": c.labels.node("overview.bridges"), "single": single(scope, c),
            "delta": combined_delta(c.ctx, _area_code(scope)),
            "opening": opening_text(scope_opening(scope), scope.level, c.labels, scope=scope,
                                    elsewhere=scope.asked_elsewhere)}


def single(scope: Scope, c: Combined) -> str:
    """For an area of one line: where the line's own documents are (the area's plan does not repeat them)."""
    if not scope.single_line:
        return ""
    view = scope.views[0]
    return c.labels.get("overview.single.plan", line=view.name, code=view.code,
                        plan=c.labels.get("output.word_plan", code=view.code),
                        deck=c.labels.get("output.deck", code=view.code))


def _area_code(scope: Scope) -> str | None:
    """The scope's area code; None for the county."""
    return scope.code if any(area.code == scope.code for area in scope.reference.organisation.areas) else None


def line_pages(scope: Scope, c: Combined) -> list[dict[str, Any]]:
    pages = []
    for row in scope.rows:
        if not (row.valid and row.view):
            continue
        view, w = row.view, c.line_text(row.view)
        pages.append({"heading": c.w.words.named(view.name, view.code),
                      "subtitle": c.labels.get("overview.line_subtitle", late=len(view.overdue_tasks),
                                               plan=c.labels.get("output.word_plan", code=view.code),
                                               deck=c.labels.get("output.deck", code=view.code)),
                      "dl": decision_layer(view, w)})
    return pages


def area_context(scope: Scope, c: Combined, pictures: Pictures) -> dict[str, Any]:
    return {**_common(scope, c, pictures),
            "doc": _doc(scope, c, c("cover.area_title", name=scope.name), "header.area"),
            "status": {"intro": c("combined.area_intro", count=len(scope.rows), date=fi_date(c.ctx.as_of)),
                       "not_valid": not_valid(scope, c)},
            "line_pages": line_pages(scope, c)}


def render_area_plan(scope: Scope, ctx: RenderContext) -> bytes:
    c = Combined(scope, ctx)
    properties = Properties(title=c("cover.area_title", name=scope.name), subject=c("cover.area_subtitle"),
                            author=scope.reference.organisation.name, date=ctx.as_of)
    return render_docx(ctx, "area.docx", lambda pictures, _: area_context(scope, c, pictures), properties)


# --- the county --------------------------------------------------------------------------------------------------

def county_figures(scope: Scope, c: Combined) -> list[dict[str, str]]:
    """The status page's figure lines: only what the cover and the opening page do not already say (the lines'
    count is on the cover; their schedule, the asks and the money on the opening page): the new staffing need."""
    values = {"new_fte": c("combined.figure_fte", fte=fi_number(scope.staffing.new_need),
                           unfunded=fi_number(scope.staffing.unfunded))}
    return [{"label": c(f"combined.figures.{key}"), "value": value} for key, value in values.items()]


def area_rows(scope: Scope, areas: list[Scope], c: Combined) -> list[dict[str, str]]:
    rows = []
    for area in areas:
        lights = {light: len(area.lines_with(light)) for light in Light}
        one_off, yearly = area.money.one_off.value, area.money.yearly_cost.value
        costs = c("combined.area_costs", one_off=c.w.words.money(one_off) or c.w.dash,
                  yearly=c.w.words.money(yearly) or c.w.dash)
        rows.append({"name": area.name, "lines": c.w.words.count(len(area.rows)),
                     "valid": c.w.words.count(len(area.views)),
                     "lights": c("combined.area_lights", **{k.value: v for k, v in lights.items()}),
                     "waiting": c.w.words.count(len(area.asks)), "fte": fi_number(area.new_fte), "costs": costs})
    return rows


def readiness_matrix(scope: Scope, c: Combined, template) -> Any:
    """Items down, lines across: a sub-document with a table per MATRIX_LINES lines (a county of many lines
    continues in further tables, each as wide as the page)."""
    views = scope.views
    if not views:
        return None
    sub = template.new_subdoc()
    for start in range(0, len(views), MATRIX_LINES):
        if start:
            sub.add_paragraph()
        _matrix_table(sub, views[start:start + MATRIX_LINES], scope, c)
    return sub


def _matrix_table(sub, views: list, scope: Scope, c: Combined) -> None:
    table = sub.add_table(rows=1, cols=len(views) + 1)
    line_width = max(300, min(500, 7000 // len(views)))
    widths = [9638 - line_width * len(views)] + [line_width] * len(views)
    table._tbl.tblPr.style = "DigiplanTable"                    # python-docx inserts both in schema order
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Twips(width)
    marks = c.labels.node("word.combined.readiness_marks")
    colours = scope.reference.document_style.readiness
    header = [c("table.readiness_item")] + [v.code for v in views]
    fill_row(table.rows[0], header, widths, header=True)
    rows = []
    for item in scope.readiness_items:
        states = [scope.readiness(v, item) for v in views]
        rows.append(([item] + [marks[s.value] if s else "" for s in states],
                     [None] + [getattr(colours, s.value if s else "none") for s in states]))
    add_rows(table, rows, widths)


def county_context(scope: Scope, areas: list[Scope], c: Combined, pictures: Pictures, template) -> dict[str, Any]:
    common = _common(scope, c, pictures)
    common["exits"]["notices"] = notices_subdoc(scope, c, template)
    return {**common,
            "doc": _doc(scope, c, c.labels.get("overview.county_plan_title"), "header.county"),
            "status": {"intro": c("combined.county_intro", count=len(scope.rows), date=fi_date(c.ctx.as_of)),
                       "not_valid": not_valid(scope, c), "figures": county_figures(scope, c)},
            "areas": area_rows(scope, areas, c),
            "readiness": {"intro": c("combined.readiness_intro"), "legend": c("combined.readiness_legend"),
                          "matrix": readiness_matrix(scope, c, template)}}


def render_county_plan(scope: Scope, areas: list[Scope], ctx: RenderContext) -> bytes:
    c = Combined(scope, ctx)
    properties = Properties(title=c.labels.get("overview.county_plan_title"), subject=c("cover.county_subtitle"),
                            author=scope.reference.organisation.name, date=ctx.as_of)
    return render_docx(ctx, "county.docx",
                       lambda pictures, template: county_context(scope, areas, c, pictures, template), properties)

