"""The editable reference data in templates/data/: organisation, channels, workshops, metrics, checklist, systems."""
from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

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
