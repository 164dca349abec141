"""Version-3 workbooks (copies of the samples saved before schema 4 added how a resourcing row's need is met and its
funding) carried into schema 4: every filled cell is kept, the plan reads the same, and a row without the new
columns counts as new recruitment with its funding not stated (FIGURES.md "Staffing")."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from renders import PDF_SAMPLES
from test_upgrade_v2 import cell_values, upgrade_copies

from pipeline.intake.load import read_intake
from pipeline.view.staffing import staffing_totals

V3 = sorted((Path(__file__).parent / "data" / "v3").glob("*.xlsx"))


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """The spread of samples the layout tests use (every sample in CI: DIGIPLAN_ALL_SAMPLES=1), upgraded."""
    spread = [path for path in V3 if path.name.split("-")[0] in PDF_SAMPLES]
    return upgrade_copies(spread, tmp_path_factory.mktemp("v3"))


def test_the_v3_files_are_version_3(upgraded):
    assert len(V3) == 15                            # every sample, as saved before schema 4
    assert {old.name for old, _ in upgraded} >= {"KAT-v3.xlsx", "NAO-v3.xlsx"}
    for old, _ in upgraded:
        assert load_workbook(old)["_digiplan"].cell(1, 2).value == 3


def test_every_filled_cell_of_a_v3_workbook_is_in_the_upgraded_one(upgraded, labels, reference):
    for old, new in upgraded:
        before, after = cell_values(old, labels), cell_values(new, labels)
        # a readiness item reworded since (templates/data/readiness.toml's aliases) is written in its new wording
        before = {sheet: Counter({reference.checklist_name(v) if isinstance(v, str) else v: n
                                  for v, n in values.items()}) for sheet, values in before.items()}
        for sheet, values in before.items():
            missing = values - after[sheet]
            assert not missing, (old.name, sheet, list(missing)[:5])


def test_the_upgraded_plan_is_the_v3_plan_and_its_rows_are_new_recruitment(upgraded, reference, labels):
    for old, new in upgraded:
        before = read_intake(old, reference, labels, check_version=False)
        after = read_intake(new, reference, labels)
        assert before.plan is not None and after.valid, [p.message for p in after.errors]
        assert after.plan == before.plan
        assert all(r.arrangement is None and r.funding is None for r in after.plan.resources)
        headers = [c.value for c in load_workbook(new)["Resursointi"][1]]
        assert "Miten tarve katetaan" in headers and "Rahoitus" in headers
    kat = read_intake(next(new for old, new in upgraded if old.name == "KAT-v3.xlsx"), reference, labels).plan
    assert kat is not None and kat.basics.line_code == "KAT"
    totals = staffing_totals(kat.resources)
    assert (totals.new_need, totals.unfunded, totals.transfers) == (4.5, 4.5, 0.0)   # v3 says nothing more
