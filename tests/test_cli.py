"""The command line through click's CliRunner: exit codes, exact texts, JSON keys, files written."""
from __future__ import annotations

import hashlib
import json
import re
import time

import click
import pytest
from click.testing import CliRunner
from intake_helpers import edit, header_column, sample_file
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.paths import PROJECT_ROOT
from pipeline.schema import SCHEMA_VERSION


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def broken(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels, "KAT")
    def change(book):
        sheet = book["Kehittämispolku"]
        sheet.cell(2, header_column(sheet, "Alkaa")).value = "31.2.2025"
    return edit(path, change)


def test_validate_valid_workbook_exits_0(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("NAO.xlsx: kelvollinen – 0 virhettä, 0 varoitusta, täyttöaste ")
    assert result.output.rstrip().endswith("Yhteensä 1 työkirjaa: 1 kelvollista, 0 virheellistä.")


def test_validate_error_exits_1_with_sheet_cell_and_fix(broken):
    result = run("validate", broken)
    assert result.exit_code == 1
    assert ("  virhe: Kehittämispolku › D2 (Alkaa): Päivämäärää '31.2.2025' ei ole olemassa. "
            "Korjaus: Tarkista päivä ja kuukausi. Muoto p.k.vvvv, esim. 28.2.2025.") in result.output.splitlines()
    assert "Traceback" not in result.output


def test_validate_json_has_exactly_the_documented_keys(broken):
    result = run("validate", broken, "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert items and all(list(item) == ["code", "severity", "file", "sheet", "cell", "field", "value", "message",
                                        "hint"] for item in items)
    assert items[0]["severity"] == "virhe" and items[0]["cell"] == "D2"


def test_validate_folder_skips_lock_files_and_goes_on_past_a_broken_file(tmp_path, reference, labels):
    sample_file(tmp_path, reference, labels, "NAO")
    (tmp_path / "~$NAO.xlsx").write_bytes(b"lock")
    (tmp_path / "tyhja.xlsx").write_bytes(b"")
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    assert "~$" not in result.output
    assert "NAO.xlsx: kelvollinen" in result.output
    assert "tyhja.xlsx: ei luettavissa – 1 virhettä" in result.output


def test_validate_annotate_writes_a_marked_copy_and_leaves_the_input(broken, tmp_path):
    before = digest(broken)
    result = run("validate", broken, "--annotate", tmp_path / "merkitty")
    assert result.exit_code == 1
    copy = tmp_path / "merkitty" / "KAT-tarkistettu.xlsx"
    cell = load_workbook(copy)["Kehittämispolku"]["D2"]
    assert cell.comment.text.startswith("Päivämäärää '31.2.2025' ei ole olemassa.")
    assert cell.fill.fgColor.rgb.endswith("F4B6B6")
    assert digest(broken) == before


def test_validate_missing_path_is_a_usage_error(tmp_path):
    result = run("validate", tmp_path / "ei-ole.xlsx")
    assert result.exit_code == 2
    assert f"Polkua '{tmp_path / 'ei-ole.xlsx'}' ei löydy." in result.output


def test_intake_new_writes_a_blank_workbook_per_code(tmp_path):
    result = run("intake", "new", "NAO", "kat", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["KAT-digiasiointi-tietopohja.xlsx",
                                                          "NAO-digiasiointi-tietopohja.xlsx"]


def test_intake_new_unknown_code_is_a_usage_error(tmp_path):
    result = run("intake", "new", "XYZ", "-o", tmp_path)
    assert result.exit_code == 2
    assert "Tuntematon palvelulinjan tunnus 'XYZ'. Sallitut: NAO, KAT, AP" in result.output
    assert not list(tmp_path.iterdir())


def test_intake_upgrade_carries_an_old_workbook_into_the_current_schema(tmp_path, reference, labels):
    from pipeline.intake.load import read_intake
    from pipeline.samples import load_sample
    old = sample_file(tmp_path, reference, labels, "SP")
    def make_old(book):
        book["_digiplan"].cell(1, 2).value = SCHEMA_VERSION - 1
        sheet = book["Palvelut"]
        sheet.cell(1, header_column(sheet, "Asiakasryhmät")).value = "Asiakas"   # the v1 header
    edit(old, make_old)
    before = digest(old)
    assert run("validate", old).exit_code == 1
    result = run("intake", "upgrade", old)
    assert result.exit_code == 0, result.output
    new = tmp_path / "SP-paivitetty.xlsx"
    assert f"Sisältö siirretty uuteen pohjaan (versio {SCHEMA_VERSION}): {new}" in result.output
    upgraded = read_intake(new, reference, labels)
    assert upgraded.problems == [] and upgraded.plan == load_sample("SP")
    assert digest(old) == before


def test_intake_docs_is_current(tmp_path):
    result = run("intake", "docs", "-o", tmp_path / "t.md")
    assert result.exit_code == 0
    committed = (PROJECT_ROOT / "docs" / "tietopohja.md").read_text(encoding="utf-8")
    assert (tmp_path / "t.md").read_text(encoding="utf-8") == committed, "run `make docs`"
    assert "| Osiot 1–6 › 1. Palvelun perustiedot › Palvelun nimi | Palvelut | Palvelun nimi |" in committed


def test_build_bad_date_is_a_usage_error(tmp_path):
    result = run("build", tmp_path, "--as-of", "huomenna")
    assert result.exit_code == 2
    assert "'huomenna' ei ole päivämäärä." in result.output


def _commands(group, prefix=""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


def test_every_command_is_documented_in_the_readme_and_help():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands(cli):
        assert re.search(rf"digiplan {name}\b", readme), f"README lacks `digiplan {name}`"
        result = run(*name.split(), "--help")
        assert result.exit_code == 0 and "Käyttö: digiplan" in result.output
        assert not re.search(r"\bNone\b", result.output)


def test_annotated_copy_is_reproducible(broken, tmp_path):
    run("validate", broken, "--annotate", tmp_path / "a")
    time.sleep(1.1)          # a copy stamped with the run's clock would now differ
    run("validate", broken, "--annotate", tmp_path / "b")
    name = "KAT-tarkistettu.xlsx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
