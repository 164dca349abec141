"""The names the county must confirm (issue 23): one file, templates/data/names-to-confirm.toml, each name with its
source, and each the name the outputs use now, so that a correction made there is made where the name lives too."""
from __future__ import annotations

import tomllib

import pytest

from pipeline.catalog import Labels
from pipeline.paths import TEMPLATES
from pipeline.reference import Reference

NAMES = tomllib.loads((TEMPLATES / "data" / "names-to-confirm.toml").read_text(encoding="utf-8"))["names"]


def used_name(kind: str, key: str, language: str) -> str:
    """The name digiplan uses now for KEY of KIND in LANGUAGE."""
    if kind == "term":
        return Labels.load(language).get(f"glossary.{key}.term")
    reference = Reference.load(language=language)
    if kind == "area":
        return next(a.name for a in reference.organisation.areas if a.code == key)
    assert kind == "channel", kind
    return reference.channel_name(key)


def test_the_file_names_the_disputed_names_of_the_review_each_with_its_source_and_question():
    swedish = {entry["sv"] for entry in NAMES}
    assert {"Servicelinje", "Serviceområde", "Tjänster för personer med funktionsnedsättning",
            "KOPA – Kundtjänster"} <= swedish
    assert "Handikappservice" in next(e["alternatives"] for e in NAMES if e["key"] == "VAM")
    assert "Tjänstelinje" in next(e["alternatives"] for e in NAMES if e["key"] == "line")
    for entry in NAMES:
        assert entry["source"].strip() and entry["question"].strip().endswith("?"), entry["key"]
        assert entry["kind"] in ("term", "area", "channel"), entry["key"]


@pytest.mark.parametrize("entry", NAMES, ids=[f"{e['kind']}-{e['key']}" for e in NAMES])
def test_each_name_to_confirm_is_the_name_the_outputs_use(entry):
    assert used_name(entry["kind"], entry["key"], "fi") == entry["fi"]
    assert used_name(entry["kind"], entry["key"], "sv") == entry["sv"]
    assert entry["sv"] not in entry["alternatives"]
