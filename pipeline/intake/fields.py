"""How each schema column goes into a cell and comes back out: the one codec the writer and the reader share.

A codec writes in the run's language and reads any language's: headers, sheet names and choice names of every
catalogue (templates/labels/*.<lang>.toml) are recognised, and a reference text (an area, a channel, a metric, a
workshop's name, a checklist item, a unit) written in another language reads as the run's own text, so a workbook
filled in Swedish reads into the same plan as one filled in Finnish."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pipeline.catalog import Labels
from pipeline.formatting import DateTextError, date_from_text, fi_date, fi_number
from pipeline.officefiles import has_illegal_xml, xml_safe
from pipeline.reference import Reference
from pipeline.schema import SHEETS, SheetSpec, base_type, sheet
from pipeline.words import lines, one_line

EXCEL_EPOCH = dt.date(1899, 12, 30)
_TIME_TEXT = re.compile(r"^(?:(?:klo|kl\.?)\s*)?(\d{1,2})(?:[.:](\d{2}))?$", re.IGNORECASE)
_ANY_ID = re.compile(r"\b[A-Za-z]\s*\d{1,3}\b")
FIRST_YEAR, LAST_YEAR = 2000, 2100
_THOUSANDS_DOT = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$")       # 48.000, 1.250.000: a Finnish thousands dot?
# Invisible characters pasted from the web or Word: never part of what was meant, removed before anything is matched.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_CODE_SPACES = {ord("\u00a0"): " ", ord("\u202f"): " ", ord("\u2007"): " "}


class CellProblem(Exception):
    """A cell value that cannot be read; `code` is a messages.* key, `values` fill its text."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def normalise(text: str) -> str:
    """Case, stray spaces and the required-marker folded away: how headers and choices are compared."""
    return one_line(str(text).replace("*", " ")).casefold()


_NO_CHOICE = object()


