"""The plan's summary: the facilitation guide's seven questions (their short headings), each answered from the line's
data, the question itself not repeated.

Each answer is a list of blocks; a block is an intro sentence and bullet items ({"lead", "text"})."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pipeline.formatting import fi_date, fi_number
from pipeline.render.context import RenderContext
from pipeline.render.word.text import WordText
from pipeline.schema import LinePlan, PathKind, Phase

Block = dict[str, Any]


def block(intro: str, items: list[tuple[str, str]] | None = None) -> Block:
    return {"intro": intro, "entries": [{"lead": lead, "text": text} for lead, text in items or []]}


def summary(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[dict[str, Any]]:
    headings = ctx.labels.node("word.summary.headings")
    answers: list[Callable[[LinePlan, RenderContext, WordText], list[Block]]] = [
        _who, _aim, _benefits, _when, _phases, _support, _metrics]
    out = []
    for heading, answer in zip(headings, answers, strict=True):
        blocks = answer(plan, ctx, w) or [block(w("summary.no_data"))]
        out.append({"heading": heading, "blocks": blocks})
    return out


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v.strip():
            seen.setdefault(v.strip(), None)
    return list(seen)


def _who(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    channels = w.view.channels_used
    if not channels:
        return []
    items = []
    for code in channels:
        services = plan.services_in(code)
        parts = []
        for phase in [*Phase, None]:
            groups = _unique([s.customer_groups for s in services if s.phase == phase])
            if groups:
                joined = w("list_separator").join(groups)
                parts.append(w("summary.phase_groups", phase=w.text(phase), groups=joined) if phase else joined)
        items.append((w.channel(code), w("list_separator").join(parts) or w.dash))
    all_groups = _unique([s.customer_groups for s in plan.services])
    intro = w("summary.who_intro", services=len(plan.services), channels=len(channels))
    if len(all_groups) == 1:
        return [block(w("summary.who_same", intro=intro, group=all_groups[0]))]
    return [block(w("summary.who_differs", intro=intro), items)]


def _aim(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    items = []
    for code in ctx.reference.channel_order:
        for goal in _unique([g.goal for g in plan.goals_in(code)]):
            items.append((w.channel(code), goal))
    return [block(w("summary.aim_intro"), items)] if items else []


def _benefits(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    """The benefits are listed once, at each service in the channel chapters: the summary says how many services
    name them and where they are."""
    ordered = w.view.services_in_order
    customers = sum(1 for s in ordered if s.customer_value.strip())
    professionals = sum(1 for s in ordered if s.professional_values.strip())
    if not customers and not professionals:
        return []
    return [block(w("summary.benefits_where", customers=customers, professionals=professionals,
                    chapter=w("h.channels"), customer_table=w("channel.customers"),
                    professional_table=w("channel.operations")))]


def _when(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    span = plan.path_span()
    blocks = []
    milestones = sorted((m for m in plan.milestones if m.kind == PathKind.MILESTONE and m.start),
                        key=lambda m: m.start or dt.date.max)
    if span:
        dates = {"start": fi_date(span[0]), "end": fi_date(span[1])}
        items = [(fi_date(m.start), w("summary.milestone_text", name=w.text(m.name), channel=w.channel(m.channel)))
                 for m in milestones]
        blocks.append(block(w("summary.when_milestones" if items else "summary.when_span", **dates), items))
    golives = sorted((s for s in plan.services if s.target_golive), key=lambda s: s.target_golive or dt.date.max)
    if golives:
        blocks.append(block(w("summary.when_golive"), [
            (fi_date(s.target_golive), w("summary.golive_text", service=w.text(s.name) or s.id,
                                         channel=w.channel(s.channel))) for s in golives]))
    return blocks


def _phases(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    phases = sorted((m for m in plan.milestones if m.kind == PathKind.PHASE),
                    key=lambda m: (m.start or dt.date.max, m.end or dt.date.max))
    items = []
    for m in phases:
        text = w("summary.phase_text", name=w.text(m.name), channel=w.channel(m.channel))
        if m.intermediate_goal.strip():
            text = w("summary.phase_goal", text=text, goal=w.text(m.intermediate_goal))
        items.append((w.span(m.start, m.end) or w.dash, text))
    return [block(w("summary.phases_intro", count=len(items)), items)] if items else []


def _support(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    """Question 6 from the line's own answer (Johdon tuki): the measures for management and line managers, and
    the tools at the top level."""
    items = [(w.joined([w.text(a) for a in s.audience]) or w.dash,
              w("summary.support_item", measure=w.text(s.measure), timing=w.text(s.timing) or w.dash,
                owner=w.text(s.owner) or w.dash))
             for s in plan.leader_support if s.measure.strip()]
    blocks = [block(w("summary.support_intro"), items)] if items else []
    tools = [w.text(s.tools) for s in plan.leader_support if s.tools.strip()]
    if tools:
        blocks.append(block(w("summary.support_tools"), [("", t) for t in dict.fromkeys(tools)]))
    if plan.resources:
        blocks.append(block(w("summary.resources_sentence", roles=len(plan.resources),
                              fte=fi_number(w.view.total_new_fte))))
    return blocks


def _metrics(plan: LinePlan, ctx: RenderContext, w: WordText) -> list[Block]:
    unknown = w("summary.unknown")
    items = []
    for g in w.view.metrics:
        text = w("summary.metric_text", baseline=w.quantity(g.baseline, g.unit) or unknown,
                 target=w.quantity(g.target, g.unit) or unknown)
        if g.target_date:
            text = w("summary.metric_deadline", text=text, date=fi_date(g.target_date))
        items.append((w("summary.metric_lead", metric=w.text(g.metric), channel=w.channel(g.channel)), text))
    open_overdue = w.view.overdue_tasks
    date = fi_date(ctx.as_of)
    state = (w("summary.follow_overdue", date=date, count=len(open_overdue)) if open_overdue
             else w("summary.follow_ok", date=date))
    blocks = [block(w("summary.metrics_intro", count=len(items)), items)] if items else []
    if plan.milestones or plan.tasks:
        blocks.append(block(w("summary.follow_up", overdue=state)))
    return blocks
