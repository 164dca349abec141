"""The county workbook's figures, computed from the read workbooks: pure data, no Excel.

Every workbook read is accounted for: a valid one gives figures, an invalid or unreadable one is listed with its
error count, a line of the organisation with no workbook is listed as missing. Only valid plans feed the figures.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.intake.result import IntakeResult
from pipeline.reference import Reference
from pipeline.schema import LinePlan, Status
from pipeline.view.line import LineView
from pipeline.view.staffing import StaffingTotals, sum_staffing


class LineState(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    UNREADABLE = "unreadable"
    MISSING = "missing"
    DUPLICATE = "duplicate"     # not used: a newer workbook of the same line is used instead


@dataclass(frozen=True)
class Figures:
    """Counts of one line, an area or the county (sums of the lines)."""
    services: dict[str, int]                 # channel code → services, every reference channel present
    first: dt.date | None = None             # first development-path date
    last: dt.date | None = None              # last development-path date
    open_tasks: int = 0
    overdue_tasks: int = 0
    systems_to_exit: int = 0
    new_fte: float = 0.0
    staffing: StaffingTotals = StaffingTotals()

    @property
    def total_services(self) -> int:
        return sum(self.services.values())

    def wave(self, reference: Reference, wave: int) -> int:
        return sum(n for code, n in self.services.items() if reference.wave_of(code) == wave)


def line_figures(view: LineView) -> Figures:
    plan = view.plan
    span = plan.path_span()
    return Figures(
        services={code: len(plan.services_in(code)) for code in view.reference.channel_order},
        first=span[0] if span else None,
        last=span[1] if span else None,
        open_tasks=len(view.open_tasks),
        overdue_tasks=len(view.overdue_tasks),
        systems_to_exit=sum(1 for s in plan.systems if s.status is not Status.DONE),
        new_fte=view.total_new_fte,
        staffing=view.staffing,
    )


def combine(figures: list[Figures], reference: Reference) -> Figures:
    """The sum of FIGURES (earliest first date, latest last date)."""
    firsts = [f.first for f in figures if f.first]
    lasts = [f.last for f in figures if f.last]
    return Figures(
        services={code: sum(f.services.get(code, 0) for f in figures) for code in reference.channel_order},
        first=min(firsts) if firsts else None,
        last=max(lasts) if lasts else None,
        open_tasks=sum(f.open_tasks for f in figures),
        overdue_tasks=sum(f.overdue_tasks for f in figures),
        systems_to_exit=sum(f.systems_to_exit for f in figures),
        new_fte=sum(f.new_fte for f in figures),
        staffing=sum_staffing(f.staffing for f in figures),
    )


@dataclass(frozen=True)
class LineEntry:
    """One row of the summary: a workbook read, or a line of the organisation without one."""
    area_code: str                           # "" when the line is not in the organisation
    area_name: str
    code: str                                # "" when it could not be told
    name: str
    file: str
    state: LineState
    errors: int = 0
    warnings: int = 0
    completeness: dict[str, float | None] = field(default_factory=dict)   # sheet key → filled / expected;
                                                                           # None: an optional sheet not filled
    overall: float | None = None
    plan: LinePlan | None = None             # only for VALID entries
    view: LineView | None = None             # only for VALID entries
    figures: Figures | None = None           # only for VALID entries


def result_line_code(result: IntakeResult, reference: Reference) -> str:
    """The line a workbook belongs to: its basics, else a line code found in the file name (NAO_v2.xlsx)."""
    written = (result.plan.basics.line_code if result.plan else "").strip()
    if written:
        return written.upper() if written.upper() in reference.line_codes else written
    return reference.line_code_in_name(result.path)


def _state(result: IntakeResult) -> LineState:
    if result.plan is None:
        return LineState.UNREADABLE
    return LineState.VALID if result.valid else LineState.INVALID


def _entry(result: IntakeResult, code: str, state: LineState, reference: Reference, as_of: dt.date) -> LineEntry:
    area = reference.area_of(code)
    view = LineView(result.plan, reference, as_of) if state is LineState.VALID and result.plan else None
    return LineEntry(
        area_code=area.code if area else "",
        area_name=area.name if area else "",
        code=code,
        name=result.plan.basics.line_name.strip() if result.plan else "",
        file=result.path.name,
        state=state,
        errors=len(result.errors),
        warnings=len(result.warnings),
        completeness={c.sheet: c.ratio for c in result.completeness},
        overall=result.overall_completeness if result.completeness else None,
        plan=view.plan if view else None,
        view=view,
        figures=line_figures(view) if view else None,
    )


def _entries_for(code: str, results: list[IntakeResult], reference: Reference, as_of: dt.date) -> list[LineEntry]:
    """The entries of one line: the workbook in use first; one a newer workbook replaced is listed as not used."""
    ordered = sorted(results, key=lambda r: (bool(r.superseded_by), r.path.name))
    return [_entry(r, code, LineState.DUPLICATE if r.superseded_by else _state(r), reference, as_of)
            for r in ordered]


def collect_lines(results: list[IntakeResult], reference: Reference, as_of: dt.date) -> list[LineEntry]:
    """Every workbook and every line of the organisation, in the organisation's order; unknown lines last."""
    by_code: dict[str, list[IntakeResult]] = {}
    for result in results:
        by_code.setdefault(result_line_code(result, reference), []).append(result)
    entries: list[LineEntry] = []
    for area in reference.organisation.areas:
        for code in area.lines:
            found = by_code.pop(code, [])
            if found:
                entries.extend(_entries_for(code, found, reference, as_of))
            else:
                entries.append(LineEntry(area.code, area.name, code, "", "", LineState.MISSING))
    for code in sorted(by_code):
        entries.extend(_entries_for(code, by_code[code], reference, as_of))
    return entries


