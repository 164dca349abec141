"""The editable reference data in templates/data/: organisation, channels, workshops, metrics, checklist, systems,
and the colours and fonts of the Excel files (excel-style.toml).

A name users see is written once per language in the same record: `name` in Finnish (the default language) and
`name_sv` in Swedish, `unit` and `unit_sv`, and so on. A run loads the data in its language (`Reference.load(…,
language="sv")`): each record then shows that language's text in `name`, and still knows the others (`texts`), so
that a workbook filled in either language is read. Codes stay the same in every language."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, TypeAdapter, ValidationError

from pipeline.exceptions import ConfigError
from pipeline.formatting import one_line
from pipeline.paths import DEFAULT_LANGUAGE, LANGUAGES, TEMPLATES, data_file

OTHER_LANGUAGES = LANGUAGES[1:]          # the languages with their own keys: name_sv beside name


class _Data(BaseModel):
    """A record of a data file: a misspelt or unknown key is reported, never silently ignored."""
    model_config = ConfigDict(extra="forbid")


class _Localized(_Data):
    """A record whose texts users see are given per language: FIELD in Finnish and FIELD_sv in Swedish. A text
    missing in a language falls back to the Finnish one (a test holds the data files to having every one)."""
    _texts: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)   # field → language → text

    @classmethod
    def localized_fields(cls) -> list[str]:
        return [name for name in cls.model_fields
                if any(f"{name}_{language}" in cls.model_fields for language in OTHER_LANGUAGES)]

    def in_language(self, language: str) -> Self:
        """This record showing LANGUAGE's texts in its fields (FIELD), knowing every language's (`texts`)."""
        texts = self._texts or {
            name: {DEFAULT_LANGUAGE: getattr(self, name),
                   **{other: _with_default(getattr(self, f"{name}_{other}"), getattr(self, name))
                      for other in OTHER_LANGUAGES}}
            for name in self.localized_fields()}
        shown = self.model_copy(update={name: by_language[language] for name, by_language in texts.items()
                                        if language in by_language})
        shown._texts = texts
        return shown

    def texts(self, name: str = "name") -> list[str]:
        """FIELD's text in every language, the shown one first, each once."""
        shown = getattr(self, name)
        return list(dict.fromkeys([shown, *self._texts.get(name, {}).values()]))


def _with_default(value: Any, default: Any) -> Any:
    """A language's value, or the default language's where it gives none (a dict: key by key)."""
    if isinstance(default, dict):
        return {**default, **(value or {})}
    return value or default


class Area(_Localized):
    code: str
    name: str
    name_sv: str = ""
    lines: list[str]
    line_names: dict[str, str] = {}      # optional full names by line code, pre-filled in a new workbook
    line_names_sv: dict[str, str] = {}


def _casefolded(words: list[str]) -> list[str]:
    return [word.casefold() for word in words]


Words = Annotated[list[str], AfterValidator(_casefolded)]


class DecisionBodies(_Data):
    """What a deciding body's free-text name says about its level (Päätösesitykset, "another body"): words of the
    county's bodies and of the service areas' (any language, matched as parts of the name, case ignored)."""
    county: Words
    area: Words


class Organisation(_Localized):
    name: str
    name_sv: str = ""
    short_name: str
    short_name_sv: str = ""
    website: str = ""
    areas: list[Area]
    decision_bodies: DecisionBodies

    def in_language(self, language: str) -> Self:
        shown = super().in_language(language)
        shown.areas = [area.in_language(language) for area in self.areas]
        return shown


class Channel(_Localized):
    code: str
    name: str
    name_sv: str = ""
    section: int
    wave: int
    workshop: int


class WorkshopInfo(_Localized):
    number: int
    name: str
    name_sv: str = ""
    duration_hours: float = Field(gt=0, le=24)
    sections: str
    sections_sv: str = ""


