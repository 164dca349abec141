"""What the liaison manager must act on in the exit plans (issue 21): conflicts and gaps between the lines' system
data, and the notices that fall due. Values only; wording is the renderers'.

- A contract conflict: lines give the same system different contract ends or notice periods.
- An owner or decider conflict: a line's entry differs from the county-level one of templates/data/systems.toml.
- No contract: a system being shut down that costs something has no contract end or notice period from any line.
- Notice before risk: a line must give notice while a high risk naming the system's dependency (or the system) is
  still open in its plan.
- Cost after exit: the system is shut down before its (earliest) contract end; its yearly cost runs on until then.
- Notices due: one per contract (system, contract end, notice period) of the lines leaving the system (exit or
  keep partly), the last day to give notice within 12 months of the as-of date, overdue ones included.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pipeline.reference import Reference
from pipeline.schema import Risk
from pipeline.systemnames import match_key, tidy_name
from pipeline.view.exits import ExitLine, LineFate, SystemExit

NOTICE_WINDOW_MONTHS = 12


class FindingKind(StrEnum):
    CONTRACT_CONFLICT = "contract_conflict"
    OWNER_CONFLICT = "owner_conflict"
    DECIDER_CONFLICT = "decider_conflict"
    NO_CONTRACT = "no_contract"
    NOTICE_BEFORE_RISK = "notice_before_risk"
    COST_AFTER_EXIT = "cost_after_exit"


@dataclass(frozen=True)
class LineValue:
    """One line's value in a finding, with the cell it comes from (sheet field names: the renderer words them)."""
    line: ExitLine
    value: str                    # as the line gave it (dates in ISO form, the renderer formats)
    field: str                    # the System field the value comes from


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    system: SystemExit
    values: tuple[LineValue, ...]
    expected: str = ""            # the county-level value (owner, decider) a line differs from
    risk: Risk | None = None
    months: int = 0               # cost after exit: how many months the cost runs past the exit
    amount: float = 0.0           # cost after exit: what those months cost

    @property
    def line_codes(self) -> list[str]:
        return list(dict.fromkeys(v.line.line.code for v in self.values))


def _contract(u: ExitLine) -> tuple[dt.date | None, int | None]:
    return (u.system.contract_end, u.system.notice_months)


def _contract_text(u: ExitLine) -> str:
    end, months = _contract(u)
    return f"{end.isoformat() if end else ''}/{months if months is not None else ''}"


def _months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from START to END, a started month counted (31.12.2027 → 30.6.2028: 6)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day > start.day and not _last_day(start) else 0)


def _last_day(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).month != day.month


def _names_system(risk: Risk, u: ExitLine) -> bool:
    text = match_key(f"{risk.description} {risk.mitigation}")
    keys = [match_key(u.system.dependencies), match_key(u.system.name)]
    return any(k and len(k) > 5 and k in text for k in keys)


def findings(plans: list[SystemExit], reference: Reference) -> list[Finding]:
    """Every conflict and gap, system by system in the plans' order."""
    high = reference.reporting.risk_levels.high
    found: list[Finding] = []
    for plan in plans:
        with_contract = [u for u in plan.lines if any(v is not None for v in _contract(u)) and not u.done]
        if len({_contract(u) for u in with_contract}) > 1:
            found.append(Finding(FindingKind.CONTRACT_CONFLICT, plan,
                                 tuple(LineValue(u, _contract_text(u), "contract_end") for u in with_contract)))
        for kind, field, expected in ((FindingKind.OWNER_CONFLICT, "system_owner", plan.owner),
                                      (FindingKind.DECIDER_CONFLICT, "decider", plan.decider)):
            entries = [(u, tidy_name(getattr(u.system, field))) for u in plan.lines]
            entries = [(u, v) for u, v in entries if v]
            if expected:
                differing = [(u, v) for u, v in entries if match_key(v) != match_key(expected)]
            else:
                differing = entries if len({match_key(v) for _, v in entries}) > 1 else []
            if differing:
                found.append(Finding(kind, plan, tuple(LineValue(u, v, field) for u, v in differing), expected))
        if plan.shut_down and (plan.yearly_cost or 0) > 0 and not with_contract:
            found.append(Finding(FindingKind.NO_CONTRACT, plan,
                                 tuple(LineValue(u, "", "contract_end") for u in plan.lines if not u.done)))
        for u in plan.lines:
            deadline = u.notice_deadline
            if deadline and u.fate in (LineFate.EXIT, LineFate.UNDECIDED):
                for risk in u.line.plan.risks:
                    if (risk.score or 0) >= high and _names_system(risk, u):
                        found.append(Finding(FindingKind.NOTICE_BEFORE_RISK, plan,
                                             (LineValue(u, deadline.isoformat(), "contract_end"),), risk=risk))
        end, shutdown = plan.contract_end, plan.shutdown
        if plan.shut_down and shutdown and end and end > shutdown and (plan.yearly_cost or 0) > 0:
            months = _months_between(shutdown, end)
            holders = tuple(LineValue(u, end.isoformat(), "contract_end") for u in plan.lines
                            if u.system.contract_end == end)
            found.append(Finding(FindingKind.COST_AFTER_EXIT, plan, holders, months=months,
                                 amount=round((plan.yearly_cost or 0) * months / 12, 2)))
    return found


@dataclass(frozen=True)
class NoticeDue:
    """A notice to give: one contract of one system, with the lines leaving it."""
    system: SystemExit
    contract_end: dt.date
    notice_months: int
    deadline: dt.date
    lines: tuple[ExitLine, ...]
    overdue: bool

    @property
    def all_decided(self) -> bool:
        """Every line using the system has decided (exit with a date, keep or keep partly)."""
        return all(u.fate is not LineFate.UNDECIDED and (u.keeps or u.done or u.system.exit_date)
                   for u in self.system.lines)

    @property
    def line_codes(self) -> list[str]:
        return list(dict.fromkeys(u.line.code for u in self.lines))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def notices_due(plans: list[SystemExit], as_of: dt.date) -> list[NoticeDue]:
    """The notices whose last day falls within 12 months after AS_OF, or has passed while the contract still runs
    (overdue); overdue first, then soonest first, then by system."""
    horizon = _add_months(as_of, NOTICE_WINDOW_MONTHS)
    grouped: dict[tuple[str, dt.date, int], list[ExitLine]] = {}
    for plan in plans:
        for u in plan.lines:
            system = u.system
            deadline = u.notice_deadline
            if u.done or u.fate is LineFate.KEEP or not deadline:
                continue
            if system.contract_end is None or system.notice_months is None or system.contract_end < as_of:
                continue
            if deadline <= horizon:
                grouped.setdefault((plan.name, system.contract_end, system.notice_months), []).append(u)
    by_name = {p.name: p for p in plans}
    due = []
    for (name, end, months), lines in grouped.items():
        deadline = lines[0].notice_deadline
        assert deadline is not None
        due.append(NoticeDue(by_name[name], end, months, deadline, tuple(lines), deadline < as_of))
    return sorted(due, key=lambda n: (not n.overdue, n.deadline, n.system.name.casefold(), n.contract_end))
