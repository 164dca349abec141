"""Writing intake workbooks: the blank workbook of a line, and a filled one from a plan (samples, upgrades)."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from pipeline.catalog import Labels
from pipeline.excel import LINE_HEIGHT, WRAP, font, print_setup, row_height, set_value, style_header, wrapped_lines
from pipeline.intake.fields import FieldCodec, field_codecs, sheet_name
from pipeline.officefiles import reproducible_workbook, xml_safe
from pipeline.reference import ExcelStyle, Reference
from pipeline.schema import SCHEMA_VERSION, SHEETS, Basics, LinePlan, ReadinessItem, SheetSpec, Workshop

VALIDATED_ROWS = 500          # drop-downs and date checks reach this far, so rows a user adds get them too
BLANK_ROWS = 15               # empty table rows in a new workbook


def blank_plan(line_code: str, reference: Reference) -> LinePlan:
    """A new line's plan: Perustiedot, the four workshops and the readiness checklist pre-filled."""
    area = reference.area_of(line_code)
    return LinePlan(
        basics=Basics(area=area.name if area else "", line_code=line_code),
        workshops=[Workshop(number=w.number, name=w.name) for w in reference.workshops],
        readiness=[ReadinessItem(item=item) for item in reference.readiness_items],
    )


def write_workbook(plan: LinePlan, reference: Reference, labels: Labels, *, sample: bool = False) -> bytes:
    """The intake workbook holding PLAN (bytes of an .xlsx)."""
    book = Workbook()
    book.remove(book.active)
    lists = _ListsSheet(book, labels)
    _instructions(book, reference, labels, sample)
    for spec in SHEETS:
        codecs = field_codecs(spec, reference, labels)
        write_sheet = _form_sheet if spec.is_form else _table_sheet
        write_sheet(book, spec, codecs, getattr(plan, spec.key), labels, lists, reference.excel_style)
    _meta_sheet(book, labels)
    lists.finish()
    moment = dt.datetime.combine(plan.basics.version_date or dt.date(2000, 1, 1), dt.time())
    book.properties.creator = xml_safe(plan.basics.facilitator) or "digiplan"
    book.properties.title = labels.get("intake.workbook.title")
    return reproducible_workbook(book, moment)


# -- sheets ----------------------------------------------------------------------------------------------------------

def _instruction_rows(reference: Reference, labels: Labels, sample: bool) -> list[tuple]:
    """The instructions sheet as rows of values; a row's last item may name its style."""
    text = lambda key: labels.get(f"intake.instructions.{key}")  # noqa: E731
    rows: list[tuple] = [(labels.get("intake.workbook.title"), "title")]
    if sample:
        rows.append((labels.get("intake.workbook.sample_banner"), "banner"))
    rows += [(text("heading"), "heading"), *[(t,) for t in labels.node("intake.instructions.intro")]]
    rows.append((text("questions_heading"), "heading"))
    rows += [(f"{n}. {q}",) for n, q in enumerate(labels.node("intake.instructions.questions"), 1)]
    rows.append((text("workshops_heading"), "heading"))
    rows += [(f"{w.number}. {w.name} ({w.duration_hours:g} h)", w.sections) for w in reference.workshops]
    rows += [(text("sheets_heading"), "heading"),
             (text("sheet_col"), text("asks_col"), text("workshop_col"), "colheads")]
    for spec in SHEETS:
        base = f"intake.sheets.{spec.key}"
        rows.append((labels.get(f"{base}.name"), labels.get(f"{base}.asks"), labels.get(f"{base}.workshop")))
    rows += [(text("examples_heading"), "heading"), (text("column_col"), text("example_col"), "colheads")]
    for spec in SHEETS:
        for codec in field_codecs(spec, reference, labels):
            if codec.example:
                rows.append((f"{sheet_name(spec, labels)} › {codec.header}", codec.example))
    return rows