class WorkshopCalendar(_Data):
    """The kit's calendar settings ([calendar] of workshops.toml): the start time of a workshop without one."""
    default_start_time: dt.time | None = None


class Metric(_Localized):
    name: str
    name_sv: str = ""
    unit: str
    unit_sv: str = ""
    channels: list[str] = []
    aliases: list[str] = []          # earlier names of the same metric (in any language), still recognised


class ChecklistItem(_Localized):
    """An item of the guide's readiness checklist (readiness.toml)."""
    name: str
    name_sv: str = ""
    aliases: list[str] = []          # earlier wordings of the item (in any language), still read as the item

    def spellings(self) -> list[str]:
        """Every wording the item is recognised by: its name in each language, then its earlier wordings."""
        return list(dict.fromkeys([*self.texts(), *self.aliases]))


class KnownSystem(_Localized):
    """A legacy system (systems.toml): its name per language, other spellings, and who owns and decides its exit
    county-wide."""
    name: str
    name_sv: str = ""
    aliases: list[str] = []
    owner: str = ""
    owner_sv: str = ""
    decider: str = ""
    decider_sv: str = ""


class RiskLevels(_Data):
    """The lowest likelihood × impact score of each level."""
    high: int = Field(ge=1, le=25)
    medium: int = Field(ge=1, le=25)


class Reporting(_Data):
    """How digiplan rates what it reports (templates/data/reporting.toml)."""
    complete_at: int = Field(ge=0, le=100)
    risk_levels: RiskLevels

    def risk_level(self, score: int | None) -> str:
        """'high', 'medium' or 'low' for a likelihood × impact score; 'unrated' for None."""
        if score is None:
            return "unrated"
        return "high" if score >= self.risk_levels.high else "medium" if score >= self.risk_levels.medium else "low"


def _rgb(value: str) -> str:
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise ValueError("not an RGB colour of six hexadecimal digits")
    return value.upper()


Colour = Annotated[str, AfterValidator(_rgb)]


