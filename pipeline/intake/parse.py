"""From the raw cell grid to a LinePlan: find sheets and headers, read every cell through its codec."""
from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from pipeline.catalog import Labels
from pipeline.intake.fields import CellProblem, FieldCodec, field_codecs, header_aliases, normalise, sheet_name
from pipeline.intake.problems import Reporter
from pipeline.intake.reader import RawSheet, RawWorkbook
from pipeline.reference import Reference
from pipeline.schema import SCHEMA_VERSION, SHEETS, LinePlan, SheetSpec

HEADER_SEARCH_ROWS = 10


@dataclass
class SheetLayout:
    """Where a sheet's data stood: its name in the workbook and each field's column (1-based)."""
    name: str
    columns: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)       # form sheets: field → row

    def cell(self, field_name: str, row: int | None = None) -> str:
        if field_name in self.rows:
            return f"B{self.rows[field_name]}"
        column = self.columns.get(field_name)
        return f"{get_column_letter(column)}{row}" if column and row else ""


@dataclass
class Parsed:
    plan: LinePlan
    layouts: dict[str, SheetLayout]


class PlanParser:
    def __init__(self, raw: RawWorkbook, reference: Reference, labels: Labels, report: Reporter) -> None:
        self.raw = raw
        self.reference = reference
        self.labels = labels
        self.report = report
        self._by_name = {normalise(name): sheet for name, sheet in raw.sheets.items()}

    def parse(self, *, check_version: bool = True) -> Parsed:
        if check_version:
            self._check_version()
        # An older workbook (being upgraded) rightly lacks the sheets and columns added after its version.
        self.version = self.schema_version() or SCHEMA_VERSION
        data, layouts = {}, {}
        for spec in SHEETS:
            name = sheet_name(spec, self.labels)
            sheet = self._by_name.get(normalise(name))
            if sheet is None:
                if spec.model.since <= self.version:
                    self.report.error("sheet.missing", sheet=name)
                continue
            codecs = field_codecs(spec, self.reference, self.labels)
            layout = SheetLayout(sheet.name)
            layouts[spec.key] = layout
            data[spec.key] = (self._form(sheet, codecs, layout) if spec.is_form
                              else self._table(sheet, spec, codecs, layout))
        try:
            plan = LinePlan.model_validate(data)
        except ValidationError as exc:   # the codecs guarantee types; this is a bug, say so plainly
            raise RuntimeError(f"internal model error: {exc}") from exc
        return Parsed(plan, layouts)

    # -- version -------------------------------------------------------------------------------------------------
    def schema_version(self) -> int | None:
        meta = self._by_name.get(normalise(self.labels.get("intake.workbook.meta_sheet")))
        for row in meta.rows if meta else []:
            if len(row) > 1 and str(row[0]).strip() == "schema_version":
                try:
                    return int(float(str(row[1])))
                except (TypeError, ValueError):
                    return None
        return None

    def _check_version(self) -> None:
        found = self.schema_version()
        if found is None:
            self.report.error("schema.no_version")
        elif found < SCHEMA_VERSION:
            self.report.error("schema.old_version", found=found, current=SCHEMA_VERSION)
        elif found > SCHEMA_VERSION:
            self.report.error("schema.new_version", found=found, current=SCHEMA_VERSION)

    # -- reading cells -------------------------------------------------------------------------------------------
    def _read(self, codec: FieldCodec, sheet: RawSheet, row: int, column: int, cell: str) -> object:
        raw = _at(sheet, row, column)
        where = {"sheet": sheet.name, "cell": cell, "field": codec.header}
        if (row, column) in sheet.formula_cells:
            self.report.error("text.formula", **where)
            return codec.from_cell(None)[0]
        try:
            value, warnings = codec.from_cell(raw)
        except CellProblem as problem:
            self.report.error(problem.code, **where, **{"value": raw, **problem.values})
            return codec.from_cell(None)[0]
        for warning in warnings:
            self.report.warning(warning.code, **where, value=raw)
        if codec.required and value in ("", None, []):
            self.report.error("field.missing", **where, header=codec.header)
        return value

    def _form(self, sheet: RawSheet, codecs: list[FieldCodec], layout: SheetLayout) -> dict:
        labels_at = {normalise(str(row[0])): number for number, row in enumerate(sheet.rows, 1)
                     if row and row[0] != ""}
        values = {}
        for codec in codecs:
            names = [codec.header, *header_aliases(codec.sheet, codec.name, self.labels)]
            row = next((labels_at[normalise(n)] for n in names if normalise(n) in labels_at), None)
            if row is None:
                if codec.col.since <= self.version:
                    self.report.error("form.missing_row", sheet=sheet.name, field=codec.header, header=codec.header)
                continue
            layout.rows[codec.name] = row
            values[codec.name] = self._read(codec, sheet, row, 2, f"B{row}")
        return values

    def _table(self, sheet: RawSheet, spec: SheetSpec, codecs: list[FieldCodec], layout: SheetLayout) -> list[dict]:
        header_row = self._find_header(sheet, codecs)
        if header_row is None:
            self.report.error("sheet.no_header", sheet=sheet.name, cell="A1")
            return []
        self._map_columns(sheet, header_row, codecs, layout)
        rows = []
        for number in range(header_row + 1, len(sheet.rows) + 1):
            if all(_at(sheet, number, c) in ("", None) for c in layout.columns.values()):
                continue
            item: dict[str, object] = {"row": number}
            for codec in codecs:
                column = layout.columns.get(codec.name)
                if column:
                    item[codec.name] = self._read(codec, sheet, number, column, layout.cell(codec.name, number))
            rows.append(item)
        return rows

    def _find_header(self, sheet: RawSheet, codecs: list[FieldCodec]) -> int | None:
        wanted = {normalise(c.header) for c in codecs}
        best, best_hits = None, 0
        for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], 1):
            hits = sum(1 for value in row if isinstance(value, str) and normalise(value) in wanted)
            if hits > best_hits:
                best, best_hits = number, hits
        return best

    def _map_columns(self, sheet: RawSheet, header_row: int, codecs: list[FieldCodec], layout: SheetLayout) -> None:
        headers = {column: str(value) for column, value in enumerate(sheet.rows[header_row - 1], 1)
                   if str(value).strip()}
        known: dict[str, FieldCodec] = {}
        for codec in codecs:
            for name in [codec.header, *header_aliases(codec.sheet, codec.name, self.labels)]:
                known[normalise(name)] = codec
        unknown: dict[int, str] = {}
        for column, text in headers.items():
            found = known.get(normalise(text))
            if found is None:
                unknown[column] = text
            elif found.name in layout.columns:
                self.report.error("column.duplicate", sheet=sheet.name, cell=f"{get_column_letter(column)}{header_row}",
                                  field=found.header, header=found.header)
            else:
                layout.columns[found.name] = column
        for position, codec in enumerate(codecs, 1):
            if codec.name in layout.columns or codec.col.since > self.version:
                continue
            where = {"sheet": sheet.name, "field": codec.header, "header": codec.header}
            if position in unknown:
                self.report.error("column.renamed", **where, cell=f"{get_column_letter(position)}{header_row}",
                                  value=unknown.pop(position))
            else:
                self.report.error("column.missing", **where, cell=f"{get_column_letter(position)}{header_row}")
        for column, text in unknown.items():
            self.report.warning("column.unknown", sheet=sheet.name, cell=f"{get_column_letter(column)}{header_row}",
                                value=text)


def _at(sheet: RawSheet, row: int, column: int) -> object:
    if row - 1 < len(sheet.rows):
        values = sheet.rows[row - 1]
        if column - 1 < len(values):
            return values[column - 1]
    return ""