def used(entries: list[LineEntry]) -> list[LineView]:
    """The views of the plans that feed the figures (valid, not a duplicate)."""
    return [e.view for e in entries if e.state is LineState.VALID and e.view is not None]


@dataclass(frozen=True)
class AreaTotal:
    code: str
    name: str
    lines: int                               # lines listed (organisation lines, or workbooks of unknown lines)
    valid: int
    figures: Figures

    @property
    def not_valid(self) -> int:
        return self.lines - self.valid


def _total(code: str, name: str, entries: list[LineEntry], reference: Reference) -> AreaTotal:
    listed = {e.code or e.file for e in entries}
    valid = [e for e in entries if e.state is LineState.VALID and e.figures is not None]
    return AreaTotal(code, name, len(listed), len(valid),
                     combine([e.figures for e in valid if e.figures], reference))


def area_totals(entries: list[LineEntry], reference: Reference) -> list[AreaTotal]:
    """One total per area in the organisation's order, then one for lines outside it (if any)."""
    totals = [_total(a.code, a.name, [e for e in entries if e.area_code == a.code], reference)
              for a in reference.organisation.areas]
    outside = [e for e in entries if not e.area_code]
    if outside:
        totals.append(_total("", "", outside, reference))
    return totals


def county_total(totals: list[AreaTotal], reference: Reference) -> AreaTotal:
    return AreaTotal(reference.organisation.short_name, reference.organisation.name,
                     sum(t.lines for t in totals), sum(t.valid for t in totals),
                     combine([t.figures for t in totals], reference))


def risk_matrix(entries: list[LineEntry]) -> tuple[dict[tuple[int, int], int], int]:
    """Counts of risks by (likelihood, impact) 1–5, and how many lack either rating."""
    counts = {(lk, im): 0 for lk in range(1, 6) for im in range(1, 6)}
    unrated = 0
    for view in used(entries):
        for risk in view.plan.risks:
            key = (risk.likelihood, risk.impact)
            if key in counts:
                counts[key] += 1
            else:
                unrated += 1
    return counts, unrated
