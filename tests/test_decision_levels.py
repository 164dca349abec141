"""The level a decision is asked at (FIGURES.md "Decisions"): another body's level comes from its name, through the
words of templates/data/organisation.toml [decision_bodies], which the county edits without touching the code."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from pipeline.paths import TEMPLATES
from pipeline.reference import Reference
from pipeline.schema import DeciderLevel, Decision
from pipeline.view.decisions import decision_level

AS_OF = dt.date(2026, 12, 6)


def decision(decider: str, name: str = "") -> Decision:
    return Decision.model_validate({"decision": "Lisärahoitus", "decider": decider, "decider_name": name,
                                    "status": "waiting"})


@pytest.mark.parametrize(("name", "level"), [
    ("Länsi-Uudenmaan hyvinvointialueen aluehallitus", DeciderLevel.COUNTY),     # county words first
    ("Digipalvelujen OHJAUSRYHMÄ", DeciderLevel.COUNTY),
    ("Regionstyrelsen", DeciderLevel.COUNTY),
    ("Ikääntyneiden palvelualueen johtoryhmä", DeciderLevel.AREA),
    ("Serviceområdets ledningsgrupp", DeciderLevel.AREA),
    ("Kotihoidon tiimipalaveri", DeciderLevel.LINE),                           # names no level: the line's
])
def test_another_body_is_asked_at_the_level_its_name_names(reference, name, level):
    assert decision_level(decision("body", name), reference.organisation.decision_bodies) is level


def test_a_named_level_is_kept_whatever_the_name(reference):
    bodies = reference.organisation.decision_bodies
    assert decision_level(decision("area", "Aluehallitus"), bodies) is DeciderLevel.AREA
    assert decision_level(decision("county"), bodies) is DeciderLevel.COUNTY


def test_the_words_are_the_data_files_own(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "data", templates / "data")
    data = templates / "data" / "organisation.toml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('area = ["palvelualue"', 'area = ["Talousjaosto", "palvelualue"'), encoding="utf-8")
    bodies = Reference.load(templates).organisation.decision_bodies
    assert decision_level(decision("body", "Hyvinvointialueen talousjaosto"), bodies) is DeciderLevel.COUNTY
    assert decision_level(decision("body", "Palvelulinjan talousjaosto"), bodies) is DeciderLevel.AREA