@dataclass
class FieldCodec:
    sheet: SheetSpec
    name: str
    kind: str                       # text | date | time | number | integer | choice | id | ref
    is_list: bool
    header: str
    help: str
    example: str
    choices: dict[str, Any] | None  # display name → stored value (None: free value)
    list_key: str | None            # name of the drop-down list on the hidden lists sheet
    earlier: dict[str, Any] = field(default_factory=dict)   # earlier and other languages' names → stored value
    translations: dict[str, str] = field(default_factory=dict)  # another language's reference text (normalised)
                                                                 # → the run language's text
    known: list[str] = field(default_factory=list)  # the headers it is recognised by, normalised (sheets.known_names)
    _matching: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def col(self):
        return self.sheet.col(self.name)

    @property
    def required(self) -> bool:
        return self.col.required

    # -- model → cell ------------------------------------------------------------------------------------------
    def to_cell(self, value: Any) -> Any:
        if self.is_list:
            return ", ".join(self._display(v) for v in value) or None
        return self._display(value)

    def translated(self, value: Any) -> Any:
        """VALUE in the run's language when it is a reference text of another language, else as it is."""
        if isinstance(value, str) and self.translations:
            return self.translations.get(normalise(value), value)
        return value

    def _display(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        if self.choices is not None and not self.col.open_list:
            # A stored value (a code, an enum) is looked up as it is: translating it first would turn a code that
            # reads like another language's name ("chat", Finnish "Chat") into that name and match nothing.
            for candidate in dict.fromkeys([value, self.translated(value)]):
                for label, stored in self.choices.items():
                    if stored == candidate:
                        return label
        return self.translated(value)

    # -- cell → model ------------------------------------------------------------------------------------------
    def from_cell(self, raw: Any) -> tuple[Any, list[CellProblem]]:
        """The model value of RAW, and warnings (cleaned text). Raises CellProblem for an unreadable value."""
        warnings: list[CellProblem] = []
        if isinstance(raw, str):
            if has_illegal_xml(raw):
                warnings.append(CellProblem("text.control_chars"))
                raw = xml_safe(raw)
            raw = raw.translate(_INVISIBLE)
            if self.kind in ("choice", "id", "ref", "number", "integer", "date", "time"):
                raw = raw.translate(_CODE_SPACES)
            # Text is tidied here, once, as the schema declares the column (Col.multiline): a multi-line column
            # keeps its line breaks (each line trimmed), any other column is one line (runs of whitespace one space).
            raw = lines(raw) if self.kind == "text" and self.col.multiline else one_line(raw)
        if raw is None or raw == "":
            return ([] if self.is_list else self._empty()), warnings
        if self.is_list:
            parts = [p.strip() for p in str(raw).replace(";", ",").split(",") if p.strip()]
            try:
                return [self._one(p) for p in parts], warnings
            except CellProblem as problem:
                if self.kind in ("id", "ref"):        # name the whole cell and how to list several IDs
                    raise CellProblem("id.list_format", **{**problem.values, "value": raw}) from None
                raise
        return self._one(raw), warnings

    def _empty(self) -> Any:
        return "" if self.kind in ("text", "id", "ref") or (self.kind == "choice" and self._stores_text) else None

    @property
    def _stores_text(self) -> bool:
        return not (self.choices and isinstance(next(iter(self.choices.values())), Enum))

    def _one(self, raw: Any) -> Any:
        value = getattr(self, f"_read_{self.kind}")(raw)
        # A choice is translated once, as text, before it is matched (_read_choice); its stored value is a code or
        # the run language's name and is not translated again.
        return value if self.kind == "choice" else self.translated(value)

    def _read_text(self, raw: Any) -> str:
        if isinstance(raw, float):
            return fi_number(raw).replace("\u00a0", " ")
        if isinstance(raw, (dt.date, dt.datetime)):
            return fi_date(raw)
        return str(raw)

    def _read_id(self, raw: Any) -> str:
        prefix = self.col.id_prefix or ""
        match = re.fullmatch(rf"{prefix}\s*0*(\d{{1,3}})", self._read_text(raw).strip(), re.IGNORECASE)
        if not match:
            raise CellProblem("id.format", prefix=prefix)
        return f"{prefix}{int(match.group(1)):02d}"

    def _read_ref(self, raw: Any) -> str:
        """An ID, alone or followed by its name as the drop-down shows it: "P01 Päivystysapu" reads as P01."""
        prefix = self._ref_prefix()
        text = self._read_text(raw).strip()
        match = re.match(rf"{prefix}\s*0*(\d{{1,3}})(?=\s|$)", text, re.IGNORECASE)
        if not match or _ANY_ID.search(text[match.end():]):
            raise CellProblem("id.format", prefix=prefix)
        return f"{prefix}{int(match.group(1)):02d}"

    def _ref_prefix(self) -> str:
        target = sheet(self.col.ref or "")
        return next(p for f in target.fields if (p := target.col(f).id_prefix))

    def _read_choice(self, raw: Any) -> Any:
        text = self.translated(self._read_text(raw))
        if self.col.open_list:           # a suggestion list: keep what the user wrote
            return text
        found = self._choice_index().get(normalise(text), _NO_CHOICE)
        if found is not _NO_CHOICE:
            return found
        raise CellProblem("choice.invalid", header=self.header, allowed=", ".join(self.choices or {}))

    def _choice_index(self) -> dict[str, Any]:
        """Each choice's normalised name and stored value → the stored value; where two choices share one, the
        first (in the order the choices, then the earlier names, are listed) is kept. Made at the first choice
        read: a build reads hundreds of workbooks with the same codecs."""
        if self._matching is None:
            index: dict[str, Any] = {}
            for label, stored in [*(self.choices or {}).items(), *self.earlier.items()]:
                index.setdefault(normalise(label), stored)
                index.setdefault(normalise(getattr(stored, "value", stored)), stored)
            self._matching = index
        return self._matching

    def _read_date(self, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            value = raw.date()
        elif isinstance(raw, dt.date):
            value = raw
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
            _year_typed(raw)
            if not 1 <= raw < 2_958_466:
                raise CellProblem("date.format")
            value = EXCEL_EPOCH + dt.timedelta(days=int(raw))
        else:
            value = _parse_date_text(str(raw))
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            _year_typed((value - EXCEL_EPOCH).days)
            raise CellProblem("date.range" if isinstance(raw, (dt.date, str)) else "date.format")
        return value

    def _read_time(self, raw: Any) -> dt.time:
        """9.00, 9:30, klo 13.15, an Excel time (a fraction of a day) or a date-time's time."""
        if isinstance(raw, dt.datetime):
            return raw.time().replace(second=0, microsecond=0)
        if isinstance(raw, dt.time):
            return raw.replace(second=0, microsecond=0)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 <= raw < 1:
            minutes = round(raw * 24 * 60)
            return dt.time(minutes // 60 % 24, minutes % 60)
        match = _TIME_TEXT.match(str(raw).strip())
        if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
            raise CellProblem("time.format", value=str(raw))
        return dt.time(int(match.group(1)), int(match.group(2) or 0))

    def _read_number(self, raw: Any) -> float:
        if isinstance(raw, bool):
            raise CellProblem("number.invalid")
        if isinstance(raw, (int, float)):
            value = float(raw)
        else:
            text = str(raw).replace("\u00a0", "").replace(" ", "")
            if _THOUSANDS_DOT.match(text):
                whole = text.replace(".", "")
                raise CellProblem("number.thousands_dot", whole=whole, spaced=fi_number(float(whole)),
                                  decimal=text.replace(".", ","))
            text = text.replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                raise CellProblem("number.invalid") from None
        col = self.col
        if (col.minimum is not None and value < col.minimum) or (col.maximum is not None and value > col.maximum):
            raise CellProblem("number.range", minimum=fi_number(col.minimum), maximum=fi_number(col.maximum))
        return value

    def _read_integer(self, raw: Any) -> int:
        value = self._read_number(raw)
        if not value.is_integer():
            raise CellProblem("number.integer", minimum=fi_number(self.col.minimum),
                              maximum=fi_number(self.col.maximum))
        return int(value)


def _year_typed(serial: float) -> None:
    """A year typed into a date cell: Excel keeps 2027 as day 2027 from 1900 (19.7.1905). Say so, naming both."""
    if float(serial).is_integer() and FIRST_YEAR <= serial <= LAST_YEAR:
        shown = EXCEL_EPOCH + dt.timedelta(days=int(serial))
        raise CellProblem("date.year_only", value=str(int(serial)), shown=fi_date(shown),
                          example=f"1.1.{int(serial)}")


def shown_text(raw: Any) -> str:
    """RAW as the user typed it: numbers without thousands separators and with a decimal comma, dates as p.k.vvvv."""
    if isinstance(raw, bool):
        return str(raw).upper()
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw).replace(".", ",")
    if isinstance(raw, (dt.date, dt.datetime)):
        return fi_date(raw)
    return "" if raw is None else str(raw)


def _parse_date_text(text: str) -> dt.date:
    try:
        return date_from_text(text)
    except DateTextError as error:
        raise CellProblem(error.code) from None


def _choices(spec: SheetSpec, name: str, reference: Reference, labels: Labels) -> tuple[dict | None, str | None]:
    col = spec.col(name)
    value_type, _ = base_type(spec.model, name)
    if isinstance(value_type, type) and issubclass(value_type, Enum):
        return {labels.enum(m): m for m in value_type}, value_type.__name__
    sources = {
        "channel": lambda: {c.name: c.code for c in sorted(reference.channels, key=lambda c: c.section)},
        "line": lambda: {code: code for code in reference.line_codes},
        "area": lambda: {a.name: a.name for a in reference.organisation.areas},
        "metric": lambda: {m.name: m.name for m in reference.metrics},
        "system": lambda: {s.name: s.name for s in reference.systems},
    }
    if col.source:
        return sources[col.source](), col.source
    return None, None


def _kind(spec: SheetSpec, name: str) -> str:
    col = spec.col(name)
    value_type, _ = base_type(spec.model, name)
    if col.id_prefix:
        return "id"
    if col.ref:
        return "ref"
    if col.source or (isinstance(value_type, type) and issubclass(value_type, Enum)):
        return "choice"
    return {dt.date: "date", dt.time: "time", float: "number", int: "integer"}.get(value_type, "text")


def field_codecs(spec: SheetSpec, reference: Reference, labels: Labels) -> list[FieldCodec]:
    """The codecs of SPEC's columns, in schema order, with their wording from the catalogue."""
    codecs = []
    for name in spec.fields:
        wording = labels.node(f"intake.sheets.{spec.key}.fields.{name}")
        choices, list_key = _choices(spec, name, reference, labels)
        codecs.append(FieldCodec(
            sheet=spec, name=name, kind=_kind(spec, name), is_list=base_type(spec.model, name)[1],
            header=wording["header"], help=wording.get("help", ""), example=wording.get("example", ""),
            choices=choices, list_key=list_key, earlier=_earlier_choices(spec, name, labels),
            translations=_translations(spec, name, reference),
            known=[normalise(n) for n in (wording["header"], *header_aliases(spec, name, labels))]))
    return codecs


_READING: list[tuple[Reference, Labels, dict[str, list[FieldCodec]]]] = []


def reading_codecs(reference: Reference, labels: Labels) -> dict[str, list[FieldCodec]]:
    """Sheet key → its codecs, worked out once per reference and catalogue (a build reads every workbook with the
    same two) and shared by the reading of each workbook: nothing reading a workbook changes a codec."""
    for known_reference, known_labels, codecs in _READING:
        if known_reference is reference and known_labels is labels:
            return codecs
    codecs = {spec.key: field_codecs(spec, reference, labels) for spec in SHEETS}
    _READING[:] = [*_READING[-3:], (reference, labels, codecs)]
    return codecs


def _earlier_choices(spec: SheetSpec, name: str, labels: Labels) -> dict[str, Any]:
    """Other names of an enum column's choices, still read: the earlier names (enums.earlier.<Class>, from old
    workbooks) and every other language's names."""
    value_type, _ = base_type(spec.model, name)
    if not (isinstance(value_type, type) and issubclass(value_type, Enum)):
        return {}
    found: dict[str, Any] = {}
    for catalogue in labels.everywhere():
        if catalogue is not labels:
            found.update({catalogue.enum(member): member for member in value_type})
        earlier = catalogue.node("enums").get("earlier", {}).get(value_type.__name__, {})
        found.update({old: value_type(code) for code, names in earlier.items() for old in names})
    return found


def _translations(spec: SheetSpec, name: str, reference: Reference) -> dict[str, str]:
    """Another language's texts of the reference data a column may hold (normalised) → the run language's."""
    col = spec.col(name)
    kind = col.known or col.source
    records: dict[str | None, tuple[list[Any], str]] = {
        "area": (reference.organisation.areas, "name"), "channel": (reference.channels, "name"),
        "metric": (reference.metrics, "name"), "unit": (reference.metrics, "unit"),
        "workshop": (reference.workshops, "name"), "checklist": (reference.checklist, "name")}
    if kind not in records:
        return {}
    items, text = records[kind]
    return {normalise(other): getattr(item, text) for item in items
            for other in (item.spellings() if kind == "checklist" else item.texts(text))
            if normalise(other) != normalise(getattr(item, text))}


def sheet_name(spec: SheetSpec, labels: Labels) -> str:
    return labels.get(f"intake.sheets.{spec.key}.name")


def sheet_names(spec: SheetSpec, labels: Labels) -> list[str]:
    """The sheet's name in every language, the run's first: a sheet is recognised by any of them."""
    return list(dict.fromkeys(sheet_name(spec, catalogue) for catalogue in labels.everywhere()))


def header_aliases(spec: SheetSpec, name: str, labels: Labels) -> list[str]:
    """The other headers a column is recognised by: its older headers, and its headers in the other languages."""
    names: list[str] = []
    for catalogue in labels.everywhere():
        wording = catalogue.node(f"intake.sheets.{spec.key}.fields.{name}")
        names += ([] if catalogue is labels else [wording["header"]]) + list(wording.get("aliases", []))
    return list(dict.fromkeys(names))
