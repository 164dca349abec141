"""The line view: one service line's plan as every renderer reads it.

Names (line, area, channels, services, systems), orderings (the guide's channel order, tasks by due date), totals
(new FTE) and quantities are computed here once, so the Word plan, the deck, the county workbook and the combined
documents say the same thing. Wording stays in each renderer: this module returns values, never sentences.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from pipeline.formatting import one_line
from pipeline.reference import Area, DecisionBodies, Reference
from pipeline.schema import (
    DeciderLevel,
    Decision,
    Goal,
    Light,
    LinePlan,
    Milestone,
    PathKind,
    Risk,
    Service,
    Task,
)
from pipeline.systemnames import canonical_system, line_display_name, tidy_name
from pipeline.view.decisions import Elsewhere, decision_level, elsewhere, is_late
from pipeline.view.phases import PhaseState, phase_state
from pipeline.view.staffing import StaffingTotals, staffing_totals

DIMENSIONS = ("overall", "schedule", "readiness", "resources", "risks")   # the status lights, in reading order


@dataclass(frozen=True)
class StatusLight:
    dimension: str               # one of DIMENSIONS
    light: Light | None          # None: not assessed
    reason: str


@dataclass(frozen=True)
class LineView:
    plan: LinePlan
    reference: Reference
    as_of: dt.date                         # the build's "today": what is overdue, the timeline's marker

    # -- who ---------------------------------------------------------------------------------------------------
    @property
    def code(self) -> str:
        return self.plan.basics.line_code.strip()

    @property
    def name(self) -> str:
        """The line's name, or its code when the name is not filled in ('' when neither is)."""
        return self.plan.basics.line_name or self.code

    @property
    def area(self) -> Area | None:
        return self.reference.area_of(self.code)

    @property
    def area_name(self) -> str:
        """The organisation's name of the line's area; the workbook's own text for a line outside it."""
        return self.area.name if self.area else self.plan.basics.area.strip()

    @property
    def version_date(self) -> dt.date:
        return self.plan.basics.version_date or self.as_of

    @property
    def bodies(self) -> DecisionBodies:
        """What a deciding body's name says about its level (pipeline/view/decisions.py)."""
        return self.reference.organisation.decision_bodies

    # -- channels and services -----------------------------------------------------------------------------------
    def channel_name(self, code: str) -> str:
        return self.reference.channel_name(code)

    @cached_property
    def channels_used(self) -> list[str]:
        """The channels that have services, in the guide's order (wave 1 first)."""
        return [c for c in self.reference.channel_order if self.plan.services_in(c)]

    @cached_property
    def waves(self) -> list[tuple[int, list[str]]]:
        """(wave, its channels with services), wave 1 first."""
        waves: dict[int, list[str]] = {}
        for code in self.channels_used:
            waves.setdefault(self.reference.wave_of(code) or 0, []).append(code)
        return sorted(waves.items())

    @cached_property
    def services_in_order(self) -> list[Service]:
        return [s for c in self.reference.channel_order for s in self.plan.services_in(c)]

    def service_name(self, service_id: str) -> str:
        """The service's name, or its ID when it has none or is unknown ('' for no ID)."""
        found = self.plan.service(service_id) if service_id else None
        return tidy_name(found.name) if found and tidy_name(found.name) else service_id.strip()

    def service_label(self, service_id: str) -> str:
        """"P01 Päivystysapu": ID and name, for tables a reader cross-references with the workbook."""
        found = self.plan.service(service_id) if service_id else None
        return f"{service_id} {tidy_name(found.name)}".strip() if found else service_id

    def system_name(self, system_id: str) -> str:
        """The system's display name (the reference name with the line's own in brackets where it differs), or
        its ID."""
        found = self.plan.system(system_id) if system_id else None
        return line_display_name(found.name, self.reference) if found and found.name.strip() else system_id

    def system_canonical_name(self, system_id: str) -> str:
        """The system's county-wide name (systems.toml) when known, else the line's tidy spelling."""
        found = self.plan.system(system_id)
        name = tidy_name(found.name) if found else system_id
        return canonical_system(name, self.reference) or name

    # -- goals, path, tasks ------------------------------------------------------------------------------------
    @cached_property
    def goals_in_order(self) -> list[Goal]:
        rank = {c: n for n, c in enumerate(self.reference.channel_order)}
        return sorted(self.plan.goals, key=lambda g: rank.get(g.channel, len(rank)))

    @cached_property
    def milestones_in_order(self) -> list[Milestone]:
        """The development path, channel by channel in the guide's order, each by start date."""
        order = {code: n for n, code in enumerate(self.reference.channel_order)}
        return sorted(self.plan.milestones, key=lambda m: (order.get(m.channel, len(order)),
                                                           m.start or dt.date.max, m.end or dt.date.max))

    def phase_state(self, milestone: Milestone) -> PhaseState:
        """MILESTONE's state on the build date (done, on hold, late, running, planned)."""
        return phase_state(milestone, self.as_of)

    def phases_in(self, state: PhaseState) -> list[Milestone]:
        """The phases (not intermediate goals) of the development path in STATE, in the path's order."""
        return [m for m in self.milestones_in_order
                if m.kind is PathKind.PHASE and self.phase_state(m) is state]

    @cached_property
    def metrics(self) -> list[Goal]:
        """The goals measured by a named metric, in the guide's channel order: what "N mittaria" counts."""
        return [g for g in self.goals_in_order if g.metric.strip()]

    @cached_property
    def charted_metrics(self) -> list[Goal]:
        """The metrics with a numeric target: what the metric charts show (a baseline may be unknown)."""
        return [g for g in self.metrics if g.target is not None]

    @cached_property
    def tasks_by_due(self) -> list[Task]:
        """Every task by due date, those without a date last (stable for equal dates)."""
        return sorted(self.plan.tasks, key=lambda t: (t.due is None, t.due or dt.date.max))

    @cached_property
    def open_tasks(self) -> list[Task]:
        return [t for t in self.tasks_by_due if t.is_open]

    @cached_property
    def overdue_tasks(self) -> list[Task]:
        return [t for t in self.tasks_by_due if t.is_overdue(self.as_of)]

    @cached_property
    def next_task(self) -> Task | None:
        """The open task due next on or after the build date (a late one is never next)."""
        return next((t for t in self.open_tasks if t.due and t.due >= self.as_of), None)

    # -- totals --------------------------------------------------------------------------------------------------
    @cached_property
    def staffing(self) -> StaffingTotals:
        """New need, transfers, within existing, unfunded and rejected htv (view.staffing)."""
        return staffing_totals(self.plan.resources)

    @property
    def total_new_fte(self) -> float:
        """The new need: new recruitment not rejected (transfers and rejected requests are not need)."""
        return self.staffing.new_need

    # -- the decision layer: what leadership decides with --------------------------------------------------------
    @property
    def key_message(self) -> str:
        return one_line(self.plan.summary.key_message)

    @cached_property
    def lights(self) -> list[StatusLight]:
        summary = self.plan.summary
        return [StatusLight(d, getattr(summary, d), one_line(getattr(summary, f"{d}_reason")))
                for d in DIMENSIONS]

    @property
    def overall(self) -> Light | None:
        return self.plan.summary.overall

    @cached_property
    def decisions_by_due(self) -> list[Decision]:
        """The decisions asked, those still waiting first, each group by the date they are needed."""
        return sorted(self.plan.decisions, key=lambda d: (not d.waiting, d.due is None, d.due or dt.date.max))

    def is_late(self, decision: Decision) -> bool:
        """Still waiting after the date it was needed by."""
        return is_late(decision, self.as_of)

    @cached_property
    def asks(self) -> list[Decision]:
        """The pending decisions asked of the line's own leadership, by the date they are needed."""
        return [d for d in self.decisions_by_due if d.waiting and decision_level(d, self.bodies) is DeciderLevel.LINE]

    @cached_property
    def outcomes(self) -> list[Decision]:
        """The decisions already decided or rejected (reported as outcomes, never asked)."""
        return [d for d in self.decisions_by_due if not d.waiting]

    @cached_property
    def asked_elsewhere(self) -> list[Elsewhere]:
        """The line's pending decisions asked at the area and county level, per level."""
        return elsewhere(self.plan.decisions, DeciderLevel.LINE, self.as_of, self.bodies)

    def top_risks(self, count: int = 3) -> list[Risk]:
        """The COUNT highest likelihood × impact risks (unrated ones last, in the workbook's order)."""
        ranked = sorted(self.plan.risks, key=lambda r: -(r.score or 0))
        return ranked[:count]

    def next_milestones(self, count: int = 3) -> list[Milestone]:
        """The next COUNT intermediate goals of the development path from the build date on (phases starting
        fill in when there are fewer goals)."""
        ahead = [m for m in self.milestones_in_order if m.start and m.start >= self.as_of]
        ordered = sorted(ahead, key=lambda m: (m.kind is not PathKind.MILESTONE, m.start or dt.date.max))
        return sorted(ordered[:count], key=lambda m: m.start or dt.date.max)

    @property
    def has_costs(self) -> bool:
        summary = self.plan.summary
        return any(v is not None for v in (summary.cost_one_off, summary.cost_yearly, summary.savings_yearly))
