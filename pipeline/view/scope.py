"""The combined view: a service area's lines, or the whole county's, as the area and county plans read them.

The guide combines the lines' plans into area plans and one county-wide plan (*HVA yhteinen
käyttöönottosuunnitelma*). A Scope holds the lines of an area (or of the county) as the county workbook lists them
— valid, invalid, unreadable or missing, never dropped — and computes from the valid plans only what leadership
decides with: status per line, the decisions asked, go-lives per quarter, the legacy systems exited, resources and
costs, risks and dependencies that cross lines, and the readiness checklist. Values only; wording is the renderers'.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.reference import Reference
from pipeline.schema import DeciderLevel, Decision, Light, Readiness, Risk, Service
from pipeline.view.county import LineEntry, LineState
from pipeline.view.decisions import Elsewhere, decision_level, elsewhere, next_due
from pipeline.view.exit_findings import Finding, NoticeDue, findings, notices_due
from pipeline.view.exits import Quarter, QuarterShutdowns, SystemExit, exit_plans, shutdown_sequence
from pipeline.view.line import LineView
from pipeline.view.money import Money, money_of
from pipeline.view.staffing import StaffingTotals, sum_staffing


@dataclass(frozen=True)
class LineRow:
    """One line of the scope as its status table shows it."""
    entry: LineEntry

    @property
    def view(self) -> LineView | None:
        return self.entry.view

    @property
    def valid(self) -> bool:
        return self.entry.state is LineState.VALID and self.entry.view is not None

    @property
    def name(self) -> str:
        return self.view.name if self.view else self.entry.name or self.entry.code


@dataclass(frozen=True)
class AskedDecision:
    line: LineView
    decision: Decision

    @property
    def late(self) -> bool:
        return self.line.is_late(self.decision)

    @property
    def level(self) -> DeciderLevel:
        return decision_level(self.decision, self.line.bodies)


@dataclass(frozen=True)
class LineRisk:
    line: LineView
    risk: Risk
    others: tuple[str, ...] = ()          # the other lines it names (codes)


@dataclass(frozen=True)
class GoLive:
    line: LineView
    service: Service

    @property
    def quarter(self) -> Quarter:
        assert self.service.target_golive is not None
        return Quarter.of(self.service.target_golive)


@dataclass
class Scope:
    """An area (code and name of templates/data/organisation.toml) or the county (the organisation's short name)."""
    code: str
    name: str
    entries: list[LineEntry]                       # every listed line, duplicates (older workbooks) left out
    reference: Reference
    as_of: dt.date
    all_entries: list[LineEntry] = field(default_factory=list)   # the county's entries, for the exit plans
    level: DeciderLevel = DeciderLevel.AREA        # the audience: whose decisions this scope's documents ask

    # -- the lines ---------------------------------------------------------------------------------------------
    @cached_property
    def rows(self) -> list[LineRow]:
        return [LineRow(e) for e in self.entries]

    @cached_property
    def views(self) -> list[LineView]:
        return [row.view for row in self.rows if row.valid and row.view]

    @cached_property
    def not_valid(self) -> list[LineRow]:
        """The lines whose plan is not in the figures: missing, unreadable or invalid workbooks."""
        return [row for row in self.rows if not row.valid]

    def lines_with(self, light: Light, dimension: str = "overall") -> list[LineView]:
        return [v for v in self.views if getattr(v.plan.summary, dimension) is light]

    @cached_property
    def complete(self) -> list[LineRow]:
        """Valid lines whose completeness reaches the threshold of templates/data/reporting.toml."""
        threshold = self.reference.reporting.complete_at / 100
        return [row for row in self.rows if row.valid and (row.entry.overall or 0) >= threshold]

    # -- decisions -------------------------------------------------------------------------------------------------
    @cached_property
    def decisions(self) -> list[AskedDecision]:
        """Every decision the lines ask, still waiting first, then by the date needed, the decider and the line."""
        asked = [AskedDecision(v, d) for v in self.views for d in v.plan.decisions]
        return sorted(asked, key=lambda a: (not a.decision.waiting, a.decision.due is None,
                                            a.decision.due or dt.date.max, _decider_rank(a.decision), a.line.code))

    @cached_property
    def waiting(self) -> list[AskedDecision]:
        """The decisions still waiting, in the order of `decisions`."""
        return [a for a in self.decisions if a.decision.waiting]

    @cached_property
    def asks(self) -> list[AskedDecision]:
        """The pending decisions asked of this scope's own level (area or county), in the order of `decisions`."""
        return [a for a in self.waiting if a.level is self.level]

    @property
    def late_asks(self) -> int:
        return sum(a.late for a in self.asks)

    @cached_property
    def asked_elsewhere(self) -> list[Elsewhere]:
        """The lines' pending decisions asked at the other levels, per level (narrowest first)."""
        return elsewhere([a.decision for a in self.decisions], self.level, self.as_of,
                         self.reference.organisation.decision_bodies)

    @cached_property
    def outcomes(self) -> list[AskedDecision]:
        """The decisions of this scope's level already decided or rejected."""
        return [a for a in self.decisions if not a.decision.waiting and a.level is self.level]

    @cached_property
    def next_due(self) -> dt.date | None:
        """The next needed-by date of this scope's asks (never a past date)."""
        return next_due([a.decision for a in self.asks], self.as_of)

    # -- go-lives and the roadmap --------------------------------------------------------------------------------
    @cached_property
    def golives(self) -> list[GoLive]:
        found = [GoLive(v, s) for v in self.views for s in v.services_in_order if s.target_golive]
        return sorted(found, key=lambda g: (g.service.target_golive or dt.date.max, g.line.code))

    def golives_by_quarter(self) -> dict[tuple[str, Quarter], list[GoLive]]:
        """(channel code, quarter) → the go-lives there; channels in the guide's order."""
        grouped: dict[tuple[str, Quarter], list[GoLive]] = {}
        for golive in self.golives:
            grouped.setdefault((golive.service.channel, golive.quarter), []).append(golive)
        return grouped

    @cached_property
    def quarters(self) -> list[Quarter]:
        """Every quarter from the first to the last go-live."""
        if not self.golives:
            return []
        first, last = self.golives[0].quarter, max(g.quarter for g in self.golives)
        out = [first]
        while out[-1] < last:
            out.append(out[-1].following())
        return out

    # -- legacy systems -------------------------------------------------------------------------------------------
    @cached_property
    def exits(self) -> list[SystemExit]:
        """The county-wide exit plan of every system a line of this scope uses (a system's shutdown depends on every
        line using it, in any area)."""
        codes = {v.code for v in self.views}
        plans = exit_plans(self.all_entries or self.entries, self.reference)
        return [p for p in plans if codes & set(p.line_codes)]

    def shutdowns(self) -> list[QuarterShutdowns]:
        return shutdown_sequence(self.exits, self.as_of)

    # -- resources and costs -------------------------------------------------------------------------------------
    @property
    def new_fte(self) -> float:
        return self.staffing.new_need

    @cached_property
    def staffing(self) -> StaffingTotals:
        """The lines' staffing summed: new need, transfers, within existing, unfunded, rejected."""
        return sum_staffing(v.staffing for v in self.views)

    @cached_property
    def money(self) -> Money:
        """One-off and yearly cost, system savings counted once at this level, other savings and net per year."""
        return money_of(self.views, self.exits)

    @cached_property
    def notices_due(self) -> list[NoticeDue]:
        """The notices due within 12 months of the as-of date (overdue first) for the systems of this scope."""
        return notices_due(self.exits, self.as_of)

    @cached_property
    def findings(self) -> list[Finding]:
        """Conflicts and gaps in the exit plans of the systems of this scope."""
        return findings(self.exits, self.reference)

    # -- risks and dependencies that cross lines ---------------------------------------------------------------
    @cached_property
    def cross_line_risks(self) -> list[LineRisk]:
        """Risks and dependencies that name another line (by code or name), highest score first."""
        found = []
        for view in self.views:
            for risk in view.plan.risks:
                others = self._named_lines(f"{risk.description} {risk.mitigation}", view.code)
                if others:
                    found.append(LineRisk(view, risk, others))
        return sorted(found, key=lambda r: (-(r.risk.score or 0), r.line.code))

    @property
    def single_line(self) -> bool:
        """An area of one line with a valid plan: its documents are a short cover pointing to the line's own."""
        return len(self.rows) == 1 and len(self.views) == 1

    @cached_property
    def schedule_counts(self) -> dict[str, int]:
        """How many lines are on schedule (green), at risk (yellow) and late (red) by their schedule light, and how
        many have no valid plan ("missing")."""
        return {"green": len(self.lines_with(Light.GREEN, "schedule")),
                "yellow": len(self.lines_with(Light.YELLOW, "schedule")),
                "red": len(self.lines_with(Light.RED, "schedule")), "missing": len(self.not_valid)}

    @cached_property
    def high_risks(self) -> list[LineRisk]:
        """Every risk of the lines scored at least the high level (templates/data/reporting.toml), highest first."""
        high = self.reference.reporting.risk_levels.high
        found = [LineRisk(v, r) for v in self.views for r in v.plan.risks if (r.score or 0) >= high]
        return sorted(found, key=lambda r: (-(r.risk.score or 0), r.line.code, r.risk.description))

    @property
    def unmitigated_risks(self) -> list[LineRisk]:
        """The high risks with no mitigation written."""
        return [r for r in self.high_risks if not r.risk.mitigation.strip()]

    @cached_property
    def _line_names(self) -> dict[str, str]:
        """Every line's code → its name ("" when unknown), the organisation's lines first."""
        names = {code: "" for code in self.reference.line_codes}
        for entry in self.all_entries or self.entries:
            if entry.view and entry.view.plan.basics.line_name.strip():
                names[entry.code] = entry.view.plan.basics.line_name.strip()
        return names

    @cached_property
    def _code_pattern(self) -> re.Pattern[str]:
        """Any line code standing alone (not inside a longer word or code); one search a text, not one a line."""
        codes = sorted((code for code in self._line_names if code), key=lambda c: (-len(c), c))
        return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(c) for c in codes) or '(?!)'})(?![\w-])")

    @cached_property
    def _folded_names(self) -> list[tuple[str, str]]:
        """Every line's code and its name casefolded, in `_line_names`' order ("" for a name too short to be
        looked for in a text: six characters or fewer)."""
        return [(code, name.casefold() if len(name) > 6 else "") for code, name in self._line_names.items()]

    def _named_lines(self, text: str, own: str) -> tuple[str, ...]:
        mentioned = set(self._code_pattern.findall(text))
        folded = text.casefold()
        return tuple(code for code, name in self._folded_names
                     if code != own and (code in mentioned or (name and name in folded)))

    @cached_property
    def shared_systems(self) -> list[SystemExit]:
        """Systems that several lines use and the county shuts down: their shutdown ties those lines together (a
        system a line keeps is not shut down, so it ties nobody)."""
        return [p for p in self.exits if len(p.line_codes) > 1 and p.shut_down]

    # -- readiness -------------------------------------------------------------------------------------------------
    @cached_property
    def readiness_items(self) -> list[str]:
        """The checklist items in the reference order, then any a line added."""
        items = dict.fromkeys(self.reference.readiness_items)
        for states in self._readiness_states.values():
            items.update(dict.fromkeys(states))
        return list(items)

    def readiness(self, view: LineView, item: str) -> Readiness | None:
        return self._readiness_states[id(view)].get(item)

    @cached_property
    def _readiness_states(self) -> dict[int, dict[str, Readiness | None]]:
        """Each view's (by id) checklist: item named as shown → the state of its first row naming it. Built once, so
        a county's items × lines matrix is a lookup per cell, not a scan of the line's checklist."""
        names: dict[str, str] = {}
        states: dict[int, dict[str, Readiness | None]] = {}
        for view in self.views:
            own = states[id(view)] = {}
            for row in view.plan.readiness:
                if row.item not in names:
                    names[row.item] = self.reference.checklist_name(row.item)
                own.setdefault(names[row.item], row.status)
        return states


def _decider_rank(decision: Decision) -> int:
    levels = ["county", "body", "area", "line"]
    return levels.index(decision.decider.value) if decision.decider else len(levels)


def area_scopes(entries: list[LineEntry], reference: Reference, as_of: dt.date) -> list[Scope]:
    """One scope per service area of the organisation, in its order (duplicate workbooks left out)."""
    listed = [e for e in entries if e.state is not LineState.DUPLICATE]
    return [Scope(a.code, a.name, [e for e in listed if e.area_code == a.code], reference, as_of, entries)
            for a in reference.organisation.areas]


def county_scope(entries: list[LineEntry], reference: Reference, as_of: dt.date) -> Scope:
    listed = [e for e in entries if e.state is not LineState.DUPLICATE]
    organisation = reference.organisation
    return Scope(organisation.short_name, organisation.name, listed, reference, as_of, entries,
                 DeciderLevel.COUNTY)
