"""A channel is read into its code once, in any language (issue 19): a Swedish build reads the Finnish sample
workbooks, and a Swedish workbook reads back, with the same services per channel as the Finnish build. Expected
counts come from tests/data/count_facts.py (openpyxl on input_workbooks/), written here as literals."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from intake_helpers import write_plan
from openpyxl import load_workbook

from pipeline.catalog import Labels
from pipeline.intake.load import read_intake
from pipeline.reference import Reference

WORKBOOKS = Path(__file__).resolve().parents[1] / "input_workbooks"
VAM = {"chat": 1, "consultations": 1, "forms": 2, "messages": 1, "video": 1}
COUNTY = {"chat": 13, "consultations": 7, "forms": 24, "health_data": 8, "messages": 14, "video": 13}


@pytest.fixture(scope="module")
def sv() -> tuple[Reference, Labels]:
    return Reference.load(language="sv"), Labels.load("sv")


def channels(path: Path, reference: Reference, labels: Labels) -> Counter[str]:
    result = read_intake(path, reference, labels)
    assert result.plan is not None
    return Counter(service.channel for service in result.plan.services)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_county_workbooks_read_the_same_channels_in_both_languages(language, reference, labels, sv):
    ref, lab = (reference, labels) if language == "fi" else sv
    total: Counter[str] = Counter()
    for path in sorted(WORKBOOKS.glob("*.xlsx")):
        total += channels(path, ref, lab)
    assert dict(total) == COUNTY
    assert sum(total.values()) == 79


def test_a_swedish_workbook_keeps_its_chat_services(sv, tmp_path):
    ref, lab = sv
    finnish = read_intake(WORKBOOKS / "VAM-esimerkki-tietopohja.xlsx", ref, lab).plan
    assert finnish is not None
    path = write_plan(finnish, tmp_path / "VAM-sv.xlsx", ref, lab)
    counted = channels(path, ref, lab)
    assert dict(counted) == VAM
    assert counted["chat"] + counted["messages"] + counted["forms"] == 4      # wave 1: VAM's four services
    sheet = load_workbook(path)["Tjänster"]
    assert "Chatt" in [cell.value for cell in sheet["B"]]                     # shown under its Swedish name
