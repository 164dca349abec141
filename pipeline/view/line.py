"""The line view: one service line's plan as every renderer reads it.

Names (line, area, channels, services, systems), orderings (the guide's channel order, tasks by due date), totals
(new FTE) and quantities are computed here once, so the Word plan, the deck, the county workbook and the combined
documents say the same thing. Wording stays in each renderer: this module returns values, never sentences.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from pipeline.reference import Area, Reference
from pipeline.schema import Goal, LinePlan, Milestone, Service, Task
from pipeline.systemnames import canonical_system, tidy_name


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
        return " ".join(self.plan.basics.line_name.split()) or self.code

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
        """The system's name as the line wrote it, or its ID."""
        found = self.plan.system(system_id) if system_id else None
        return found.name if found and found.name else system_id

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

    # -- totals --------------------------------------------------------------------------------------------------
    @cached_property
    def total_new_fte(self) -> float:
        return sum(r.new_fte or 0.0 for r in self.plan.resources)
