"""Writing intake workbooks: the blank workbook of a line, and a filled one from a plan (samples, upgrades).

The workbook's structure is protected (no password): sheets cannot be renamed, deleted or moved by accident, while
every cell stays editable. Required columns show a "*" and their own header colour; a blank table's ID column is
numbered in advance (P01, P02 …); a date column keeps the Finnish date format on every row."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.table import Table, TableStyleInfo

from pipeline.catalog import Labels
from pipeline.excel import (
    DATE_FORMAT,
    LINE_HEIGHT,
    WRAP,
    font,
    print_setup,
    row_height,
    set_value,
    style_header,
    wrapped_lines,
)
from pipeline.intake.dropdowns import VALIDATED_ROWS, ListsSheet, add_validation
from pipeline.intake.fields import FieldCodec, field_codecs, sheet_name
from pipeline.officefiles import reproducible_workbook, xml_safe
from pipeline.reference import ExcelStyle, Reference
from pipeline.schema import SCHEMA_VERSION, SHEETS, Basics, LinePlan, ReadinessItem, SheetSpec, Workshop

BLANK_ROWS = 15               # empty table rows in a new workbook


def blank_plan(line_code: str, reference: Reference) -> LinePlan:
    """A new line's plan: Perustiedot, the four workshops and the readiness checklist pre-filled."""
    area = reference.area_of(line_code)
    return LinePlan(
        basics=Basics(area=area.name if area else "", line_code=line_code, line_name=reference.line_name(line_code)),
        workshops=[Workshop(number=w.number, name=w.name) for w in reference.workshops],
        readiness=[ReadinessItem(item=item) for item in reference.readiness_items],
    )


def write_workbook(plan: LinePlan, reference: Reference, labels: Labels, *, sample: bool = False) -> bytes:
    """The intake workbook holding PLAN (bytes of an .xlsx)."""
    book = Workbook()
    book.remove(book.active)
    lists = ListsSheet(book, labels, reference.excel_style)
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
    book.properties.language = labels.get("language.tag")
    book.security = WorkbookProtection(lockStructure=True)
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
        label = sheet.cell(row, 1, codec.header + (labels.get("intake.workbook.required_mark") if codec.required
                                                   else ""))
        if codec.required:
            style_header(label, style.font_name, style.intake.required_header_fill, style.intake.header_text)
        else:
            label.font = font(style.font_name, style.county.text, bold=True)
        label.alignment = WRAP
        _value_cell(sheet.cell(row, 2), codec, codec.to_cell(getattr(values, codec.name)))
        sheet.cell(row, 3, codec.help).alignment = WRAP
        value = sheet.cell(row, 2).value
        sheet.row_dimensions[row].height = row_height(max(wrapped_lines(codec.help, 70),
                                                          wrapped_lines(str(value or ""), 60)))
        add_validation(sheet, codec, f"B{row}", labels, lists)
    sheet.freeze_panes = "A2"
    print_setup(sheet, title_rows="1:1")


def _table_sheet(book, spec: SheetSpec, codecs: list[FieldCodec], rows, labels: Labels, lists,
                 style: ExcelStyle) -> None:
    sheet = book.create_sheet(sheet_name(spec, labels))
    mark = labels.get("intake.workbook.required_mark")
    for column, codec in enumerate(codecs, 1):
        _header_cell(sheet.cell(1, column, codec.header + (mark if codec.required else "")), style, codec.required)
        sheet.column_dimensions[get_column_letter(column)].width = codec.col.width
        if codec.kind == "date":              # rows the user adds below the table keep the date format
            sheet.column_dimensions[get_column_letter(column)].number_format = DATE_FORMAT
    for number, item in enumerate(rows, 2):
        values = [codec.to_cell(getattr(item, codec.name)) for codec in codecs]
        for column, (codec, value) in enumerate(zip(codecs, values, strict=True), 1):
            _value_cell(sheet.cell(number, column), codec, value)
        sheet.row_dimensions[number].height = row_height(max(
            wrapped_lines(str(v), c.col.width) if c.col.wrap and v else 1 for c, v in zip(codecs, values, strict=True)))
    last_row = max(len(rows) + 1, BLANK_ROWS + 1) if not rows else len(rows) + 1
    last = get_column_letter(len(codecs))
    for number, row in enumerate(range(len(rows) + 2, last_row + 1), 1):
        for column, codec in enumerate(codecs, 1):
            prefix = codec.col.id_prefix
            _value_cell(sheet.cell(row, column), codec, f"{prefix}{number:02d}" if prefix else None)
    table = Table(displayName=f"T_{spec.key}", ref=f"A1:{last}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name=style.table_style, showRowStripes=True)
    sheet.add_table(table)
    for column, codec in enumerate(codecs, 1):
        letter = get_column_letter(column)
        add_validation(sheet, codec, f"{letter}2:{letter}{VALIDATED_ROWS}", labels, lists)
    sheet.freeze_panes = "B2" if codecs[0].kind == "id" else "A2"
    sheet.row_dimensions[1].height = 32
    print_setup(sheet, title_rows="1:1")


def _header_cell(cell, style: ExcelStyle, required: bool = False) -> None:
    colours = style.intake
    style_header(cell, style.font_name, colours.required_header_fill if required else colours.header_fill,
                 colours.header_text)


def _value_cell(cell, codec: FieldCodec, value) -> None:
    kind = codec.kind if codec.kind in ("date", "time") else "euro" if codec.col.money else \
        "wrap" if codec.col.wrap else "text"
    set_value(cell, value, kind)


def _meta_sheet(book: Workbook, labels: Labels) -> None:
    sheet = book.create_sheet(labels.get("intake.workbook.meta_sheet"))
    sheet.append(["schema_version", SCHEMA_VERSION])
    sheet.sheet_state = "hidden"
