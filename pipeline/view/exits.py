"""Exit plans of the legacy digital-service systems across the county: pure data, no Excel.

Each line lists the systems it uses (its Järjestelmät sheet) with a planned exit date. The county can shut a system
down when the last line using it has left it; a line with no exit date, or whose exit comes after the date its
replacement is in use, holds the shutdown up (a blocker). Names are matched with pipeline.systemnames.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pipeline.reference import Reference
from pipeline.schema import Status, System
from pipeline.systemnames import canonical_system, display_name, system_group, tidy_name
from pipeline.view.county import LineEntry, used
from pipeline.view.line import LineView


class Blocker(StrEnum):
    NO_EXIT_DATE = "no_exit_date"
    AFTER_REPLACEMENT = "after_replacement"


class ExitState(StrEnum):
    BLOCKED = "blocked"           # a line has no exit date: the shutdown date cannot be told
    DELAYED = "delayed"           # every line has a date, but some exit after their replacement is in use
    SCHEDULED = "scheduled"       # every line has an exit date, none after its replacement's date
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
    def blocker(self) -> Blocker | None:
        exit_date, replacement_date = self.system.exit_date, self.system.replacement_date
        if self.done:
            return None
        if exit_date is None:
            return Blocker.NO_EXIT_DATE
        if replacement_date is not None and exit_date > replacement_date:
            return Blocker.AFTER_REPLACEMENT
        return None


@dataclass(frozen=True)
class SystemExit:
    """One system across the county."""
    name: str
    known: bool                   # in templates/data/systems.toml
    lines: list[ExitLine]

    @property
    def line_codes(self) -> list[str]:
        return list(dict.fromkeys(u.line.code for u in self.lines))

    @property
    def blockers(self) -> list[ExitLine]:
        """The lines holding the shutdown up: no exit date first, then the latest exits first."""
        held = [u for u in self.lines if u.blocker is not None]
        return sorted(held, key=lambda u: (u.blocker is not Blocker.NO_EXIT_DATE,
                                           -(u.system.exit_date or dt.date.min).toordinal(), u.line.code))

    @property
    def shutdown(self) -> dt.date | None:
        """The date the county can shut the system down: the latest line exit; None while a line has no date."""
        pending = [u for u in self.lines if not (u.done and u.system.exit_date is None)]
        if any(u.system.exit_date is None for u in pending):
            return None
        dates = [u.system.exit_date for u in pending if u.system.exit_date]
        return max(dates) if dates else None

    @property
    def state(self) -> ExitState:
        if all(u.done for u in self.lines):
            return ExitState.RETIRED
        kinds = {u.blocker for u in self.lines}
        if Blocker.NO_EXIT_DATE in kinds:
            return ExitState.BLOCKED
        return ExitState.DELAYED if Blocker.AFTER_REPLACEMENT in kinds else ExitState.SCHEDULED

    @property
    def replacements(self) -> list[str]:
        return sorted({tidy_name(u.system.replacement) for u in self.lines if tidy_name(u.system.replacement)})

    @property
    def replacement_date(self) -> dt.date | None:
        """The latest date a replacement is in use for any of the lines."""
        dates = [u.system.replacement_date for u in self.lines if u.system.replacement_date]
        return max(dates) if dates else None


def exit_lines(entries: list[LineEntry], reference: Reference) -> list[ExitLine]:
    """Every (line, system) of the valid plans, in the entries' order."""
    return [ExitLine(system_group(system.name, reference), view, system)
            for view in used(entries) for system in view.plan.systems if tidy_name(system.name)]


def exit_plans(entries: list[LineEntry], reference: Reference) -> list[SystemExit]:
    """One plan per system: those held up first (no exit date, then delayed), then by shutdown date, then name;
    systems already retired last."""
    groups: dict[str, list[ExitLine]] = {}
    for line in exit_lines(entries, reference):
        groups.setdefault(line.group, []).append(line)
    plans = []
    for lines in groups.values():
        name = display_name([u.system.name for u in lines], reference)
        plans.append(SystemExit(name, canonical_system(name, reference) is not None, lines))
    urgency = [ExitState.BLOCKED, ExitState.DELAYED, ExitState.SCHEDULED, ExitState.RETIRED]
    return sorted(plans, key=lambda p: (urgency.index(p.state), p.shutdown or dt.date.max, p.name.casefold()))
