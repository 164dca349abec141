"""The county plan's table of notices due (issue 21): every contract to give notice on within 12 months of the
as-of date, overdue first, as a sub-document placed after the exit plans. The facts are Scope.notices_due."""
from __future__ import annotations

from typing import Any

from docx.shared import Twips

from pipeline.formatting import fi_date
from pipeline.render.word.combined_text import Combined, fill_row
from pipeline.view.scope import Scope

WIDTHS = [1300, 2300, 1200, 1500, 2200, 1138]          # twips, 9638 in all (the page's text width)


def notices_subdoc(scope: Scope, c: Combined, template) -> Any:
    """An intro paragraph and the table (or a sentence that none is due)."""
    due = scope.notices_due
    sub = template.new_subdoc()
    sub.add_paragraph(c("combined.notices_intro", count=len(due)) if due else c("combined.no_notices"))
    if not due:
        return sub
    table = sub.add_table(rows=1, cols=len(WIDTHS))
    table._tbl.tblPr.style = "DigiplanTable"                    # python-docx inserts both in schema order
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, WIDTHS, strict=True):
        column.w = Twips(width)
    keys = ["deadline", "system", "contract_end", "lines", "decider", "all_decided"]
    fill_row(table.rows[0], [c.labels.get(f"county.notices.headers.{k}") for k in keys], WIDTHS, header=True)
    overdue_fill = scope.reference.excel_style.blocker.fill
    yes, no = c.labels.get("county.workbook.yes"), c.labels.get("county.workbook.no")
    for notice in due:
        deadline = fi_date(notice.deadline)
        if notice.overdue:
            deadline = c("combined.notice_overdue", date=deadline)
        fill_row(table.add_row(), [deadline, notice.system.name, fi_date(notice.contract_end),
                                    ", ".join(notice.line_codes), notice.system.agreed("decider") or c.w.dash,
                                    yes if notice.all_decided else no], WIDTHS,
                  fills=[overdue_fill if notice.overdue else None] + [None] * (len(WIDTHS) - 1))
    return sub