class _Style(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountyStyle(_Style):
    title: Colour
    subtitle: Colour
    text: Colour
    header_fill: Colour
    header_text: Colour
    county_border: Colour
    matrix_border: Colour


class LineStateStyle(_Style):
    valid_fill: Colour
    duplicate_fill: Colour
    problem_fill: Colour


class ScaleStyle(_Style):
    low: Colour
    middle: Colour
    high: Colour


class GanttStyle(_Style):
    planned: Colour
    done: Colour
    on_hold: Colour
    late: Colour
    current: Colour
    current_header: Colour
    text_on_dark: Colour
    text_on_light: Colour
    golive: Colour
    shutdown: Colour


class Highlight(_Style):
    """A highlighted cell: background and text colour."""
    fill: Colour
    text: Colour


class ExitStateStyle(_Style):
    """One highlight per system exit state; the field names are the state values."""
    blocked: Highlight
    delayed: Highlight
    scheduled: Highlight
    kept_partly: Highlight
    kept: Highlight
    retired: Highlight


class RiskStyle(_Style):
    high_fill: Colour
    medium_fill: Colour
    low_fill: Colour


class IntakeStyle(_Style):
    title: Colour
    banner: Colour
    header_fill: Colour
    header_text: Colour
    required_header_fill: Colour


class AnnotationStyle(_Style):
    error_fill: Colour
    warning_fill: Colour


class ExcelStyle(_Style):
    """The colours and fonts of every Excel file digiplan writes (templates/data/excel-style.toml)."""
    font_name: str = Field(min_length=1)
    table_style: str = Field(min_length=1)
    county: CountyStyle
    line_states: LineStateStyle
    completeness: ScaleStyle
    gantt: GanttStyle
    exit_states: ExitStateStyle
    blocker: Highlight
    overdue: Highlight
    risks: RiskStyle
    intake: IntakeStyle
    annotations: AnnotationStyle


class LightColours(_Style):
    green: Colour
    yellow: Colour
    red: Colour
    none: Colour


class RiskColours(_Style):
    high: Colour
    medium: Colour
    low: Colour
    unrated: Colour


class ReadinessColours(_Style):
    ready: Colour
    partial: Colour
    missing: Colour
    not_applicable: Colour
    none: Colour


class FigureColours(_Style):
    text: Colour
    grid: Colour
    band: Colour
    planned: Colour
    done: Colour
    on_hold: Colour
    late: Colour
    milestone: Colour
    today: Colour
    baseline: Colour
    target: Colour
    golive: Colour
    shutdown: Colour


class DocumentStyle(_Style):
    """Colours of the Word plans' and decks' lights, risk levels and figures (templates/data/document-style.toml)."""
    font: str = Field(min_length=1)
    lights: LightColours
    risks: RiskColours
    readiness: ReadinessColours
    figures: FigureColours


STYLE_FILE = "excel-style.toml"
_TOML_POSITION = re.compile(r"line (\d+), column (\d+)")


class _DataFile(BaseModel):
    """One data file of templates/data: its name and the top-level key holding the list (None: the whole file)."""
    name: str
    key: str | None = None


DATA_FILES: dict[str, _DataFile] = {
    "organisation": _DataFile(name="organisation.toml"),
    "channels": _DataFile(name="channels.toml", key="channels"),
    "workshops": _DataFile(name="workshops.toml", key="workshops"),
    "workshop_calendar": _DataFile(name="workshops.toml", key="calendar"),
    "metrics": _DataFile(name="metrics.toml", key="metrics"),
    "checklist": _DataFile(name="readiness.toml", key="items"),
    "systems": _DataFile(name="systems.toml", key="systems"),
    "excel_style": _DataFile(name=STYLE_FILE),
    "reporting": _DataFile(name="reporting.toml"),
    "document_style": _DataFile(name="document-style.toml"),
}


def _read_toml(path: Path) -> tuple[dict[str, Any] | None, ConfigError | None]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), None
    except FileNotFoundError:
        return None, ConfigError(code="file_missing", file=str(path))
    except tomllib.TOMLDecodeError as exc:
        position = _TOML_POSITION.search(str(exc))
        line, column = position.groups() if position else ("?", "?")
        return None, ConfigError(code="toml_invalid", file=str(path), line=line, column=column)


def _problem(error: Any, path: Path, prefix: str | None) -> ConfigError:
    """One pydantic finding as a Finnish configuration problem naming the file and the key."""
    parts = [str(part) for part in error["loc"]]
    if prefix is not None and parts and parts[0].isdigit():
        parts[0] = f"{prefix}[{int(parts[0]) + 1}]"           # the n-th [[table]] entry, counted from 1
    key = ".".join(parts) or (prefix or "")
    kinds = {"missing": "key_missing", "extra_forbidden": "key_unknown", "value_error": "colour_invalid"}
    return ConfigError(code=kinds.get(error["type"], "value_invalid"), file=str(path), key=key,
                       value=repr(error.get("input", "")))


