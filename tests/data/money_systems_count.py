"""Print the raw figures behind tests/data/money_systems.toml from the sample workbooks, with openpyxl only (no
digiplan code), so the hand-made table can be re-counted: each line's costs and typed saving (Johdon yhteenveto)
and each line's systems (Järjestelmät: name, decision, exit date, contract end, notice months, yearly cost).

    .venv/bin/python tests/data/money_systems_count.py input_workbooks

The table's totals are then counted by hand from this listing, following docs/luvut.md."""
from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

SUMMARY = {"Kertakustannus (€)": "one_off", "Vuosikustannus (€)": "yearly", "Odotettu vuosisäästö (€)": "savings"}
SYSTEM_FIELDS = ("Järjestelmä", "Käytöstä luopuminen", "Päätös", "Sopimus päättyy", "Irtisanomisaika",
                 "Vuosikustannus", "Korvaava täysin käytössä")


def _clean(header: object) -> str:
    return str(header or "").replace("*", "").strip()


def main(folder: Path) -> None:
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
        summary = {SUMMARY[_clean(r[0])]: r[1] for r in wb["Johdon yhteenveto"].iter_rows(values_only=True)
                   if r and _clean(r[0]) in SUMMARY}
        print(path.name.split("-")[0], summary)
        rows = list(wb["Järjestelmät"].iter_rows(values_only=True))
        headers = [_clean(h) for h in rows[0]]
        for row in rows[1:]:
            if not any(row):
                continue
            values = {h: v for h, v in zip(headers, row, strict=False)
                      if any(h.startswith(f) for f in SYSTEM_FIELDS) and v is not None}
            print("   ", values)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "input_workbooks"))
