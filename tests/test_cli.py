"""The command line through click's CliRunner: exit codes, exact texts, JSON keys, files written."""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from intake_helpers import edit, header_column, sample_file, write_plan
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.paths import PROJECT_ROOT
from pipeline.samples import load_sample
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
    result = run("validate", path, "--as-of", "26.11.2026")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("NAO.xlsx: kelvollinen – 0 virhettä, 0 varoitusta, täyttöaste ")
    assert result.output.rstrip().endswith("Yhteensä 1 työkirja: 1 kelvollinen, 0 virheellistä.")


def test_validate_error_exits_1_with_sheet_cell_and_fix(broken):
    result = run("validate", broken)
    assert result.exit_code == 1
    assert ("  virhe: Kehittämispolku › D2, Alkaa: Päivämäärää ”31.2.2025” ei ole olemassa. "
            "Korjaus: Tarkista päivä ja kuukausi ja kirjoita päivämäärä muodossa p.k.vvvv, esim. 28.2.2025."
            ) in result.output.splitlines()
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
    result = run("validate", tmp_path, "--as-of", "26.11.2026")
    assert result.exit_code == 1
    assert "~$" not in result.output
    assert "NAO.xlsx: kelvollinen" in result.output
    assert "tyhja.xlsx: ei luettavissa – 1 virhe, 0 varoitusta" in result.output


def test_validate_annotate_writes_a_marked_copy_and_leaves_the_input(broken, tmp_path):
    before = digest(broken)
    result = run("validate", broken, "--annotate", tmp_path / "merkitty")
    assert result.exit_code == 1
    copy = tmp_path / "merkitty" / "KAT-tarkistettu.xlsx"
    cell = load_workbook(copy)["Kehittämispolku"]["D2"]
    assert cell.comment.text.startswith("Päivämäärää ”31.2.2025” ei ole olemassa.")
    assert cell.fill.fgColor.rgb.endswith("F4B6B6")
    assert digest(broken) == before


def test_validate_missing_path_is_a_usage_error(tmp_path):
    result = run("validate", tmp_path / "ei-ole.xlsx")
    assert result.exit_code == 2
    assert f"Tiedostoa tai kansiota ”{tmp_path / 'ei-ole.xlsx'}” ei löydy. Tarkista polku." in result.output


