"""The editable reference data in templates/data/: organisation, channels, workshops, metrics, checklist, systems,
and the colours and fonts of the Excel files (excel-style.toml)."""
from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from pipeline.exceptions import ConfigError
from pipeline.paths import TEMPLATES, data_file


class Area(BaseModel):
    code: str
    name: str
    lines: list[str]


class Organisation(BaseModel):
    name: str
    short_name: str
    website: str = ""
    areas: list[Area]


class Channel(BaseModel):
    code: str
    name: str
    section: int
    wave: int
    workshop: int


class WorkshopInfo(BaseModel):
    number: int
    name: str
    duration_hours: float
    sections: str
    goal: str


class Metric(BaseModel):
    name: str
    unit: str
    channels: list[str] = []


class KnownSystem(BaseModel):
    name: str
    aliases: list[str] = []


def _rgb(value: str) -> str:
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise ValueError("not an RGB colour of six hexadecimal digits")
    return value.upper()


Colour = Annotated[str, AfterValidator(_rgb)]


class _Style(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoadmapStyle(_Style):
    font_name: str = Field(min_length=1)
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


class Highlight(_Style):
    """A highlighted cell: background and text colour."""
    fill: Colour
    text: Colour


class ExitStateStyle(_Style):
    """One highlight per system exit state; the field names are the state values."""
    blocked: Highlight
    delayed: Highlight
    scheduled: Highlight
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


class AnnotationStyle(_Style):
    error_fill: Colour
    warning_fill: Colour


class ExcelStyle(_Style):
    """The colours and fonts of every Excel file digiplan writes (templates/data/excel-style.toml)."""
    roadmap: RoadmapStyle
    line_states: LineStateStyle
    completeness: ScaleStyle
    gantt: GanttStyle
    exit_states: ExitStateStyle
    blocker: Highlight
    overdue: Highlight
    risks: RiskStyle
    intake: IntakeStyle
    annotations: AnnotationStyle


STYLE_FILE = "excel-style.toml"


def _style_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return f"Kohta '{where}' puuttuu."
    if error["type"] == "extra_forbidden":
        return f"Tuntematon kohta '{where}'."
    return f"Kohdan '{where}' arvo {error['input']!r} ei kelpaa."


def load_excel_style(templates: Path) -> ExcelStyle:
    try:
        return ExcelStyle.model_validate(_load(STYLE_FILE, templates))
    except ValidationError as exc:
        raise ConfigError(_style_problem(exc), file=str(data_file(STYLE_FILE, templates)),
                          hint="Anna värit kuutena heksadesimaalimerkkinä ilman #-merkkiä, esim. \"1F3864\", "
                               "ja vertaa tiedostoa alkuperäiseen malliin.") from None


def _load(name: str, templates: Path) -> dict:
    path = data_file(name, templates)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError("Tiedosto puuttuu.", file=str(path),
                          hint="Palauta tiedosto templates/data-kansioon.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Tiedoston muoto on virheellinen: {exc}.", file=str(path),
                          hint="Korjaa TOML-muoto (lainausmerkit, hakasulkeet).") from None


class Reference(BaseModel):
    """All reference data, loaded once per run and passed on; never module-level state."""

    organisation: Organisation
    channels: list[Channel]
    workshops: list[WorkshopInfo]
    metrics: list[Metric]
    readiness_items: list[str]
    systems: list[KnownSystem]
    excel_style: ExcelStyle

    @classmethod
    def load(cls, templates: Path = TEMPLATES) -> "Reference":
        try:
            return cls(
                organisation=Organisation(**_load("organisation.toml", templates)),
                channels=_load("channels.toml", templates)["channels"],
                workshops=_load("workshops.toml", templates)["workshops"],
                metrics=_load("metrics.toml", templates)["metrics"],
                readiness_items=_load("readiness.toml", templates)["items"],
                systems=_load("systems.toml", templates)["systems"],
                excel_style=load_excel_style(templates),
            )
        except (ValidationError, KeyError) as exc:
            raise ConfigError(f"Viitetietojen rakenne on virheellinen: {exc}",
                              file=str(templates / "data"),
                              hint="Vertaa tiedostoa alkuperäiseen malliin.") from None

    @cached_property
    def line_codes(self) -> list[str]:
        return [code for area in self.organisation.areas for code in area.lines]

    def area_of(self, line_code: str) -> Area | None:
        return next((a for a in self.organisation.areas if line_code in a.lines), None)

    def channel(self, code: str) -> Channel:
        return next(c for c in self.channels if c.code == code)

    @cached_property
    def channel_order(self) -> list[str]:
        """Channel codes wave 1 first, then wave 2, each by the guide's section number."""
        return [c.code for c in sorted(self.channels, key=lambda c: (c.wave, c.section))]

    def metric(self, name: str) -> Metric | None:
        key = " ".join(name.split()).casefold()
        return next((m for m in self.metrics if m.name.casefold() == key), None)

    model_config = {"arbitrary_types_allowed": True, "ignored_types": (cached_property,)}
