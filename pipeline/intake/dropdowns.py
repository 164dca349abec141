"""The intake workbook's data validations: drop-downs, date and number checks, and the prompt each cell shows.

Every list lives on the hidden lists sheet (Excel drops an inline list over 255 characters). A reference column
(a task's service, a give-up's system) gets the IDs that exist with their names, "P01 Päivystysapu", built by
formulas on the lists sheet so the list follows what the user types; the reader takes the ID back. A prompt and
an error message hold at most 255 characters and a title 32 (Excel's limits): a prompt too long drops the example,
then its last sentences, and is never cut inside a word.
"""
from __future__ import annotations

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.catalog import Labels
from pipeline.excel import style_header
from pipeline.formatting import fi_number
from pipeline.intake.fields import FieldCodec, normalise, sheet_name
from pipeline.reference import ExcelStyle
from pipeline.schema import sheet

VALIDATED_ROWS = 500          # drop-downs and date checks reach this far, so rows a user adds get them too
PROMPT_MAX = 255
TITLE_MAX = 32
FIRST_DATE, LAST_DATE = 36526, 73415      # Excel serials of 1.1.2000 and 31.12.2100


def _w(labels: Labels, key: str, **values: object) -> str:
    return labels.get(f"intake.workbook.{key}", **values)


def fit(parts: list[str], limit: int = PROMPT_MAX) -> str:
    """PARTS joined, repeats left out; when too long, the last parts go first, then whole sentences; a word is
    never cut."""
    kept: list[str] = []
    for part in (p.strip() for p in parts):
        if part and not any(normalise(part) in normalise(k) for k in kept):
            kept.append(part)
    while len(kept) > 1 and len(" ".join(kept)) > limit:
        kept.pop()
    text = " ".join(kept)
    while len(text) > limit and ". " in text:
        text = text.rsplit(". ", 1)[0] + "."
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def title(text: str) -> str:
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"


def prompt_parts(codec: FieldCodec, labels: Labels) -> list[str]:
    """What the prompt of CODEC's cells says, most important first: the help, how to fill, the allowed values of a
    multi-value column, the guide's example."""
    parts = [codec.help]
    if codec.kind == "date":
        parts.append(_w(labels, "date_format_hint"))
    elif codec.kind == "time":
        parts.append(_w(labels, "time_format_hint"))
    elif codec.kind == "ref" and not codec.is_list:
        parts.append(_w(labels, "ref_hint"))
    elif codec.kind == "choice" and not codec.is_list:
        parts.append(_w(labels, "open_list_hint" if codec.col.open_list else "list_hint"))
    elif codec.kind in ("number", "integer"):
        parts.append(_w(labels, "number_hint"))
    if codec.is_list:
        if codec.choices:
            parts.append(_w(labels, "allowed_values", values=", ".join(codec.choices)))
        parts.append(_w(labels, "multi_hint"))
    if codec.example and normalise(codec.example) not in normalise(codec.help):
        parts.append(_w(labels, "example_prefix") + codec.example)
    return parts


def _rule(codec: FieldCodec, labels: Labels, lists: ListsSheet) -> DataValidation:
    col = codec.col
    if codec.kind == "date":
        rule = DataValidation(type="date", operator="between", formula1=str(FIRST_DATE), formula2=str(LAST_DATE),
                              showErrorMessage=True, error=_w(labels, "date_error"))
    elif codec.kind == "time":
        rule = DataValidation(type="time", operator="between", formula1="0", formula2="0.999",
                              showErrorMessage=True, error=_w(labels, "time_error"))
    elif codec.kind in ("choice", "ref") and not codec.is_list:
        closed = codec.kind == "choice" and not col.open_list
        rule = DataValidation(type="list", formula1=lists.range_for(codec), showErrorMessage=closed,
                              error=_w(labels, "list_error") if closed else None)
    elif codec.kind in ("number", "integer"):
        low = col.minimum if col.minimum is not None else -1e12
        high = col.maximum if col.maximum is not None else 1e12
        error = (_w(labels, "number_range_error", minimum=fi_number(low), maximum=fi_number(high))
                 if col.minimum is not None and col.maximum is not None else _w(labels, "number_error"))
        rule = DataValidation(type="whole" if codec.kind == "integer" else "decimal", operator="between",
                              formula1=f"{low:g}", formula2=f"{high:g}", showErrorMessage=True, error=error)
    else:
        rule = DataValidation(type=None, showErrorMessage=False)
    if rule.showErrorMessage:
        rule.errorStyle = "stop"
        rule.errorTitle = title(codec.header)
        rule.error = fit([rule.error or ""])
    return rule


