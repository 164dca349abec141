"""The Word plan's template context: plain strings, lists and dicts, in the order the template shows them."""
from __future__ import annotations

from typing import Any

from pipeline.formatting import fi_date, one_line
from pipeline.render.context import RenderContext
from pipeline.render.opening import opening_text
from pipeline.render.staffing_text import staffing_text
from pipeline.render.word.changes import line_delta
from pipeline.render.word.decision import decision_layer, risk_fill, risk_scale
from pipeline.render.word.document import Pictures
from pipeline.render.word.pictures import line_figures
from pipeline.render.word.summary import summary
from pipeline.render.word.text import WordText
from pipeline.schema import (
    DeciderLevel,
    Funding,
    Goal,
    LinePlan,
    Milestone,
    Perspective,
    Readiness,
    Resource,
    Service,
    StoryStage,
    Task,
    Workshop,
)
from pipeline.view.opening import line_opening


def build_context(plan: LinePlan, ctx: RenderContext, pictures: Pictures) -> dict[str, Any]:
    w = WordText(plan, ctx)
    return {
        "L": ctx.labels.node("word"),
        "doc": _doc(plan, ctx, w),
        "dl": decision_layer(w.view, w),
        "opening": opening_text(line_opening(w.view), DeciderLevel.LINE, ctx.labels,
                                elsewhere=w.view.asked_elsewhere),
        "delta": line_delta(ctx, w.view.code),
        "summary": summary(plan, ctx, w),
        "figures": line_figures(w, pictures),
        "channels": [_channel(plan, code, ctx, w) for code in ctx.reference.channel_order],
        "story": _grouped(plan.story, "stage", list(StoryStage), w),
        "perspectives": _grouped(plan.perspectives, "perspective", list(Perspective), w),
        "leader_support": [{"measure": w.cell(s.measure), "audience": w.cell(w.joined([w.text(a) for a in s.audience])),
                            "timing": w.cell(s.timing), "owner": w.cell(s.owner), "tools": w.cell(s.tools)}
                           for s in plan.leader_support],
        "terms": [{"professional": w.cell(t.professional), "customer": w.cell(t.customer), "notes": w.cell(t.notes)}
                  for t in plan.terms],
        "resources": _resources(plan, w),
        "tasks": _tasks(plan, ctx, w),
        "giveups": _giveups(plan, w),
        "systems": _systems(plan, w),
        "readiness": _readiness(plan, w),
        "risks": _risks(plan, w),
        "participants": w.fields([(k, getattr(plan.basics, k))
                                  for k in ("facilitator", "management", "participants", "teams_link")]),
        "workshops": [{"number": w.cell(ws.number), "name": w.cell(ws.name), "date": w.cell(ws.date),
                       "notes": w.cell(ws.notes)} for ws in _workshops(plan)],
    }


def _workshops(plan: LinePlan) -> list[Workshop]:
    return sorted(plan.workshops, key=lambda x: (x.number is None, x.number or 0))


# --- cover and document control ----------------------------------------------------------------------------------

def _held(plan: LinePlan, ctx: RenderContext, w: WordText) -> str:
    """The workshops held by the build date: '3 / 4 pidetty (20.8.2026, 3.9.2026, 17.9.2026)'."""
    held = [ws for ws in _workshops(plan) if ws.date and ws.date <= ctx.as_of]
    if not held:
        return w("cover.no_workshops_held")
    return w("cover.workshops_value", count=len(held), total=len(plan.workshops),
             dates=w.joined([fi_date(ws.date) for ws in held]))


def _doc(plan: LinePlan, ctx: RenderContext, w: WordText) -> dict[str, Any]:
    b, view = plan.basics, w.view
    name = view.name or w("cover.unnamed")
    line_value = w.words.named(name, view.code)
    cover = [("line", line_value), ("area", view.area_name), ("version", fi_date(view.version_date)),
             ("status", w.text(b.plan_status)), ("approver", b.approver.strip()),
             ("facilitator", b.facilitator.strip()), ("workshops_held", _held(plan, ctx, w)),
             ("compiled", fi_date(ctx.as_of))]
    return {
        "organisation": ctx.reference.organisation.name,
        "title": name,
        "label": line_value,
        "header": w("header.title"),
        "version": fi_date(view.version_date),
        "cover_fields": [{"label": w(f"cover.{k}"), "value": v} for k, v in cover if v],
        "history": [{"version": w.cell(h.version), "date": w.cell(h.date), "author": w.cell(h.author),
                     "changes": w.cell(h.changes)} for h in plan.history],
        "note": b.note.strip(),
    }


