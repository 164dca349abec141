"""Real version-2 workbooks (saved before schema version 3 added the leadership sheets and the exit columns) carried
into the current schema: nothing is lost, cell by cell, and the new sheets are there to fill."""
from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.intake.fields import sheet_name
from pipeline.intake.load import read_intake
from pipeline.schema import SCHEMA_VERSION, SHEETS

V2 = sorted((Path(__file__).parent / "data" / "v2").glob("*.xlsx"))


def cell_values(path: Path, labels) -> dict[str, Counter]:
    """Every filled cell a line wrote into each data sheet (a form's value column, a table's rows below its
    header; not the template's own labels and help), dates as dates, counted."""
    book = load_workbook(path)
    out: dict[str, Counter] = {}
    for spec in SHEETS:
        name = sheet_name(spec, labels)
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        values: Counter = Counter()
        cells = (sheet.iter_rows(min_col=2, max_col=2, values_only=True) if spec.is_form
                 else sheet.iter_rows(min_row=2, values_only=True))
        for row in cells:
            for value in row:
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                values[value.date() if isinstance(value, dt.datetime) else value] += 1
        out[name] = values
    return out


def upgrade_copies(sources: list[Path], folder: Path) -> list[tuple[Path, Path]]:
    """Each of SOURCES copied into FOLDER and carried into the current schema with `intake upgrade`: (old, new)."""
    pairs = []
    for source in sources:
        old = shutil.copy(source, folder / source.name)
        result = CliRunner().invoke(cli, ["intake", "upgrade", str(old)])
        assert result.exit_code == 0, result.output
        assert f"(versio {SCHEMA_VERSION})" in result.output
        pairs.append((Path(old), folder / f"{source.stem}-paivitetty.xlsx"))
    return pairs


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    return upgrade_copies(V2, tmp_path_factory.mktemp("v2"))


def test_the_v2_files_are_version_2(upgraded):
    assert len(upgraded) == 3
    for old, _ in upgraded:
        assert load_workbook(old)["_digiplan"].cell(1, 2).value == 2


def renamed_choices(labels) -> dict[str, str]:
    """A choice's earlier name → its name now (enums.earlier in the catalogue)."""
    return {old: labels.get(f"enums.{kind}.{value}") for kind, values in labels.node("enums.earlier").items()
            for value, names in values.items() for old in names}


def test_every_filled_cell_of_a_v2_workbook_is_in_the_upgraded_one(upgraded, labels, reference):
    now = renamed_choices(labels)
    assert now                                          # the samples use names the catalogue has since renamed
    now["Käyttöönotettavien palveluiden määrittely"] = reference.checklist_name("Käyttöönotettavien palveluiden "
                                                                                "määrittely")  # a reworded item
    for old, new in upgraded:
        before, after = cell_values(old, labels), cell_values(new, labels)
        before = {sheet: Counter({now.get(v, v) if isinstance(v, str) else v: n for v, n in values.items()})
                  for sheet, values in before.items()}
        assert len(before) >= 14, old.name
        for sheet, values in before.items():
            missing = values - after[sheet]
            assert not missing, (old.name, sheet, list(missing)[:5])


def test_the_upgraded_plan_is_the_v2_plan_with_the_new_sheets_empty(upgraded, reference, labels):
    new_sheets = [spec for spec in SHEETS if spec.model.since == 3]        # the sheets schema 3 added
    assert new_sheets
    for old, new in upgraded:
        before = read_intake(old, reference, labels, check_version=False)
        after = read_intake(new, reference, labels)
        assert before.plan is not None and after.valid, [p.message for p in after.errors]
        assert after.plan == before.plan
        book = load_workbook(new)
        for spec in new_sheets:
            assert sheet_name(spec, labels) in book.sheetnames
