"""The opening page's facts for one audience (a line's leadership, an area, the county): the verdict with its
reason, the decisions asked of this audience late first, the net money, the top high risks and the lines that are
red or missing. Renderers only choose words and places for them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from pipeline.formatting import one_line
from pipeline.schema import Decision, Light, Risk
from pipeline.view.line import LineView
from pipeline.view.money import Amount, net_of, not_estimated
from pipeline.view.scope import LineRisk, LineRow, Scope

TOP_RISKS = 3


class Verdict(Enum):
    """The executive's words for the schedule light: aikataulussa / riskissä / myöhässä."""
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LATE = "late"
    NOT_ASSESSED = "not_assessed"


VERDICT_OF_LIGHT = {Light.GREEN: Verdict.ON_TRACK, Light.YELLOW: Verdict.AT_RISK, Light.RED: Verdict.LATE}


@dataclass(frozen=True)
class Ask:
    """A pending decision asked of this audience."""
    line: str                       # the asking line's code
    decision: Decision
    late: bool


@dataclass(frozen=True)
class NetMoney:
    one_off: float | None
    yearly_cost: float | None
    savings: float | None
    net: float | None               # yearly cost − yearly savings (None while the yearly cost is not given)
    not_estimated: tuple[str, ...]  # line codes that have not estimated their costs


@dataclass(frozen=True)
class Opening:
    verdict: Verdict
    reason: str                     # the line's typed reason (line level); '' for a scope (its counts are the reason)
    asks: tuple[Ask, ...]           # late first, then by the date needed
    money: NetMoney
    risks: tuple[LineRisk, ...]     # at most three, scored at least the high level, highest first
    unmitigated: int                # high risks without a mitigation (all of them, not only the top three)
    high_count: int                 # every high risk (the top three are shown)
    threshold: int                  # the high level's lowest score (templates/data/reporting.toml)
    red: tuple[str, ...] = ()       # line codes whose schedule light is red (scope level)
    missing: tuple[str, ...] = ()   # lines without a valid plan (code, or file name when there is no code)

    @property
    def late_asks(self) -> int:
        return sum(1 for a in self.asks if a.late)


def red_reason(view: LineView) -> str:
    """The reason the line gave for a red light: its schedule's, else its overall status's ('' when neither is
    red)."""
    summary = view.plan.summary
    for light, reason in ((summary.schedule, summary.schedule_reason), (summary.overall, summary.overall_reason)):
        if light is Light.RED:
            return one_line(reason)
    return ""


def _late_first(asks: list[Ask]) -> tuple[Ask, ...]:
    return tuple(sorted(asks, key=lambda a: (not a.late, a.decision.due or dt.date.max, a.line)))


def line_opening(view: LineView) -> Opening:
    summary = view.plan.summary
    verdict = VERDICT_OF_LIGHT.get(summary.schedule, Verdict.NOT_ASSESSED) if summary.schedule else \
        Verdict.NOT_ASSESSED
    high = view.reference.reporting.risk_levels.high
    risks = [LineRisk(view, r) for r in _ranked(view.plan.risks) if (r.score or 0) >= high]
    # a line's own document counts its whole typed saving (its systems' shares with the rest), as its plan does;
    # net and "not estimated" by the same rules as an area's or the county's (view/money.py)
    one_off, yearly = Amount.of_lines([view], "cost_one_off"), Amount.of_lines([view], "cost_yearly")
    savings = summary.savings_yearly
    money = NetMoney(one_off.value, yearly.value, savings, net_of(yearly.value, savings),
                     not_estimated(one_off, yearly))
    return Opening(verdict=verdict, reason=one_line(summary.schedule_reason),
                   asks=_late_first([Ask(view.code, d, view.is_late(d)) for d in view.asks]), money=money,
                   risks=tuple(risks[:TOP_RISKS]),
                   unmitigated=sum(1 for r in risks if not r.risk.mitigation.strip()), high_count=len(risks),
                   threshold=high)


def _ranked(risks: list[Risk]) -> list[Risk]:
    return sorted(risks, key=lambda r: -(r.score or 0))


def scope_verdict(scope: Scope) -> Verdict:
    """Late when a line is red or has no valid plan, at risk when one is yellow, on track when every line is green;
    not assessed when no line has a schedule light."""
    counts = scope.schedule_counts
    if counts["red"] or counts["missing"]:
        return Verdict.LATE
    if counts["yellow"]:
        return Verdict.AT_RISK
    return Verdict.ON_TRACK if counts["green"] else Verdict.NOT_ASSESSED


def _missing_name(row: LineRow) -> str:
    return row.entry.code or row.entry.file or row.name


def scope_opening(scope: Scope) -> Opening:
    m = scope.money
    money = NetMoney(m.one_off.value, m.yearly_cost.value, m.savings, m.net, tuple(m.not_estimated))
    return Opening(verdict=scope_verdict(scope), reason="",
                   asks=_late_first([Ask(a.line.code, a.decision, a.late) for a in scope.asks]), money=money,
                   risks=tuple(scope.high_risks[:TOP_RISKS]), unmitigated=len(scope.unmitigated_risks),
                   high_count=len(scope.high_risks), threshold=scope.reference.reporting.risk_levels.high,
                   red=tuple(v.code for v in scope.lines_with(Light.RED, "schedule")),
                   missing=tuple(_missing_name(row) for row in scope.not_valid))
