"""Staffing (htv) as FIGURES.md "Staffing" defines it, worked out once for every document.

New need = rows met by new recruitment whose funding is not rejected. Transfers and work within existing resources
are shown apart and are not new need. Unfunded = new need whose funding is proposed or not stated. A rejected
request is reported as rejected, never counted as need. A row without the schema-4 columns (an older workbook) is
a new recruitment with its funding not stated, as the column then read."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from pipeline.schema import Funding, Resource, Staffing


@dataclass(frozen=True)
class StaffingTotals:
    new_need: float = 0.0        # new recruitment, not rejected
    decided: float = 0.0         # of the new need: funding decided
    unfunded: float = 0.0        # of the new need: funding proposed or not stated
    transfers: float = 0.0       # transfers from other duties
    existing: float = 0.0        # within existing resources
    rejected: float = 0.0        # new recruitment whose funding was rejected

    def __add__(self, other: StaffingTotals) -> StaffingTotals:
        return StaffingTotals(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def staffing_totals(resources: Iterable[Resource]) -> StaffingTotals:
    totals = {f.name: 0.0 for f in fields(StaffingTotals)}
    for row in resources:
        fte = row.new_fte or 0.0
        if row.staffing is Staffing.TRANSFER:
            totals["transfers"] += fte
        elif row.staffing is Staffing.EXISTING:
            totals["existing"] += fte
        elif row.funding is Funding.REJECTED:
            totals["rejected"] += fte
        else:
            totals["new_need"] += fte
            totals["decided" if row.funding in (Funding.DECIDED, Funding.NOT_NEEDED) else "unfunded"] += fte
    return StaffingTotals(**{k: round(v, 6) for k, v in totals.items()})


def sum_staffing(parts: Iterable[StaffingTotals]) -> StaffingTotals:
    total = StaffingTotals()
    for part in parts:
        total = total + part
    return StaffingTotals(**{f.name: round(getattr(total, f.name), 6) for f in fields(total)})