# --- channels ----------------------------------------------------------------------------------------------------

def _channel(plan: LinePlan, code: str, ctx: RenderContext, w: WordText) -> dict[str, Any]:
    services = plan.services_in(code)
    ids = {s.id for s in services}
    tasks = [t for t in plan.tasks if t.channel == code or (t.service and t.service in ids)]
    giveups = [g for g in plan.giveups if g.channel == code or (g.service and g.service in ids)]
    return {
        "code": code,
        "heading": w("channel.heading", name=w.channel(code), wave=ctx.reference.wave_of(code)),
        "empty": w("channel.empty"),
        "services": [_service(s, w) for s in services],
        "goals": [_goal(g, w) for g in plan.goals_in(code)],
        "tasks": [_task_line(t, w) for t in tasks],
        "giveups": [w("channel.giveup_text", item=w.text(g.item), date=fi_date(g.from_date)) if g.from_date
                    else w.text(g.item) for g in giveups],
        "path": [_path_row(m, w) for m in plan.milestones_in(code)],
    }


def _service(s: Service, w: WordText) -> dict[str, Any]:
    fields = w.fields([("use_case", s.use_case), ("description", s.description), ("main_process", s.main_process),
                       ("phase", s.phase), ("priority", s.priority), ("target_golive", s.target_golive)])
    row = {key: w.cell(getattr(s, key)) for key in (
        "customer_groups", "customer_value", "customer_changes", "customer_stays", "current_tools",
        "professionals", "professional_values", "professional_changes", "professional_stays", "constraints")}
    return {
        **row,
        "heading": w.text(s.name) or s.id,
        "name": w.cell(s.name or s.id),
        "systems": w.cell(w.joined([w.system(x) for x in s.systems])),
        "fields": fields,
    }


def _goal(g: Goal, w: WordText) -> dict[str, str]:
    data = [w("channel.goal_data_baseline", source=w.text(g.baseline_source)) if g.baseline_source.strip() else "",
            w("channel.goal_data_target", source=w.text(g.target_source)) if g.target_source.strip() else ""]
    return {
        "goal": w.cell(g.goal),
        "metric": w.cell(g.metric),
        "baseline": w.quantity(g.baseline, g.unit) or w.dash,
        "target": w.quantity(g.target, g.unit) or w.dash,
        "target_date": w.cell(g.target_date),
        "data": "\n".join(d for d in data if d) or w.dash,
    }


def _task_line(t: Task, w: WordText) -> str:
    details = w.joined([w.text(t.owner), fi_date(t.due)])
    return w("channel.task_text", item=w.text(t.item), details=details) if details else w.text(t.item)


def _path_row(m: Milestone, w: WordText) -> dict[str, str]:
    return {"name": w.cell(m.name), "kind": w.cell(m.kind), "when": w.span(m.start, m.end) or w.dash,
            "intermediate_goal": w.cell(m.intermediate_goal), "owner": w.cell(m.owner), "status": w.cell(m.status)}


# --- change, resourcing ------------------------------------------------------------------------------------------

def _grouped(items: list, attr: str, order: list, w: WordText) -> list[dict[str, Any]]:
    """Story or perspective notes under their stage's name, in the guide's order; empty stages left out."""
    groups = []
    for member in [*order, None]:
        texts = [w.text(i.text) for i in items if getattr(i, attr) == member and w.text(i.text)]
        if texts:
            groups.append({"heading": w.text(member) if member else w.dash, "entries": texts})
    return groups


def _resources(plan: LinePlan, w: WordText) -> dict[str, Any]:
    rows = [{"service": w.cell(w.service(r.service)), "role": w.cell(r.role), "competence": w.cell(r.competence),
             "people": w.cell(r.people), "new_fte": w.cell(_fte_met(r, w)), "notes": w.cell(r.notes)}
            for r in plan.resources]
    return {"rows": rows, "total": staffing_text(w.view.staffing, w.labels)}


