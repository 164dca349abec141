"""Exit plans of the legacy digital-service systems across the county: pure data, no Excel.

Each line lists the systems it uses (its Järjestelmät sheet) with its decision: exit (luovutaan), keep (säilyy) or
keep partly (säilyy osittain), and for an exit a planned exit date. The county can shut a system down when every
line using it exits and the last one has left. A line that keeps the system means it is not shut down at all (never
"date missing"); a line with no decision or no exit date holds the shutdown up, and so does one whose exit comes
after its replacement is in use (a blocker). Names are matched with pipeline.systemnames.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pipeline.reference import Reference
from pipeline.schema import Status, System, SystemDecision
from pipeline.systemnames import display_name, known_system, match_key, system_group, tidy_name
from pipeline.view.county import LineEntry, used
from pipeline.view.line import LineView


class Blocker(StrEnum):
    NO_DECISION = "no_decision"
    NO_EXIT_DATE = "no_exit_date"
    AFTER_REPLACEMENT = "after_replacement"


class LineFate(StrEnum):
    """What one line does with a system."""
    EXIT = "exit"
    KEEP = "keep"
    KEEP_PARTLY = "keep_partly"
    UNDECIDED = "undecided"
    DONE = "done"


class ExitState(StrEnum):
    """How a system stands county-wide, most urgent first."""
    BLOCKED = "blocked"           # a line has not decided, or exits with no date: the shutdown cannot be dated
    DELAYED = "delayed"           # every line has a date, but one exits later than its replacement and contract
                                  # allow while its cost runs on
    SCHEDULED = "scheduled"       # every line exits with a date, none after its replacement's date
    KEPT_PARTLY = "kept_partly"   # a line keeps part of it: it stays in (reduced) use
    KEPT = "kept"                 # a line keeps it: it is not shut down
    RETIRED = "retired"           # every line has left the system


@dataclass(frozen=True)
class ExitLine:
    """One line's use of one system."""
    group: str                    # the system's match key across lines
    line: LineView
    system: System

    @property
    def done(self) -> bool:
        return self.system.status is Status.DONE

    @property
    def decision(self) -> SystemDecision | None:
        return self.system.decision

    @property
    def blocker(self) -> Blocker | None:
        """Why this line holds the shutdown up (None: it does not, or it keeps the system)."""
        exit_date = self.system.exit_date
        if self.done or self.decision in (SystemDecision.KEEP, SystemDecision.KEEP_PARTLY):
            return None
        if self.decision is None:
            return Blocker.NO_DECISION
        if exit_date is None:
            return Blocker.NO_EXIT_DATE
        if self.holds_cost:
            return Blocker.AFTER_REPLACEMENT
        return None

    @property
    def holds_cost(self) -> bool:
        """The line's exit could be earlier and its cost runs on meanwhile: it exits after its replacement is in use
        and after its contract ends (a line leaving at or before contract end is on schedule), and its share of
        the yearly cost is above zero (a system costing nothing is never delayed)."""
        system = self.system
        exit_date, replacement_date, contract_end = system.exit_date, system.replacement_date, system.contract_end
        if exit_date is None or replacement_date is None or exit_date <= replacement_date:
            return False
        if contract_end is not None and exit_date <= contract_end:
            return False
        return (system.yearly_cost or 0) > 0

    @property
    def fate(self) -> LineFate:
        """What the line does with the system."""
        if self.done:
            return LineFate.DONE
        if self.decision is SystemDecision.KEEP:
            return LineFate.KEEP
        if self.decision is SystemDecision.KEEP_PARTLY:
            return LineFate.KEEP_PARTLY
        return LineFate.EXIT if self.decision is SystemDecision.EXIT else LineFate.UNDECIDED

    @property
    def keeps(self) -> bool:
        return self.fate in (LineFate.KEEP, LineFate.KEEP_PARTLY)

    @property
    def notice_deadline(self) -> dt.date | None:
        return self.system.notice_deadline


