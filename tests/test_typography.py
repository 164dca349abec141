"""Typography of every catalogue text, Finnish and Swedish alike: quotation marks ” ” around values, a no-break
space before a unit, % and €, an en dash in a range."""
from __future__ import annotations

import re

import pytest
from catalogue_helpers import user_texts, without_plurals

from pipeline.catalog import Labels

UNITS = {"fi": r"%|€|htv|kk|Mt|min|h", "sv": r"%|€|årsv\.|mån\.|MB|min|h"}


@pytest.fixture(scope="module", params=sorted(UNITS))
def catalogue(request) -> Labels:
    return Labels.load(request.param)


def test_no_text_uses_straight_quotes(catalogue):
    """Values are quoted with ” ”: ”Palvelut”, never 'Palvelut' or "Palvelut"."""
    straight = [f"{key}: {text}" for key, text in user_texts(catalogue) if "'" in text or '"' in text]
    assert not straight, straight


def test_units_percent_and_euro_follow_a_no_break_space(catalogue):
    pattern = re.compile(rf"(\}}|\d) ({UNITS[catalogue.language]})(?![\wåäö])")
    loose = [f"{key}: {text}" for key, text in user_texts(catalogue) if pattern.search(without_plurals(text))]
    assert not loose, loose


def test_ranges_use_an_en_dash(catalogue):
    pattern = re.compile(r"(\}|\d)\s?-\s?(\{|\d)")
    hyphens = [f"{key}: {text}" for key, text in user_texts(catalogue) if pattern.search(text)]
    assert not hyphens, hyphens