def _fte_met(row: Resource, w: WordText) -> str:
    """'4 htv' over how the need is met and its funding ('Siirto muista tehtävistä', 'Uusi rekrytointi · Esitetty')."""
    fte = w.words.fte(row.new_fte)
    decision = one_line(row.funding_decision)
    funding = ""
    if row.funding not in (None, Funding.NOT_NEEDED):
        funding = w("change.resources_funding" if decision else "change.resources_funding_only",
                    funding=w.text(row.funding).lower(), decision=decision)
    return "\n".join(t for t in (fte, w.text(row.staffing), funding) if t)


# --- implementation ----------------------------------------------------------------------------------------------

def _concerns(channel: str, service: str, w: WordText) -> str:
    return w.cell(w.joined([w.channel(channel) if channel else "", w.service(service)]))


def _tasks(plan: LinePlan, ctx: RenderContext, w: WordText) -> dict[str, Any]:
    tasks = w.view.tasks_by_due
    overdue = w.view.overdue_tasks
    open_count = len(w.view.open_tasks)
    date = fi_date(ctx.as_of)
    counts = {"total": len(tasks), "open": open_count, "date": date, "count": len(overdue)}
    return {
        "summary": w("tasks.summary_overdue" if overdue else "tasks.summary_ok", **counts),
        "rows": [{"item": w.cell(t.item), "kind": w.cell(t.kind), "concerns": _concerns(t.channel, t.service, w),
                  "owner": w.cell(t.owner), "due": w.cell(t.due), "status": w.cell(t.status),
                  "overdue": t.is_overdue(ctx.as_of)} for t in tasks],
    }


def _giveups(plan: LinePlan, w: WordText) -> list[dict[str, str]]:
    return [{"item": w.cell(g.item), "concerns": _concerns(g.channel, g.service, w),
             "system": w.cell(w.system(g.system)), "from_date": w.cell(g.from_date), "owner": w.cell(g.owner)}
            for g in plan.giveups]


def _systems(plan: LinePlan, w: WordText) -> list[dict[str, Any]]:
    out = []
    for s in plan.systems:
        channels = w.joined([w.channel(c) for c in s.channels])
        fields = w.fields([("decision", s.decision), ("keeps", s.keeps), ("purpose", s.purpose),
                           ("channels", channels), ("coverage", s.coverage), ("regions", s.regions),
                           ("replacement", s.replacement), ("replacement_date", s.replacement_date),
                           ("exit_date", s.exit_date), ("exit_actions", s.exit_actions),
                           ("contract_end", s.contract_end), ("notice_months", s.notice_months),
                           ("yearly_cost", s.yearly_cost), ("archiving", s.archiving), ("retention", s.retention),
                           ("system_owner", s.system_owner), ("decider", s.decider),
                           ("dependencies", s.dependencies), ("owner", s.owner), ("status", s.status)])
        name = (w.system(s.id) if s.id and s.name.strip() else w.text(s.name)) or s.id
        out.append({"name": w.cell(name), "heading": name, "decision": w.cell(s.decision),
                    "replacement": w.cell(s.replacement), "exit_date": w.cell(s.exit_date),
                    "status": w.cell(s.status), "fields": fields})
    return out


def _readiness(plan: LinePlan, w: WordText) -> dict[str, Any]:
    parts = [w(f"readiness.parts.{r.value}", count=n) for r in Readiness
             if (n := sum(1 for i in plan.readiness if i.status == r))]
    listed = w("readiness.and").join([w.joined(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    return {
        "summary": w("readiness.summary", total=len(plan.readiness), parts=listed) if parts else "",
        "rows": [{"item": w.cell(w.ctx.reference.checklist_name(i.item)),
                  "status": w.text(i.status) or w("readiness.no_status"),
                  "fill": getattr(w.ctx.reference.document_style.readiness, i.status.value if i.status else "none"),
                  "notes": w.cell(i.notes)} for i in plan.readiness],
    }


def _risks(plan: LinePlan, w: WordText) -> dict[str, Any]:
    """Every risk, highest likelihood × impact first, the score coloured by its level; the scale said once."""
    return {"scale": risk_scale(w, "risks.scale"),
            "rows": [{"kind": w.cell(r.kind), "description": w.cell(r.description), "likelihood": w.cell(r.likelihood),
                      "impact": w.cell(r.impact), "score": w.text(r.score) or w("decision.unrated"),
                      "fill": risk_fill(r.score, w), "mitigation": w.cell(r.mitigation), "owner": w.cell(r.owner)}
                     for r in w.view.top_risks(len(plan.risks))]}
