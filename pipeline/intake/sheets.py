"""Finding each schema sheet in a workbook: by its name in any language, else by its headers (a renamed sheet).
Sheets that are neither the schema's nor digiplan's own are reported when they hold anything, so nothing typed goes
unread."""
from __future__ import annotations

import math

from pipeline.catalog import Labels
from pipeline.intake.fields import FieldCodec, header_aliases, normalise, sheet_name, sheet_names
from pipeline.intake.layout import cell_ref
from pipeline.intake.problems import Reporter
from pipeline.intake.reader import RawSheet, RawWorkbook
from pipeline.schema import SHEETS, SheetSpec

HEADER_SEARCH_ROWS = 10
OWN_SHEETS = ("instructions_sheet", "lists_sheet", "meta_sheet", "notes_sheet")
UNREAD_OWN_SHEETS = ("lists_sheet", "notes_sheet")       # own sheets nothing looks into (others: banner, version)


def own_sheet_names(labels: Labels, keys: tuple[str, ...] = OWN_SHEETS) -> set[str]:
    """digiplan's own sheets (instructions, drop-down lists, version, the annotated copy's notes; or those of KEYS)
    in every language, normalised: never read as plan data. The reader skips the cells of UNREAD_OWN_SHEETS (at
    the stress shape the lists were half a workbook's cells)."""
    return {normalise(catalogue.get(f"intake.workbook.{key}")) for key in keys for catalogue in labels.everywhere()}


def known_names(codec: FieldCodec, labels: Labels) -> list[str]:
    """The header, the older headers and the other languages' headers a column is recognised by, normalised."""
    return codec.known or [normalise(n) for n in (codec.header, *header_aliases(codec.sheet, codec.name, labels))]


def filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def first_filled(sheet: RawSheet) -> tuple[int, int] | None:
    for row, values in enumerate(sheet.rows, 1):
        for column, value in enumerate(values, 1):
            if filled(value):
                return row, column
    return None


def _score(sheet: RawSheet, spec: SheetSpec, codecs: list[FieldCodec], labels: Labels) -> int:
    """How many of SPEC's headers (form: row labels in column A) SHEET shows."""
    if spec.is_form:
        texts = {normalise(str(row[0])) for row in sheet.rows if row}
    else:
        texts = {normalise(str(v)) for row in sheet.rows[:HEADER_SEARCH_ROWS] for v in row if isinstance(v, str)}
    return sum(1 for codec in codecs if texts & set(known_names(codec, labels)))


def find_sheets(raw: RawWorkbook, codecs: dict[str, list[FieldCodec]], labels: Labels,
                report: Reporter) -> dict[str, RawSheet]:
    """Schema sheet key → the workbook's sheet holding it."""
    by_name = {normalise(name): sheet for name, sheet in raw.sheets.items()}
    found = {}
    for spec in SHEETS:
        named = next((by_name[n] for n in map(normalise, sheet_names(spec, labels)) if n in by_name), None)
        if named is not None:
            found[spec.key] = named
    own = own_sheet_names(labels)
    taken = {id(sheet) for sheet in found.values()}
    spare = [s for s in raw.sheets.values() if id(s) not in taken and normalise(s.name) not in own]
    matches = []
    for spec in SHEETS:
        if spec.key in found:
            continue
        needed = max(2, math.ceil(len(codecs[spec.key]) / 2))
        for sheet in spare:
            score = _score(sheet, spec, codecs[spec.key], labels)
            if score >= needed:
                matches.append((score, spec, sheet))
    for _, spec, sheet in sorted(matches, key=lambda m: -m[0]):
        if spec.key not in found and id(sheet) not in taken:
            found[spec.key] = sheet
            taken.add(id(sheet))
            report.warning("sheet.renamed", sheet=sheet.name, cell="A1", value=sheet.name,
                           expected=sheet_name(spec, labels))
    for sheet in spare:
        cell = first_filled(sheet) if id(sheet) not in taken else None
        if cell is not None:
            report.warning("unread.sheet", sheet=sheet.name, cell=cell_ref(*cell), value=sheet.value(*cell), lost=True)
    return found
