"""What only the lines' workbooks read together tell about the legacy systems (issue 21): lines giving one system
different contract terms, or different owners. Each workbook gets a warning at its own cell that names the other
workbooks' cells and values, so the lines can settle which contract is meant, and who owns the system, before anyone
gives notice."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.intake.problems import Reporter
from pipeline.intake.result import IntakeResult
from pipeline.reference import Reference
from pipeline.schema import Status, System
from pipeline.systemnames import system_group

Entry = tuple[IntakeResult, System]


def _terms(system: System) -> tuple:
    return (system.contract_end, system.notice_months)


def _where(result: IntakeResult, system: System, labels: Labels, column: str = "contract_end") -> tuple[str, str]:
    layout = result.layouts.get("systems")
    sheet = layout.name if layout else labels.get("intake.sheets.systems.name")
    return sheet, layout.cell(column, system.row) if layout else ""


def _described(entry: Entry, labels: Labels) -> str:
    result, system = entry
    sheet, cell = _where(result, system, labels)
    return labels.get("report.contract_elsewhere", file=result.path.name, sheet=sheet, cell=cell,
                      end=fi_date(system.contract_end) or labels.get("report.no_date"),
                      months="" if system.notice_months is None else system.notice_months)


def _owner(system: System) -> str:
    return system.system_owner.casefold()


def _groups(results: list[IntakeResult], reference: Reference, given) -> list[list[Entry]]:
    """The used workbooks' systems (not yet retired) for which GIVEN is true, grouped by system (names matched as in
    the county workbook)."""
    groups: dict[str, list[Entry]] = {}
    for result in results:
        if result.plan is None or result.superseded_by:
            continue
        for system in result.plan.systems:
            if system.status is not Status.DONE and given(system):
                groups.setdefault(system_group(system.name, reference), []).append((result, system))
    return list(groups.values())


def owner_conflicts(results: list[IntakeResult], reference: Reference, labels: Labels) -> None:
    """A warning in each used workbook whose system owner for a system differs from another line's."""
    header = labels.get("intake.sheets.systems.fields.system_owner.header")
    for entries in _groups(results, reference, lambda system: bool(_owner(system))):
        if len({_owner(s) for _, s in entries}) < 2:
            continue
        for result, system in entries:
            others = [(r, s) for r, s in entries if _owner(s) != _owner(system)]
            sheet, cell = _where(result, system, labels, "system_owner")
            report = Reporter(result.path, labels)
            report.warning("system.owner_conflict", sheet=sheet, cell=cell, field=header,
                           value=system.name or system.id, own=system.system_owner,
                           others="; ".join(labels.get("report.owner_elsewhere", file=r.path.name,
                                                       sheet=_where(r, s, labels, "system_owner")[0],
                                                       cell=_where(r, s, labels, "system_owner")[1],
                                                       owner=s.system_owner)
                                            for r, s in others))
            result.problems.extend(report.problems)


def contract_conflicts(results: list[IntakeResult], reference: Reference, labels: Labels) -> None:
    """A warning in each used workbook whose contract end or notice period for a system differs from another
    line's for the same system (names matched as in the county workbook); owners likewise (owner_conflicts)."""
    groups = _groups(results, reference,
                     lambda system: system.contract_end is not None or system.notice_months is not None)
    header = labels.get("intake.sheets.systems.fields.contract_end.header")
    owner_conflicts(results, reference, labels)
    for entries in groups:
        if len({_terms(s) for _, s in entries}) < 2:
            continue
        for result, system in entries:
            others = [e for e in entries if _terms(e[1]) != _terms(system)]
            sheet, cell = _where(result, system, labels)
            report = Reporter(result.path, labels)
            report.warning("system.contract_conflict", sheet=sheet, cell=cell, field=header,
                           value=system.name or system.id, own=_described((result, system), labels),
                           others="; ".join(_described(e, labels) for e in others))
            result.problems.extend(report.problems)