class Reference(BaseModel):
    """All reference data, loaded once per run and passed on; never module-level state."""

    model_config = ConfigDict(arbitrary_types_allowed=True, ignored_types=(cached_property,))

    organisation: Organisation
    channels: list[Channel]
    workshops: list[WorkshopInfo]
    workshop_calendar: WorkshopCalendar
    metrics: list[Metric]
    checklist: list[ChecklistItem]
    systems: list[KnownSystem]
    excel_style: ExcelStyle
    reporting: Reporting
    document_style: DocumentStyle
    language: str = DEFAULT_LANGUAGE

    @classmethod
    def load(cls, templates: Path = TEMPLATES, language: str = DEFAULT_LANGUAGE) -> Reference:
        """Every data file read and checked, its names in LANGUAGE; all problems of all files are raised together
        as one ConfigError."""
        values: dict[str, Any] = {}
        problems: list[ConfigError] = []
        for field_name, source in DATA_FILES.items():
            path = data_file(source.name, templates)
            data, problem = _read_toml(path)
            if problem is not None:
                problems.append(problem)
                continue
            assert data is not None
            if source.key is not None and source.key not in data:
                problems.append(ConfigError(code="key_missing", file=str(path), key=source.key, value=""))
                continue
            raw = data[source.key] if source.key is not None else data
            try:
                annotation: Any = cls.model_fields[field_name].annotation
                values[field_name] = TypeAdapter(annotation).validate_python(raw)
            except ValidationError as exc:
                problems.extend(_problem(error, path, source.key) for error in exc.errors())
        if problems:
            raise ConfigError.collected(list(problems))
        return cls(**values).in_language(language)

    def in_language(self, language: str) -> Reference:
        """This data with the names users see in LANGUAGE (every language's still known to each record)."""
        return self.model_copy(update={
            "language": language,
            "organisation": self.organisation.in_language(language),
            "channels": [c.in_language(language) for c in self.channels],
            "workshops": [w.in_language(language) for w in self.workshops],
            "metrics": [m.in_language(language) for m in self.metrics],
            "checklist": [i.in_language(language) for i in self.checklist],
            "systems": [s.in_language(language) for s in self.systems]})

    @property
    def readiness_items(self) -> list[str]:
        """The checklist items' names, in the guide's order."""
        return [item.name for item in self.checklist]

    def checklist_name(self, text: str) -> str:
        """A readiness checklist item named in the shown language, whichever language's name TEXT is (a workbook
        filled in Finnish, built in Swedish); a line's own item is shown as written."""
        known = self.__dict__.get("_checklist_names")
        if known is None or known[0] is not self.checklist:     # a copy in another language has a list of its own
            names: dict[str, str] = {}
            for item in self.checklist:             # each spelling → the item's shown name, the guide's first
                for spelling in item.spellings():
                    names.setdefault(one_line(spelling).casefold(), item.name)
            known = self.__dict__["_checklist_names"] = (self.checklist, names)
        return known[1].get(one_line(text).casefold(), text)

    @cached_property
    def line_codes(self) -> list[str]:
        return [code for area in self.organisation.areas for code in area.lines]

    def line_code_in_name(self, path: Path) -> str:
        """A line code written in a file name ("VAM - Kopio.xlsx", "NAO_v2.xlsx"), or ''."""
        tokens = re.split(r"[^0-9A-ZÅÄÖ]+", path.stem.upper())
        return next((t for t in tokens if t in self.line_codes), "")

    def area_of(self, line_code: str) -> Area | None:
        return next((a for a in self.organisation.areas if line_code in a.lines), None)

    def line_name(self, line_code: str) -> str:
        """The line's full name when the organisation file gives it, else ''."""
        area = self.area_of(line_code)
        return area.line_names.get(line_code, "") if area else ""

    def channel(self, code: str) -> Channel | None:
        return next((c for c in self.channels if c.code == code), None)

    def channel_name(self, code: str) -> str:
        """The channel's name; an unknown code is shown as written (the validator reports it)."""
        channel = self.channel(code)
        return channel.name if channel else code

    def wave_of(self, code: str) -> int | None:
        channel = self.channel(code)
        return channel.wave if channel else None

    @cached_property
    def channel_order(self) -> list[str]:
        """Channel codes wave 1 first, then wave 2, each by the guide's section number."""
        return [c.code for c in sorted(self.channels, key=lambda c: (c.wave, c.section))]

    def workshop(self, number: int) -> WorkshopInfo | None:
        return next((w for w in self.workshops if w.number == number), None)

    def metric(self, name: str) -> Metric | None:
        """The catalogue metric NAME denotes, by its name in any language or an earlier name (case and spacing
        ignored)."""
        key = one_line(name).casefold()
        return next((m for m in self.metrics
                     if key in {one_line(n).casefold() for n in (*m.texts(), *m.aliases)}), None)
