"""Hand-made changes to copies of sample workbooks (openpyxl), for the changes tests: what a month of workshops
might change. The expected differences are written out in test_changes.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl


def _row(ws, column: int, text: str) -> int:
    """The row whose COLUMN (1-based) starts with TEXT."""
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row, column).value
        if isinstance(value, str) and value.startswith(text):
            return row
    raise AssertionError(f"{ws.title}: no row starting with {text!r}")


def change_avo(path: Path) -> None:
    """AVO: P01's go-live 1.4.2027 → 1.9.2027, service P05 removed, P10 added (go-live 1.11.2027), the chat
    nurses decision decided, the chat demand risk raised 4 × 4 → 5 × 4, the one-off cost changed, Klinik Access
    (J02) kept instead of shut down (its shutdown date 30.9.2027 removed)."""
    wb = openpyxl.load_workbook(path)
    services = wb["Palvelut"]
    p01 = _row(services, 1, "P01")
    services.cell(p01, 20).value = dt.datetime(2027, 9, 1)
    new = services.max_row + 1
    for column in range(1, services.max_column + 1):
        services.cell(new, column).value = services.cell(p01, column).value
    services.cell(new, 1).value = "P10"
    services.cell(new, 5).value = "Ajanvarauksen chat"
    services.cell(new, 20).value = dt.datetime(2027, 11, 1)
    services.delete_rows(_row(services, 1, "P05"))
    tasks = wb["Tehtävät"]
    for row in range(2, tasks.max_row + 1):
        if tasks.cell(row, 4).value == "P05":
            tasks.cell(row, 4).value = None
    decisions = wb["Päätösesitykset"]
    decisions.cell(_row(decisions, 1, "Chat-sairaanhoitaj"), 5).value = "Päätetty"
    risks = wb["Riskit ja riippuvuudet"]
    risks.cell(_row(risks, 2, "Chatin kysyntä"), 3).value = 5
    summary = wb["Johdon yhteenveto"]
    summary.cell(_row(summary, 1, "Kertakustannus"), 2).value = 250000
    systems = wb["Järjestelmät"]
    systems.cell(_row(systems, 1, "J02"), 14).value = "Säilyy"
    systems.cell(_row(systems, 1, "J02"), 9).value = None          # a kept system has no shutdown date
    wb.save(path)


def change_kat(path: Path) -> None:
    """KAT: the overall light turned red."""
    wb = openpyxl.load_workbook(path)
    summary = wb["Johdon yhteenveto"]
    summary.cell(_row(summary, 1, "Kokonaistilanne"), 2).value = "Punainen"
    wb.save(path)
