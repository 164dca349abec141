"""What only the lines' workbooks read together tell about the legacy systems (issue 21): lines giving one system
different contract terms. Each workbook gets a warning at its own cell that names the other workbooks' cells and
values, so the lines can settle which contract is meant before anyone gives notice."""
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


def _where(result: IntakeResult, system: System, labels: Labels) -> tuple[str, str]:
    layout = result.layouts.get("systems")
    sheet = layout.name if layout else labels.get("intake.sheets.systems.name")
    return sheet, layout.cell("contract_end", system.row) if layout else ""


def _described(entry: Entry, labels: Labels) -> str:
    result, system = entry
    sheet, cell = _where(result, system, labels)
    return labels.get("report.contract_elsewhere", file=result.path.name, sheet=sheet, cell=cell,
                      end=fi_date(system.contract_end) or labels.get("report.no_date"),
                      months="" if system.notice_months is None else system.notice_months)


def contract_conflicts(results: list[IntakeResult], reference: Reference, labels: Labels) -> None:
    """A warning in each used workbook whose contract end or notice period for a system differs from another
    line's for the same system (names matched as in the county workbook)."""
    groups: dict[str, list[Entry]] = {}
    for result in results:
        if result.plan is None or result.superseded_by:
            continue
        for system in result.plan.systems:
            if system.status is Status.DONE or (system.contract_end is None and system.notice_months is None):
                continue
            groups.setdefault(system_group(system.name, reference), []).append((result, system))
    header = labels.get("intake.sheets.systems.fields.contract_end.header")
    for entries in groups.values():
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
