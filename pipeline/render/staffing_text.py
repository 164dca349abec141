"""The words for staffing (the facts: view/staffing.py), shared by the Word plans, the decks and the county workbook
so that new need, unfunded need, transfers, work within existing resources and rejected requests read the same."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.formatting import fi_number
from pipeline.view.staffing import StaffingTotals


def staffing_text(totals: StaffingTotals, labels: Labels) -> str:
    """'Uusi resurssitarve 0,5 htv, josta rahoittamatta 0,5 htv. Siirrot muista tehtävistä 4 htv.' and so on."""
    parts = [labels.get("common.staffing.new_need", fte=fi_number(totals.new_need),
                        unfunded=fi_number(totals.unfunded)) if totals.new_need else labels.get("common.staffing.none")]
    parts += [labels.get(f"common.staffing.{key}", fte=fi_number(value))
              for key, value in (("transfers", totals.transfers), ("existing", totals.existing),
                                 ("rejected", totals.rejected)) if value]
    return " ".join(parts)