def _instructions(book: Workbook, reference: Reference, labels: Labels, sample: bool) -> None:
    sheet = book.create_sheet(labels.get("intake.workbook.instructions_sheet"))
    style = reference.excel_style
    colours, name, text = style.intake, style.font_name, style.county.text
    widths = (34, 80, 14)
    for letter, width in zip("ABC", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    fonts = {"title": font(name, colours.title, bold=True, size=16),
             "banner": font(name, colours.banner, bold=True, size=12),
             "heading": font(name, text, bold=True, size=12), "colheads": font(name, text, bold=True)}
    for number, row in enumerate(_instruction_rows(reference, labels, sample), 1):
        kind = row[-1] if row[-1] in fonts else None
        values = row[:-1] if kind else row
        for column, value in enumerate(values, 1):
            cell = sheet.cell(number, column, value)
            cell.alignment = WRAP
            if kind and (column == 1 or kind in ("heading", "colheads")):
                cell.font = fonts[kind]
        if len(values) == 1 and kind != "colheads":
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=3)
            lines = wrapped_lines(str(values[0]), sum(widths))
        else:
            lines = max(wrapped_lines(str(v), w) for v, w in zip(values, widths, strict=False))
        sheet.row_dimensions[number].height = row_height(lines, 22 if kind == "title" else LINE_HEIGHT)
    print_setup(sheet, title_rows=None)


def _form_sheet(book, spec: SheetSpec, codecs: list[FieldCodec], values, labels: Labels, lists,
                style: ExcelStyle) -> None:
    sheet = book.create_sheet(sheet_name(spec, labels))
    heads = [labels.get(f"intake.workbook.form_{k}_header") for k in ("label", "value", "help")]
    for column, (text, width) in enumerate(zip(heads, (32, 60, 70), strict=True), 1):
        _header_cell(sheet.cell(1, column, text), style)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, codec in enumerate(codecs, 2):
        sheet.cell(row, 1, codec.header + (labels.get("intake.workbook.required_mark") if codec.required else ""))
        sheet.cell(row, 1).font = font(style.font_name, style.county.text, bold=True)
        sheet.cell(row, 1).alignment = WRAP
        _value_cell(sheet.cell(row, 2), codec, codec.to_cell(getattr(values, codec.name)))
        sheet.cell(row, 3, codec.help).alignment = WRAP
        value = sheet.cell(row, 2).value
        sheet.row_dimensions[row].height = row_height(max(wrapped_lines(codec.help, 70),
                                                          wrapped_lines(str(value or ""), 60)))
        _validation(sheet, codec, f"B{row}", labels, lists)
    sheet.freeze_panes = "A2"
    print_setup(sheet, title_rows="1:1")


