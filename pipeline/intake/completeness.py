"""How complete each section (sheet) of a plan is: filled cells of the expected ones."""
from __future__ import annotations

from pipeline.intake.result import Completeness
from pipeline.schema import SHEETS, LinePlan


def _filled(value) -> bool:
    return value not in (None, "", [])


def completeness(plan: LinePlan) -> list[Completeness]:
    """Per sheet key: filled / expected cells. A table sheet expects its rows' cells, and at least
    `min_rows` rows (an empty sheet that should have rows counts as that many empty rows). An optional sheet
    (`min_rows` 0) with no rows expects nothing: it is "not filled" (see Completeness.ratio)."""
    result = []
    for spec in SHEETS:
        value = getattr(plan, spec.key)
        rows = [value] if spec.is_form else value
        width = len(spec.fields)
        expected = width * max(len(rows), 0 if spec.is_form else spec.model.min_rows)
        filled = sum(1 for row in rows for name in spec.fields if _filled(getattr(row, name)))
        result.append(Completeness(spec.key, filled, expected))
    return result
