"""The opening page's (Word) and slide's (deck) words for one audience, from pipeline/view/opening.py: the verdict
sentence, the asks (late first, each with decider, date and the consequence the line wrote), net money, the top
high risks and the lines that are red or missing. Shared by the Word plans and the decks so that both say the same."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.render.asked import elsewhere_text
from pipeline.render.overview import schedule_words
from pipeline.schema import DeciderLevel, Decision
from pipeline.view.decisions import Elsewhere
from pipeline.view.opening import Opening, Verdict
from pipeline.view.scope import Scope
from pipeline.words import Words, one_line


@dataclass
class OpeningText:
    heading: str
    verdict: str
    asks_intro: str
    asks: list[str] = field(default_factory=list)
    money: str = ""
    risks_intro: str = ""
    risks: list[str] = field(default_factory=list)
    lines: str = ""
    asks_short: list[str] = field(default_factory=list)     # a slide's: without the consequence (in the notes)
    risks_short: list[str] = field(default_factory=list)    # a slide's: a missing mitigation flagged only
    money_short: str = ""
    risks_intro_short: str = ""


def _decider(decision: Decision, labels: Labels) -> str:
    level = labels.enum(decision.decider) if decision.decider else ""
    level = level[:1].lower() + level[1:]           # mid-sentence: "päättää palvelualueen johto"
    name = decision.decider_name
    if decision.decider is DeciderLevel.BODY and name:
        return name
    return f"{level} ({name})" if level and name else level or name


def _slide_decider(decision: Decision, level: DeciderLevel, labels: Labels) -> str:
    """On a slide the audience's own leadership goes unsaid (the asks' intro names it); a body or a named
    decider is said, followed by a dash."""
    if decision.decider is level and not decision.decider_name.strip():
        return ""
    return _decider(decision, labels) + " – "


def _said(text: str) -> str:
    """A typed sentence inside ours: spaces tidied, its full stop left to our sentence."""
    return one_line(text).rstrip(".")


def opening_text(opening: Opening, level: DeciderLevel, labels: Labels, *, scope: Scope | None = None,
                 elsewhere: list[Elsewhere] | None = None) -> OpeningText:
    """The opening's sentences for the audience LEVEL (SCOPE given for an area or the county)."""
    words = labels.node("overview.opening.verdict_words")
    if opening.verdict is Verdict.NOT_ASSESSED:
        verdict = labels.get("overview.opening.scope_not_assessed" if scope else "overview.opening.line_not_assessed")
    elif scope is not None:
        verdict = labels.get("overview.opening.scope_verdict", verdict=words[opening.verdict.value],
                             words=schedule_words(scope, labels))
    elif opening.reason:
        verdict = labels.get("overview.opening.line_verdict", verdict=words[opening.verdict.value],
                             reason=opening.reason)
    else:
        verdict = labels.get("overview.opening.line_verdict_no_reason", verdict=words[opening.verdict.value])

    count, late = len(opening.asks), opening.late_asks
    asks_intro = labels.get(f"overview.opening.asks.{level.value}", count=count)
    if count:
        asks_intro += labels.get("overview.opening.asks_late" if count == 1 else "overview.opening.asks_some_late",
                                 late=late)
    else:
        asks_intro = " ".join(t for t in (asks_intro, elsewhere_text(elsewhere or [], labels)) if t)
    asks = [labels.get("overview.opening.ask", late=labels.get("overview.opening.ask_late") if a.late else "",
                       line=a.line, decision=_said(a.decision.decision),
                       decider=_decider(a.decision, labels),
                       due=fi_date(a.decision.due) if a.decision.due else labels.get("overview.opening.ask_no_due"),
                       consequence=one_line(a.decision.notes)
                       or labels.get("overview.opening.ask_no_consequence")).strip()
            for a in opening.asks]
    asks_short = [labels.get("overview.opening.ask_short",
                             late=labels.get("overview.opening.ask_late") if a.late else "", line=a.line,
                             decision=_said(a.decision.decision), decider=_slide_decider(a.decision, level, labels),
                             due=fi_date(a.decision.due) if a.decision.due
                             else labels.get("overview.opening.ask_no_due"))
                  for a in opening.asks]

    m, words = opening.money, Words(labels)
    money = labels.get("overview.opening.money", one_off=words.money_or_missing(m.one_off),
                       yearly=words.money_or_missing(m.yearly_cost), savings=words.money_or_missing(m.savings),
                       net=words.net(m.net))
    money_short = labels.get("overview.opening.money_short", net=words.net(m.net),
                             one_off=words.money_or_missing(m.one_off))
    if m.net is None and m.one_off is None:
        money = money_short = labels.get("overview.opening.money_none")
    if m.not_estimated and scope is not None:
        missing = labels.get("overview.opening.money_missing", lines=", ".join(m.not_estimated))
        money, money_short = f"{money} {missing}", f"{money_short} {missing}"

    risks_intro, risks, risks_short = _risks(opening, labels)

    lines = ""
    if scope is not None:
        parts = []
        if opening.red:
            parts.append(labels.get("overview.opening.lines_red", lines=", ".join(opening.red)))
        if opening.missing:
            parts.append(labels.get("overview.opening.lines_missing", lines=", ".join(opening.missing)))
        lines = " ".join(parts) or labels.get("overview.opening.lines_none")
    return OpeningText(heading=labels.get("overview.opening.heading"), verdict=verdict, asks_intro=asks_intro,
                       asks=asks, money=money, risks_intro=risks_intro, risks=risks, lines=lines,
                       asks_short=asks_short, risks_short=risks_short, money_short=money_short,
                       risks_intro_short=labels.get("overview.opening.risks_short", count=opening.high_count,
                                                    threshold=opening.threshold, unmitigated=opening.unmitigated))


def _risks(opening: Opening, labels: Labels) -> tuple[str, list[str], list[str]]:
    total = opening.high_count
    intro = labels.get("overview.opening.risks", count=total, threshold=opening.threshold)
    if total:
        intro += labels.get("overview.opening.risk_mitigated") if total == 1 and not opening.unmitigated else \
            labels.get("overview.opening.risks_unmitigated", count=opening.unmitigated)
        intro += labels.get("overview.opening.risks_top") if len(opening.risks) > 1 else ""
    items, short = [], []
    for found in opening.risks:
        r = found.risk
        mitigation = one_line(r.mitigation)
        items.append(labels.get(
            "overview.opening.risk", line=found.line.code, description=one_line(r.description),
            score=r.score, owner=r.owner or labels.get("overview.risks.no_owner"),
            mitigation=labels.get("overview.opening.risk_mitigation", mitigation=mitigation) if mitigation
            else labels.get("overview.opening.risk_no_mitigation")))
        short.append(labels.get(
            "overview.opening.risk_short", line=found.line.code, description=one_line(r.description),
            score=r.score, owner=r.owner or labels.get("overview.risks.no_owner"),
            flag="" if mitigation else labels.get("overview.opening.risk_flag")))
    return intro, items, short