def _table_sheet(book, spec: SheetSpec, codecs: list[FieldCodec], rows, labels: Labels, lists,
                 style: ExcelStyle) -> None:
    sheet = book.create_sheet(sheet_name(spec, labels))
    mark = labels.get("intake.workbook.required_mark")
    for column, codec in enumerate(codecs, 1):
        _header_cell(sheet.cell(1, column, codec.header + (mark if codec.required else "")), style)
        sheet.column_dimensions[get_column_letter(column)].width = codec.col.width
    for number, item in enumerate(rows, 2):
        values = [codec.to_cell(getattr(item, codec.name)) for codec in codecs]
        for column, (codec, value) in enumerate(zip(codecs, values, strict=True), 1):
            _value_cell(sheet.cell(number, column), codec, value)
        sheet.row_dimensions[number].height = row_height(max(
            wrapped_lines(str(v), c.col.width) if c.col.wrap and v else 1 for c, v in zip(codecs, values, strict=True)))
    last_row = max(len(rows) + 1, BLANK_ROWS + 1) if not rows else len(rows) + 1
    last = get_column_letter(len(codecs))
    for row in range(len(rows) + 2, last_row + 1):
        for column, codec in enumerate(codecs, 1):
            _value_cell(sheet.cell(row, column), codec, None)
    table = Table(displayName=f"T_{spec.key}", ref=f"A1:{last}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name=style.table_style, showRowStripes=True)
    sheet.add_table(table)
    for column, codec in enumerate(codecs, 1):
        letter = get_column_letter(column)
        _validation(sheet, codec, f"{letter}2:{letter}{VALIDATED_ROWS}", labels, lists)
    sheet.freeze_panes = "B2" if codecs[0].kind == "id" else "A2"
    sheet.row_dimensions[1].height = 32
    print_setup(sheet, title_rows="1:1")


def _header_cell(cell, style: ExcelStyle) -> None:
    style_header(cell, style.font_name, style.intake.header_fill, style.intake.header_text)


def _value_cell(cell, codec: FieldCodec, value) -> None:
    kind = codec.kind if codec.kind in ("date", "time") else "euro" if codec.col.money else \
        "wrap" if codec.col.wrap else "text"
    set_value(cell, value, kind)


def _meta_sheet(book: Workbook, labels: Labels) -> None:
    sheet = book.create_sheet(labels.get("intake.workbook.meta_sheet"))
    sheet.append(["schema_version", SCHEMA_VERSION])
    sheet.sheet_state = "hidden"


# -- data validation -------------------------------------------------------------------------------------------------

def _prompt(codec: FieldCodec, labels: Labels, extra: str) -> str:
    parts = [codec.help, extra]
    if codec.example:
        parts.append(labels.get("intake.workbook.example_prefix") + codec.example)
    text = " ".join(p for p in parts if p)
    return text if len(text) <= 250 else text[:247] + "…"


def _validation(sheet, codec: FieldCodec, ref: str, labels: Labels, lists) -> None:
    hint_key, rule = None, None
    if codec.kind == "date":
        rule = DataValidation(type="date", operator="between", formula1="36526", formula2="73415")
        hint_key = "date_format_hint"
    elif codec.kind == "time":
        rule = DataValidation(type="time", operator="between", formula1="0", formula2="0.999")
        hint_key = "time_format_hint"
    elif codec.kind == "choice" and not codec.is_list:
        rule = DataValidation(type="list", formula1=lists.range_for(codec))
        hint_key = "open_list_hint" if codec.col.open_list else "list_hint"
        rule.showErrorMessage = not codec.col.open_list
    elif codec.kind in ("number", "integer"):
        kind = "whole" if codec.kind == "integer" else "decimal"
        low = codec.col.minimum if codec.col.minimum is not None else -1e12
        high = codec.col.maximum if codec.col.maximum is not None else 1e12
        rule = DataValidation(type=kind, operator="between", formula1=f"{low:g}", formula2=f"{high:g}")
        hint_key = "number_hint"
    elif codec.is_list:
        hint_key = "multi_hint"
    extra = labels.get(f"intake.workbook.{hint_key}") if hint_key else ""
    if rule is None:
        rule = DataValidation(type=None, allow_blank=True)
        rule.showErrorMessage = False
    else:
        rule.allow_blank = True
        if rule.showErrorMessage is not False:
            rule.showErrorMessage = True
        rule.errorTitle = codec.header[:32]
        rule.error = _prompt(codec, labels, extra)
    rule.showInputMessage = True
    rule.promptTitle = codec.header[:32]
    rule.prompt = _prompt(codec, labels, extra)
    rule.add(ref)
    sheet.add_data_validation(rule)


class _ListsSheet:
    """The hidden sheet holding every drop-down list (never inline lists: Excel drops those over 255 chars)."""

    def __init__(self, book: Workbook, labels: Labels) -> None:
        self.name = labels.get("intake.workbook.lists_sheet")
        self.sheet = book.create_sheet(self.name)
        self.columns: dict[str, str] = {}

    def range_for(self, codec: FieldCodec) -> str:
        key, choices = codec.list_key, codec.choices
        assert key is not None and choices is not None, "a drop-down needs a choice list"
        if key not in self.columns:
            column = len(self.columns) + 1
            letter = get_column_letter(column)
            self.sheet.cell(1, column, key)
            for row, label in enumerate(choices, 2):
                self.sheet.cell(row, column, label).data_type = "s"
            self.columns[key] = f"{quote_sheetname(self.name)}!${letter}$2:${letter}${len(choices) + 1}"
        return self.columns[key]

    def finish(self) -> None:
        self.sheet.sheet_state = "hidden"
        book = self.sheet.parent
        book.move_sheet(self.sheet, offset=len(book.sheetnames) - 1 - book.index(self.sheet))
