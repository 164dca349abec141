"""The decision layer every Word plan opens with, for one line: key message, status lights with reasons, the
decisions asked, the top risks, the money and the next milestones (template fragment `decision_layer`).

Figures are computed from the line's data, never invented: what a line has not filled in is said in words."""
from __future__ import annotations

from typing import Any

from pipeline.formatting import fi_date
from pipeline.render.asked import elsewhere_text
from pipeline.render.word.text import WordText
from pipeline.schema import DeciderLevel, Decision, Light
from pipeline.view.line import LineView
from pipeline.view.money import other_saving, system_shares
from pipeline.words import Words, one_line


def light_fill(light: Light | None, w: WordText) -> str:
    return Words.light_colour(light, w.ctx.reference.document_style.lights)


def risk_fill(score: int | None, w: WordText) -> str:
    return Words.risk_colour(score, w.ctx.reference.reporting, w.ctx.reference.document_style.risks)


def risk_scale(w: WordText, key: str) -> str:
    levels = w.ctx.reference.reporting.risk_levels
    return w(key, high=levels.high, medium=levels.medium, medium_top=levels.high - 1)


def decider_text(decision: Decision, w: WordText) -> str:
    level = w.text(decision.decider)
    name = decision.decider_name
    if decision.decider is DeciderLevel.BODY and name:
        return name
    return w("decision.decider_named", level=level, name=name) if name and level else level or name


def decision_row(view: LineView, decision: Decision, w: WordText) -> dict[str, Any]:
    return {"decision": w.cell(decision.decision), "decider": w.cell(decider_text(decision, w)),
            "due": w.cell(decision.due), "status": w.cell(decision.status), "late": view.is_late(decision),
            "line": view.code}


def savings_text(view: LineView, w: WordText) -> str:
    """The line's typed yearly saving, split into the shares of the systems it exits (counted once where every
    using line is, docs/luvut.md) and its other savings; '' when the line has typed none."""
    typed = view.plan.summary.savings_yearly
    if typed is None:
        return ""
    shares, other = system_shares(view), other_saving(view) or 0.0
    if not shares:                                  # nothing to split: the whole saving is the line's other saving
        return w.words.money(typed)
    if not other:
        return w("decision.savings_all_systems", total=w.words.money(typed))
    return w("decision.savings_split", total=w.words.money(typed), systems=w.words.money(shares),
             other=w.words.money(other))


def money(view: LineView, w: WordText) -> list[dict[str, str]]:
    """The money as a table of one row: one-off, yearly, savings and new FTE."""
    summary, missing = view.plan.summary, w.words.not_estimated
    fte = view.total_new_fte
    rows = [("one_off", w.words.money(summary.cost_one_off) or missing),
            ("yearly", w.words.money(summary.cost_yearly) or missing),
            ("savings", savings_text(view, w) or missing),
            ("new_fte", w.words.fte(fte) if fte else w("decision.none_needed"))]
    return [dict(rows)]


def decision_layer(view: LineView, w: WordText) -> dict[str, Any]:
    summary = view.plan.summary
    return {
        "key_message": view.key_message,
        "lights": [{"dimension": w.words.dimension(s.dimension),
                    "light": w.words.light_or_unassessed(s.light), "fill": light_fill(s.light, w),
                    "reason": s.reason or w("decision.no_reason")} for s in view.lights],
        # the line's own pending asks, then what is settled; what is asked of the area and county is counted
        "decisions": [decision_row(view, d, w) for d in [*view.asks, *view.outcomes]],
        "decisions_note": " ".join(t for t in (elsewhere_text(view.asked_elsewhere, w.labels),) if t),
        "no_decisions": w("decision.no_asks") if view.plan.decisions else w("decision.no_decisions"),
        "risks": [{"description": w.cell(r.description), "score": w.text(r.score) or w("decision.unrated"),
                   "fill": risk_fill(r.score, w), "owner": w.cell(r.owner), "mitigation": w.cell(r.mitigation)}
                  for r in view.top_risks(3)],
        "risk_scale": risk_scale(w, "decision.risk_scale"),
        "money": money(view, w),
        "cost_basis": w("decision.basis", basis=one_line(summary.cost_basis))
        if summary.cost_basis.strip() else "",
        "milestones": [{"date": fi_date(m.start), "name": w.cell(m.name), "channel": w.channel(m.channel)}
                       for m in view.next_milestones(3)],
    }
