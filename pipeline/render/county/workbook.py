"""The county workbook (tiekartta ja exit-suunnitelmat): one .xlsx from every intake workbook read.

`county_workbook(entries, ctx)` lists every line of the organisation and every workbook read (ENTRIES, from
pipeline/view/county.py `collect_lines`: valid, invalid, unreadable or missing), computes the figures from the
valid plans only, and writes the sheets: summary, Gantt sheet (Tiekartta), system exit plans (per system, the
shutdown sequence by quarter, per line), services, goals and metrics, tasks, risks, resourcing and completeness.
Same entries and context give the same bytes.
"""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles.cell_style import StyleArray

from pipeline.intake.result import IntakeResult
from pipeline.officefiles import reproducible_workbook
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import set_properties
from pipeline.render.county.changes_sheet import write_changes
from pipeline.render.county.checks import write_checks
from pipeline.render.county.exit_findings import write_exit_summary, write_findings, write_notices
from pipeline.render.county.exit_sheets import write_system_lines, write_systems
from pipeline.render.county.gantt import write_gantt
from pipeline.render.county.lists import write_goals, write_resources, write_risks, write_services, write_tasks
from pipeline.render.county.sheetdata import fast_cells
from pipeline.render.county.shutdowns import write_legend, write_shutdowns
from pipeline.render.county.summary import write_completeness, write_summary
from pipeline.view.county import LineEntry, collect_lines, used
from pipeline.view.exits import exit_plans
from pipeline.view.money import money_of


def render_county_workbook(results: list[IntakeResult], ctx: RenderContext) -> bytes:
    """The workbook straight from intake RESULTS (the tests' way in; the build passes its entries, collected once)."""
    return county_workbook(collect_lines(results, ctx.reference, ctx.as_of), ctx)


def county_workbook(entries: list[LineEntry], ctx: RenderContext) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    plans = exit_plans(entries, ctx.reference)
    styles = _SharedStyles()
    for write in (lambda: write_summary(wb, entries, ctx), lambda: write_changes(wb, ctx),
                  lambda: write_gantt(wb, entries, ctx), lambda: write_systems(wb, plans, ctx),
                  lambda: write_exit_summary(wb, plans, money_of(used(entries), plans), ctx),
                  lambda: write_notices(wb, plans, ctx), lambda: write_findings(wb, plans, ctx),
                  lambda: write_shutdowns(wb, plans, ctx), lambda: write_system_lines(wb, plans, ctx),
                  lambda: write_services(wb, entries, ctx), lambda: write_goals(wb, entries, ctx),
                  lambda: write_tasks(wb, entries, ctx), lambda: write_risks(wb, entries, ctx),
                  lambda: write_resources(wb, entries, ctx), lambda: write_completeness(wb, entries, ctx),
                  lambda: write_checks(wb, entries, ctx), lambda: write_legend(wb, ctx)):
        write()
        styles.share(wb)
    wb.active = 0
    stamp = set_properties(wb, ctx.labels.get("county.workbook.title"),
                           ctx.reference.organisation.short_name, ctx.as_of, ctx.labels.get("language.tag"))
    with fast_cells():
        return reproducible_workbook(wb, stamp)


class _SharedStyles:
    """Every finished sheet's cells given one shared style record per distinct style (openpyxl keeps a 116-byte
    record in every cell: half a cell's memory, 40 MB of a county of 300 lines). Done only once a sheet is written
    in full, since openpyxl's own style setters change a cell's record in place; saving only reads them."""

    def __init__(self) -> None:
        self.records: dict[bytes, StyleArray] = {}
        self.done: set[int] = set()

    def share(self, wb: Workbook) -> None:
        for ws in wb.worksheets:
            if id(ws) in self.done:
                continue
            self.done.add(id(ws))
            for cell in ws._cells.values():
                record = cell._style
                if record is not None:          # a cell never styled has none
                    cell._style = self.records.setdefault(record.tobytes(), record)