@dataclass(frozen=True)
class SystemExit:
    """One system across the county."""
    name: str                     # the display name: the reference name in the run's language, else the lines' own
    known: bool                   # in templates/data/systems.toml
    lines: list[ExitLine]
    owner: str = ""               # the county-level owner and decider (templates/data/systems.toml)
    decider: str = ""

    def line_name(self, line: ExitLine) -> str:
        """The name LINE's documents show: the display name, with the line's own name in brackets where it differs."""
        own = tidy_name(line.system.name)
        return f"{self.name} ({own})" if own and match_key(own) != match_key(self.name) else self.name

    def agreed(self, field: str) -> str:
        """The county-level owner (FIELD "system_owner") or decider ("decider") from systems.toml, else the lines'
        entry when they all give the same one ('' when they differ: the conflict is a finding)."""
        county = self.owner if field == "system_owner" else self.decider
        if county:
            return county
        values = {match_key(v): v for u in self.lines if (v := tidy_name(getattr(u.system, field)))}
        return next(iter(values.values())) if len(values) == 1 else ""

    @property
    def shut_down(self) -> bool:
        """County-wide fate: the system goes (every using line exits or has left it)."""
        return self.state not in (ExitState.KEPT, ExitState.KEPT_PARTLY)

    @property
    def line_codes(self) -> list[str]:
        return list(dict.fromkeys(u.line.code for u in self.lines))

    def _with(self, decision: SystemDecision) -> list[ExitLine]:
        return [u for u in self.lines if u.decision is decision and not u.done]

    @property
    def keepers(self) -> list[ExitLine]:
        """The lines that keep the system (wholly, then partly)."""
        return self._with(SystemDecision.KEEP) + self._with(SystemDecision.KEEP_PARTLY)

    @property
    def blockers(self) -> list[ExitLine]:
        """The lines holding the shutdown up: undecided and undated first, then the latest exits first."""
        held = [u for u in self.lines if u.blocker is not None]
        urgency = [Blocker.NO_DECISION, Blocker.NO_EXIT_DATE, Blocker.AFTER_REPLACEMENT]
        return sorted(held, key=lambda u: (urgency.index(u.blocker or Blocker.AFTER_REPLACEMENT),
                                           -(u.system.exit_date or dt.date.min).toordinal(), u.line.code))

    @property
    def state(self) -> ExitState:
        if all(u.done for u in self.lines):
            return ExitState.RETIRED
        if self._with(SystemDecision.KEEP):
            return ExitState.KEPT
        if self._with(SystemDecision.KEEP_PARTLY):
            return ExitState.KEPT_PARTLY
        kinds = {u.blocker for u in self.lines}
        if kinds & {Blocker.NO_DECISION, Blocker.NO_EXIT_DATE}:
            return ExitState.BLOCKED
        return ExitState.DELAYED if Blocker.AFTER_REPLACEMENT in kinds else ExitState.SCHEDULED

    @property
    def shutdown(self) -> dt.date | None:
        """The date the county can shut the system down: the latest line exit, once every line exits with a date
        (None while a line keeps it, has not decided or has no date)."""
        if self.state not in (ExitState.SCHEDULED, ExitState.DELAYED, ExitState.RETIRED):
            return None
        dates = [u.system.exit_date for u in self.lines if u.system.exit_date]
        return max(dates) if dates else None

    @property
    def replacement_date(self) -> dt.date | None:
        """The latest date a replacement is in use for any of the lines."""
        dates = [u.system.replacement_date for u in self.lines if u.system.replacement_date]
        return max(dates) if dates else None

    @property
    def yearly_cost(self) -> float | None:
        """The lines' shares of the yearly cost, summed (None when no line has given one)."""
        costs = [u.system.yearly_cost for u in self.lines if u.system.yearly_cost is not None]
        return sum(costs) if costs else None

    @property
    def saving(self) -> float | None:
        """What shutting the system down saves a year: its yearly cost, once every line leaves it with a date."""
        return self.yearly_cost if self.state in (ExitState.SCHEDULED, ExitState.DELAYED) else None

    @property
    def contract_end(self) -> dt.date | None:
        """The earliest contract end of the lines leaving the system (None for a kept system: nothing ends)."""
        dates = [u.system.contract_end for u in self._leaving if u.system.contract_end]
        return min(dates) if dates else None

    @property
    def notice_deadline(self) -> dt.date | None:
        """The earliest day notice must be given for a leaving line's contract to end on its end date (None for a
        kept system: a line's separate contract is on the notices due list, not the system's row)."""
        dates = [d for u in self._leaving if (d := u.notice_deadline)]
        return min(dates) if dates else None

    @property
    def _leaving(self) -> list[ExitLine]:
        if self.state is ExitState.KEPT:
            return []
        return [u for u in self.lines if u.fate is not LineFate.KEEP and not u.done]


def exit_lines(entries: list[LineEntry], reference: Reference) -> list[ExitLine]:
    """Every (line, system) of the valid plans, in the entries' order."""
    return [ExitLine(system_group(system.name, reference), view, system)
            for view in used(entries) for system in view.plan.systems if tidy_name(system.name)]


def exit_plans(entries: list[LineEntry], reference: Reference) -> list[SystemExit]:
    """One plan per system: those held up first (undecided or undated, then delayed), then by shutdown date, then
    kept ones, then name; systems already retired last."""
    groups: dict[str, list[ExitLine]] = {}
    for line in exit_lines(entries, reference):
        groups.setdefault(line.group, []).append(line)
    plans = []
    for lines in groups.values():
        name = display_name([u.system.name for u in lines], reference)
        known = known_system(name, reference)
        plans.append(SystemExit(name, known is not None, lines, known.owner if known else "",
                                known.decider if known else ""))
    urgency = list(ExitState)
    return sorted(plans, key=lambda p: (urgency.index(p.state), p.shutdown or dt.date.max, p.name.casefold()))


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int                   # 1–4

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def following(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)


@dataclass(frozen=True)
class QuarterShutdowns:
    quarter: Quarter
    systems: list[SystemExit]

    @property
    def saving(self) -> float:
        """The yearly cost that ends with the quarter's shutdowns (systems without a cost count as 0)."""
        return sum(s.saving or 0.0 for s in self.systems)


def shutdown_sequence(plans: list[SystemExit], as_of: dt.date | None = None) -> list[QuarterShutdowns]:
    """Every quarter from the first to the last shutdown, with the systems that can be shut down in it (quarters
    with none included, so the sequence reads as a timeline); retired systems and those before AS_OF's quarter are
    left out."""
    dated = [p for p in plans if p.shutdown and p.state is not ExitState.RETIRED]
    if as_of:
        dated = [p for p in dated if p.shutdown and Quarter.of(p.shutdown) >= Quarter.of(as_of)]
    if not dated:
        return []
    first = min(Quarter.of(p.shutdown) for p in dated if p.shutdown)
    last = max(Quarter.of(p.shutdown) for p in dated if p.shutdown)
    sequence, quarter = [], first
    while quarter <= last:
        systems = sorted((p for p in dated if p.shutdown and Quarter.of(p.shutdown) == quarter),
                         key=lambda p: (p.shutdown or dt.date.max, p.name.casefold()))
        sequence.append(QuarterShutdowns(quarter, systems))
        quarter = quarter.following()
    return sequence
