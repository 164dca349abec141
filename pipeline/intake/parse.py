"""From the raw cell grid to a LinePlan: find sheets and headers, read every cell through its codec.

Nothing typed is dropped without a word: cells outside the read columns and rows are reported by `unread`, merged
cells over read cells get their own message, a cell holding only spaces reads as empty with a warning."""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from pipeline.catalog import Labels
from pipeline.formatting import one_line
from pipeline.intake.fields import CellProblem, FieldCodec, normalise, reading_codecs, sheet_name, shown_text
from pipeline.intake.layout import SheetLayout, cell_ref
from pipeline.intake.problems import Reporter, visible
from pipeline.intake.reader import RawSheet, RawWorkbook
from pipeline.intake.sheets import HEADER_SEARCH_ROWS, filled, find_sheets, known_names
from pipeline.intake.unread import list_cells, report_merges, report_unread
from pipeline.reference import Reference
from pipeline.schema import SCHEMA_VERSION, SHEETS, LinePlan, SheetSpec


@dataclass
class Parsed:
    plan: LinePlan
    layouts: dict[str, SheetLayout]
    sample: bool = False            # the workbook carries the sample banner: invented data, never a line's plan


class PlanParser:
    def __init__(self, raw: RawWorkbook, reference: Reference, labels: Labels, report: Reporter) -> None:
        self.raw = raw
        self.reference = reference
        self.labels = labels
        self.report = report
        self.codecs = reading_codecs(reference, labels)

    def parse(self, *, check_version: bool = True) -> Parsed:
        if check_version:
            self._check_version()
        # An older workbook (being upgraded) rightly lacks the sheets and columns added after its version.
        self.version = self.schema_version() or SCHEMA_VERSION
        if self.raw.macros:
            self.report.warning("file.macros")
        found = find_sheets(self.raw, self.codecs, self.labels, self.report)
        data, layouts = {}, {}
        for spec in SHEETS:
            sheet = found.get(spec.key)
            if sheet is None:
                name = sheet_name(spec, self.labels)
                if spec.model.since > self.version:
                    pass
                elif spec.model.optional:
                    self.report.warning("sheet.missing_optional", sheet=name)
                else:
                    self.report.error("sheet.missing", sheet=name)
                continue
            codecs = self.codecs[spec.key]
            layout = SheetLayout(sheet.name)
            layouts[spec.key] = layout
            data[spec.key] = (self._form(sheet, codecs, layout) if spec.is_form
                              else self._table(sheet, spec, codecs, layout))
            report_unread(sheet, spec, layout, self.report, self._help_texts(spec, layout))
        try:
            plan = LinePlan.model_validate(data)
        except ValidationError as exc:   # the codecs guarantee types; this is a bug, say so plainly
            raise RuntimeError(f"internal model error: {exc}") from exc
        return Parsed(plan, layouts, self._is_sample())

    def _is_sample(self) -> bool:
        """The sample banner (any language) on digiplan's instructions sheet."""
        banners = {normalise(catalogue.get("intake.workbook.sample_banner")) for catalogue in self.labels.everywhere()}
        names = {normalise(catalogue.get("intake.workbook.instructions_sheet"))
                 for catalogue in self.labels.everywhere()}
        sheet = next((s for n, s in self.raw.sheets.items() if normalise(n) in names), None)
        return sheet is not None and any(isinstance(v, str) and normalise(v) in banners
                                         for row in sheet.rows[:5] for v in row)

    def _help_texts(self, spec: SheetSpec, layout: SheetLayout) -> dict[int, set[str]]:
        """A form's rows → the help texts the template writes beside them, in every language."""
        texts: dict[int, set[str]] = {}
        for name, row in layout.rows.items():
            for catalogue in self.labels.everywhere():
                wording = catalogue.node(f"intake.sheets.{spec.key}.fields.{name}")
                texts.setdefault(row, set()).add(one_line(wording.get("help", "")).casefold())
        return texts

    # -- version -------------------------------------------------------------------------------------------------
    def schema_version(self) -> int | None:
        names = {normalise(catalogue.get("intake.workbook.meta_sheet")) for catalogue in self.labels.everywhere()}
        meta = next((s for n, s in self.raw.sheets.items() if normalise(n) in names), None)
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
    def _read(self, codec: FieldCodec, sheet: RawSheet, row: int, column: int, layout: SheetLayout) -> object:
        raw = sheet.value(row, column)
        cell = (row, column)
        if not (cell in layout.covered or cell in sheet.formula_cells or cell in sheet.errors
                or (isinstance(raw, str) and raw and not filled(raw))):
            try:                            # the common case, a value read as it is, with nothing to report
                value, warnings = codec.from_cell(raw)
                if not warnings and not (codec.required and value in ("", None, [])):
                    return value
            except CellProblem:
                pass
        return self._read_reporting(codec, sheet, row, column, layout)

    def _read_reporting(self, codec: FieldCodec, sheet: RawSheet, row: int, column: int,
                        layout: SheetLayout) -> object:
        """`_read` of a cell with something to report: whatever covers it, is wrong with it or was tidied in it."""
        raw = sheet.value(row, column)
        where = {"sheet": sheet.name, "cell": cell_ref(row, column), "field": codec.header}
        empty = codec.from_cell(None)[0]
        if (row, column) in layout.covered:
            return empty
        if (row, column) in sheet.formula_cells:
            self.report.error("text.formula", **where, lost=True)
            return empty
        if (row, column) in sheet.errors:
            self.report.error("cell.error", **where, value=sheet.errors[(row, column)], lost=True)
            return empty
        if isinstance(raw, str) and raw and not filled(raw):
            if codec.required:
                self.report.error("field.blank", **where, header=codec.header)
            else:
                self.report.warning("text.blank", **where)
            return empty
        try:
            value, warnings = codec.from_cell(raw)
        except CellProblem as problem:
            self.report.error(problem.code, **where, lost=True,
                              **{"value": visible(shown_text(raw)), **problem.values})
            return empty
        for warning in warnings:
            self.report.warning(warning.code, **where, value=raw)
        if codec.required and value in ("", None, []):
            self.report.error("field.missing", **where, header=codec.header)
        return value

    def _form(self, sheet: RawSheet, codecs: list[FieldCodec], layout: SheetLayout) -> dict:
        labels_at = {normalise(str(row[0])): number for number, row in enumerate(sheet.rows, 1)
                     if row and row[0] != ""}
        for codec in codecs:
            row = next((labels_at[n] for n in known_names(codec, self.labels) if n in labels_at), None)
            if row is None:
                if codec.col.since <= self.version:
                    self.report.error("form.missing_row", sheet=sheet.name, field=codec.header, header=codec.header)
            else:
                layout.rows[codec.name] = row
        report_merges(sheet, {(row, 2) for row in layout.rows.values()}, layout, self.report)
        return {codec.name: self._read(codec, sheet, layout.rows[codec.name], 2, layout)
                for codec in codecs if codec.name in layout.rows}

    def _table(self, sheet: RawSheet, spec: SheetSpec, codecs: list[FieldCodec], layout: SheetLayout) -> list[dict]:
        header_row = self._find_header(sheet, codecs)
        if header_row is None:
            self.report.error("sheet.no_header", sheet=sheet.name, cell="A1")
            return []
        layout.header_row = header_row
        self._map_columns(sheet, header_row, codecs, layout)
        columns = set(layout.columns.values())
        report_merges(sheet, {(r, c) for r in range(header_row, len(sheet.rows) + 1) for c in columns},
                      layout, self.report)
        id_column = layout.columns.get(spec.id_field or "")
        rows = []
        for number in range(header_row + 1, len(sheet.rows) + 1):
            content = {c for c in columns if filled(sheet.value(number, c)) or (number, c) in sheet.formula_cells
                       or (number, c) in sheet.errors}
            if not content - {id_column}:      # empty, or only a pre-numbered ID: not a row of the plan
                self._blank_cells(sheet, number, columns, codecs, layout)
                if id_column in content:
                    self._id_note(sheet, number, id_column, codecs, spec)
                continue
            item: dict[str, object] = {"row": number}
            for codec in codecs:
                column = layout.columns.get(codec.name)
                if column:
                    item[codec.name] = self._read(codec, sheet, number, column, layout)
            rows.append(item)
        return rows

    def _id_note(self, sheet: RawSheet, row: int, column: int, codecs: list[FieldCodec], spec: SheetSpec) -> None:
        """A note typed under a table in its ID column (not an ID): reported, since the row is not read."""
        codec = next(c for c in codecs if c.name == spec.id_field)
        value = sheet.value(row, column)
        try:
            codec.from_cell(value)
        except CellProblem:
            self.report.warning("unread.id_note", sheet=sheet.name, cell=cell_ref(row, column), value=value,
                                lost=True)

    def _blank_cells(self, sheet: RawSheet, row: int, columns: set[int], codecs: list[FieldCodec],
                     layout: SheetLayout) -> None:
        """Cells of a skipped row that hold only spaces: they read as empty, and the user is told."""
        by_column = {layout.columns[c.name]: c for c in codecs if c.name in layout.columns}
        for column in sorted(columns):
            value = sheet.value(row, column)
            if isinstance(value, str) and value and not filled(value):
                self.report.warning("text.blank", sheet=sheet.name, cell=cell_ref(row, column),
                                    field=by_column[column].header)

    def _find_header(self, sheet: RawSheet, codecs: list[FieldCodec]) -> int | None:
        wanted = {name for c in codecs for name in known_names(c, self.labels)}
        best, best_hits = None, 0
        for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], 1):
            hits = sum(1 for value in row if isinstance(value, str) and normalise(value) in wanted)
            if hits > best_hits:
                best, best_hits = number, hits
        return best

    def _map_columns(self, sheet: RawSheet, header_row: int, codecs: list[FieldCodec], layout: SheetLayout) -> None:
        headers = {column: str(value) for column, value in enumerate(sheet.rows[header_row - 1], 1)
                   if str(value).strip()}
        known = {name: codec for codec in codecs for name in known_names(codec, self.labels)}
        unknown: dict[int, str] = {}
        for column, text in headers.items():
            found = known.get(normalise(text))
            if found is None:
                unknown[column] = text
            elif found.name in layout.columns:
                self.report.error("column.duplicate", sheet=sheet.name, cell=cell_ref(header_row, column),
                                  field=found.header, header=found.header, lost=_has_data(sheet, header_row, column))
                layout.reported_columns.add(column)
            else:
                layout.columns[found.name] = column
        for position, codec in enumerate(codecs, 1):
            if codec.name in layout.columns or codec.col.since > self.version:
                continue
            where = {"sheet": sheet.name, "field": codec.header, "header": codec.header}
            if position in unknown:
                layout.reported_columns.add(position)
                self.report.error("column.renamed", **where, cell=cell_ref(header_row, position),
                                  value=unknown.pop(position), lost=_has_data(sheet, header_row, position))
            else:
                self.report.error("column.missing", **where, cell=cell_ref(header_row, position))
        for column, text in unknown.items():
            layout.reported_columns.add(column)
            cells = [cell_ref(r, column) for r in range(header_row + 1, len(sheet.rows) + 1)
                     if filled(sheet.value(r, column))]
            self.report.warning("column.unknown_data" if cells else "column.unknown", sheet=sheet.name,
                                cell=cell_ref(header_row, column), value=text, cells=list_cells(cells),
                                lost=bool(cells))


def _has_data(sheet: RawSheet, header_row: int, column: int) -> bool:
    return any(filled(sheet.value(r, column)) for r in range(header_row + 1, len(sheet.rows) + 1))