def test_intake_new_writes_a_blank_workbook_per_code(tmp_path):
    result = run("intake", "new", "NAO", "kat", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["KAT-digiasiointi-tietopohja.xlsx",
                                                          "NAO-digiasiointi-tietopohja.xlsx"]


def test_intake_new_unknown_code_is_a_usage_error(tmp_path):
    result = run("intake", "new", "XYZ", "-o", tmp_path)
    assert result.exit_code == 2
    assert "Palvelulinjan tunnusta ”XYZ” ei ole. Anna jokin näistä: NAO, KAT, AP" in result.output
    assert not list(tmp_path.iterdir())


def test_intake_new_never_overwrites_a_filled_workbook(tmp_path, reference, labels):
    from pipeline.intake.load import read_intake
    from pipeline.intake.writer import blank_plan
    target = write_plan(load_sample("VAM"), tmp_path / "VAM-digiasiointi-tietopohja.xlsx", reference, labels)
    before = digest(target)
    result = run("intake", "new", "VAM", "-o", tmp_path)
    assert result.exit_code == 2
    assert result.output == (f"Virhe: Tiedostossa ”{target}” on jo sisältöä, joten sitä ei korvata tyhjällä "
                             "pohjalla. Anna toinen kansio (-o KANSIO), siirrä tiedosto pois tai korvaa se valinnalla "
                             "--force.\n")
    assert digest(target) == before
    assert run("intake", "new", "VAM", "-o", tmp_path, "--force").exit_code == 0
    assert read_intake(target, reference, labels).plan == blank_plan("VAM", reference)


def test_intake_new_writes_over_its_own_blank_workbook(tmp_path):
    assert run("intake", "new", "NAO", "-o", tmp_path).exit_code == 0
    result = run("intake", "new", "NAO", "-o", tmp_path)
    assert result.exit_code == 0
    assert result.output == f"Kirjoitettu: {tmp_path / 'NAO-digiasiointi-tietopohja.xlsx'}\n"


def test_intake_new_writes_by_default_where_neither_build_nor_clean_looks():
    from pathlib import Path

    from pipeline.paths import INPUT_FOLDER, NEW_FOLDER, OUTPUT_FOLDER
    new = next(p for p in cli.commands["intake"].commands["new"].params if p.name == "out")
    assert new.default == NEW_FOLDER == Path("new_workbooks")          # relative to the folder run in
    assert NEW_FOLDER not in (INPUT_FOLDER, OUTPUT_FOLDER) and OUTPUT_FOLDER not in NEW_FOLDER.parents
    assert "new_workbooks/" in (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("args, message", [
    (("intake", "new", "NAO", "-o", "{file}"), "”{file}” on tiedosto, ei kansio. Anna kansio, johon tiedostot "
                                                "kirjoitetaan."),
    (("validate", "{workbook}", "--annotate", "{file}"), "”{file}” on tiedosto, ei kansio. Anna kansio, johon "
                                                          "tiedostot kirjoitetaan."),
    (("build", "{inputs}", "-o", "{file}"), "”{file}” on tiedosto, ei kansio. Anna kansio, johon tiedostot "
                                            "kirjoitetaan."),
    (("build", "{inputs}", "-o", "{file}/ulos"), "Kansiota ”{file}/ulos” ei voi luoda, koska sen polussa on "
                                                 "tiedosto. Anna toinen kansio."),
    (("intake", "docs", "-o", "{inputs}"), "”{inputs}” on kansio. Anna tiedoston nimi."),
    (("intake", "upgrade", "{workbook}", "-o", "{inputs}"), "”{inputs}” on kansio. Anna tiedoston nimi."),
])
def test_a_folder_that_cannot_be_used_is_one_finnish_line_and_exit_2(tmp_path, reference, labels, args, message):
    inputs = tmp_path / "in"
    inputs.mkdir()
    workbook = sample_file(inputs, reference, labels, "NAO")
    file = tmp_path / "tiedosto.xlsx"
    file.write_bytes(b"olemassa")
    names = {"file": file, "workbook": workbook, "inputs": inputs}
    result = run(*(a.format(**names) for a in args))
    assert result.exit_code == 2
    assert result.output == f"Virhe: {message.format(**names)}\n"
    assert file.read_bytes() == b"olemassa" and sorted(p.name for p in inputs.iterdir()) == ["NAO.xlsx"]


def test_intake_upgrade_carries_an_old_workbook_into_the_current_schema(tmp_path, reference, labels):
    from pipeline.intake.load import read_intake
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
    assert f"Sisältö on siirretty uuteen pohjaan (versio {SCHEMA_VERSION}): {new}" in result.output
    upgraded = read_intake(new, reference, labels)
    assert upgraded.problems == [] and upgraded.plan == load_sample("SP")
    assert digest(old) == before


def old_version(path, change=None):
    def make_old(book):
        book["_digiplan"].cell(1, 2).value = SCHEMA_VERSION - 1
        if change:
            change(book)
    return edit(path, make_old)


def test_intake_upgrade_recognises_a_renamed_sheet_by_its_headers(tmp_path, reference, labels):
    old = old_version(sample_file(tmp_path, reference, labels, "SP"),
                      lambda book: setattr(book["Palvelut"], "title", "Palvelut 2025"))
    result = run("intake", "upgrade", old)
    assert result.exit_code == 0, result.output
    new = tmp_path / "SP-paivitetty.xlsx"
    assert result.output.splitlines() == [
        "Nämä kohdat siirtyivät uuteen pohjaan sellaisinaan; korjaa ne uudessa pohjassa:",
        "  varoitus: Palvelut 2025 › A1: Välilehti ”Palvelut 2025” luettiin välilehtenä ”Palvelut”, koska sen "
        "sarakeotsikot ovat samat. Korjaus: Nimeä välilehti takaisin nimelle ”Palvelut”.",
        f"Sisältö on siirretty uuteen pohjaan (versio {SCHEMA_VERSION}): {new}",
    ]
    services = load_workbook(new)["Palvelut"]
    ids = [row[0] for row in services.iter_rows(min_row=2, values_only=True) if row[0]]
    assert ids == [s.id for s in load_sample("SP").services]


def test_intake_upgrade_that_cannot_carry_everything_writes_nothing_and_exits_1(tmp_path, reference, labels):
    def extra_column(book):
        goals = book["Tavoitteet ja mittarit"]
        goals["J1"], goals["J2"] = "Lisätiedot", "Tärkeä huomio"
    old = old_version(sample_file(tmp_path, reference, labels, "SP"), extra_column)
    result = run("intake", "upgrade", old)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Nämä tiedot eivät siirtyisi uuteen pohjaan:",
        "  varoitus: Tavoitteet ja mittarit › J1: Sarake ”Lisätiedot” ei kuulu pohjaan, joten sen tietoja ei lueta: "
        "J2. Korjaus: Siirrä tiedot johonkin pohjan sarakkeeseen (esim. huomioihin), jos ne kuuluvat suunnitelmaan.",
        f"Päivitystä ei tehty, koska yllä luetellut tiedot jäisivät siirtämättä. Korjaa ne työkirjaan {old} ja aja "
        "päivitys uudelleen.",
    ]
    assert not (tmp_path / "SP-paivitetty.xlsx").exists()


def test_intake_docs_is_current(tmp_path):
    result = run("intake", "docs", "-o", tmp_path / "t.md")
    assert result.exit_code == 0
    committed = (PROJECT_ROOT / "docs" / "tietopohja.md").read_text(encoding="utf-8")
    assert (tmp_path / "t.md").read_text(encoding="utf-8") == committed, "run `make docs`"
    assert "| Osiot 1–6 › 1. Palvelun perustiedot › Palvelun nimi | Palvelut | Palvelun nimi |" in committed


def test_build_bad_date_is_a_usage_error(tmp_path):
    result = run("build", tmp_path, "--as-of", "huomenna")
    assert result.exit_code == 2
    assert "”huomenna” ei ole päivämäärä." in result.output


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


# --- annotated copies: merged cells, problems without a cell ---------------------------------------------------

def test_annotated_copy_of_a_workbook_with_merged_cells_and_a_deleted_sheet(tmp_path, reference, labels):
    folder = tmp_path / "in"
    folder.mkdir()
    def merge_and_delete(book):
        book["Palvelut"]["B3"] = None
        book["Palvelut"].merge_cells("B2:B3")
        book.remove(book["Viestintä"])
    edit(sample_file(folder, reference, labels, "NAO"), merge_and_delete)
    sample_file(folder, reference, labels, "KAT")
    edit(folder / "KAT.xlsx", lambda book: book["Ohjeet"].merge_cells("A40:C41"))
    result = run("validate", folder, "--annotate", tmp_path / "merkitty")
    assert result.exit_code == 1 and "Traceback" not in result.output
    book = load_workbook(tmp_path / "merkitty" / "NAO-tarkistettu.xlsx")
    assert book.sheetnames[0] == "Tarkistuksen tulokset" and book.active.title == "Tarkistuksen tulokset"
    notes = [[c.value for c in row] for row in book["Tarkistuksen tulokset"].iter_rows(min_row=4)]
    assert notes[0] == ["Vakavuus", "Välilehti", "Solu", "Ongelma", "Korjaus"]
    assert notes[1] == ["virhe", "Viestintä", None, "Välilehti ”Viestintä” puuttuu.",
                        "Palauta välilehti kopioimalla se uudesta pohjasta (digiplan intake new TUNNUS) tai "
                        "käytä työkirjan aiempaa versiota."]
    assert ["virhe", "Palvelut", "B2", "Solut B2:B3 on yhdistetty, joten arvo luetaan vain solusta B2.",
            "Pura solujen yhdistäminen ja kirjoita arvo jokaiseen soluun erikseen."] in notes
    assert book["Palvelut"]["B2"].comment.text.startswith("Solut B2:B3 on yhdistetty")
    assert [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected] == ["Tarkistuksen tulokset"]


# --- files others can open -------------------------------------------------------------------------------------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        result = run("intake", "new", "NAO", "-o", tmp_path)
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE((tmp_path / "NAO-digiasiointi-tietopohja.xlsx").stat().st_mode) == mode


# --- the command line speaks Finnish ---------------------------------------------------------------------------

ENGLISH = re.compile(r"Usage|Options|Commands|Show this|Missing|No such|Error|Try |PATH|TEXT|INTEGER|for help")


def test_help_of_every_command_is_finnish():
    for name in ["", *_commands(cli)]:
        result = run(*name.split(), "--help")
        assert result.exit_code == 0
        assert not ENGLISH.search(result.output), (name, result.output)
    root = run("--help").output.splitlines()
    assert root[0] == "Käyttö: digiplan [VALINNAT] KOMENTO [ARGUMENTIT]..."
    assert "  --help        Näytä tämä ohje ja lopeta." in root


@pytest.mark.parametrize("args, lines", [
    (("validate",), ["Käyttö: digiplan validate [VALINNAT] POLKU...", "Ohje: digiplan validate --help", "",
                     "Virhe: Puuttuva argumentti ”POLKU...”."]),
    (("rakenna",), ["Käyttö: digiplan [VALINNAT] KOMENTO [ARGUMENTIT]...", "Ohje: digiplan --help", "",
                    "Virhe: Komentoa ”rakenna” ei ole."]),
    (("validate", "x.xlsx", "--format", "pdf"), [
        "Käyttö: digiplan validate [VALINNAT] POLKU...", "Ohje: digiplan validate --help", "",
        "Virhe: Virheellinen arvo kohdassa ”--format”: ”pdf” ei ole mikään näistä: ”text”, ”json”."]),
    (("build", "--jobs", "0"), [
        "Käyttö: digiplan build [VALINNAT] [POLKU]...", "Ohje: digiplan build --help", "",
        "Virhe: Virheellinen arvo kohdassa ”-j” / ”--jobs”: 0 ei ole välillä 1<=x<=64."]),
    (("validate", "x.xlsx", "--värit"), [
        "Käyttö: digiplan validate [VALINNAT] POLKU...", "Ohje: digiplan validate --help", "",
        "Virhe: Valintaa ”--värit” ei ole."]),
    (("--version",), ["digiplan, versio 0.1.0"]),
])
def test_usage_errors_are_finnish(args, lines):
    result = run(*args)
    assert result.exit_code == (0 if args == ("--version",) else 2)
    assert result.output.splitlines() == lines


def test_every_text_of_click_has_a_finnish_translation(labels):
    import ast
    texts = labels.node("click")
    missing = []
    for module in sorted(Path(click.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext") and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                if node.args[0].value not in texts:
                    missing.append(f"{module.name}: {node.args[0].value!r}")
    assert not missing, missing


def test_make_help_is_finnish():
    result = subprocess.run(["make", "-s", "help"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0] == "Make-kohteet (make KOHDE):"
    assert any(re.fullmatch(r"\s*test\s+Aja testit rinnakkain.*", line) for line in lines), lines
    assert not ENGLISH.search(result.stdout) and not re.search(r"\b(Run|Set up|Remove|List)\b", result.stdout)


def test_readme_lists_the_prerequisites_and_the_folders_commands_write_to():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11" in readme and "make" in readme and "LibreOffice" in readme
    assert "`new_workbooks/`" in readme and "`output/tarkistetut/`" in readme