def add_validation(ws, codec: FieldCodec, ref: str, labels: Labels, lists: ListsSheet) -> None:
    rule = _rule(codec, labels, lists)
    rule.allow_blank = True
    rule.showInputMessage = True
    rule.promptTitle = title(codec.header)
    rule.prompt = fit(prompt_parts(codec, labels))
    rule.add(ref)
    ws.add_data_validation(rule)


class ListsSheet:
    """The hidden sheet holding every drop-down list, with Finnish headers."""

    def __init__(self, book: Workbook, labels: Labels, style: ExcelStyle) -> None:
        self.name = _w(labels, "lists_sheet")
        self.labels = labels
        self.style = style
        self.sheet = book.create_sheet(self.name)
        self.columns: dict[str, str] = {}

    def _column(self, codec: FieldCodec, header: str) -> tuple[int, str]:
        """A new column headed HEADER; a header two lists share names the sheet, "Tyyppi (Tehtävät)"."""
        column = len(self.columns) + 1
        if header in {c.value for c in self.sheet[1]}:
            header = f"{header} ({sheet_name(codec.sheet, self.labels)})"
        style_header(self.sheet.cell(1, column, header), self.style.font_name, self.style.intake.header_fill,
                     self.style.intake.header_text)
        self.sheet.column_dimensions[get_column_letter(column)].width = 30
        return column, get_column_letter(column)

    def range_for(self, codec: FieldCodec) -> str:
        key = codec.list_key if codec.kind == "choice" else f"ref:{codec.col.ref}"
        assert key is not None, "a drop-down needs a list"
        if key not in self.columns:
            self.columns[key] = self._references(codec) if codec.kind == "ref" else self._choices(codec)
        return self.columns[key]

    def _choices(self, codec: FieldCodec) -> str:
        assert codec.list_key is not None and codec.choices is not None, "a drop-down needs a choice list"
        column, letter = self._column(codec, codec.header)
        for row, label in enumerate(codec.choices, 2):
            self.sheet.cell(row, column, label).data_type = "s"
        return f"{quote_sheetname(self.name)}!${letter}$2:${letter}${len(codec.choices) + 1}"

    def _references(self, codec: FieldCodec) -> str:
        """"ID name" of every row of the target sheet that has both, row by row, as formulas."""
        target = sheet(codec.col.ref or "")
        source = quote_sheetname(sheet_name(target, self.labels))
        column, letter = self._column(codec, sheet_name(target, self.labels))
        id_letter = get_column_letter(target.fields.index(target.id_field or "") + 1)
        label = target.model.label_field
        label_letter = get_column_letter(target.fields.index(label) + 1) if label else None
        for row in range(2, VALIDATED_ROWS + 1):
            ident = f"{source}!${id_letter}{row}"
            if label_letter:
                name = f"{source}!${label_letter}{row}"
                formula = f'=IF(OR({ident}="",{name}=""),"",{ident}&" "&{name})'
            else:
                formula = f'=IF({ident}="","",{ident})'
            self.sheet.cell(row, column).value = formula
        return f"{quote_sheetname(self.name)}!${letter}$2:${letter}${VALIDATED_ROWS}"

    def finish(self) -> None:
        self.sheet.sheet_state = "hidden"
        book = self.sheet.parent
        book.move_sheet(self.sheet, offset=len(book.sheetnames) - 1 - book.index(self.sheet))
