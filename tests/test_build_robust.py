"""Files and folders as people keep them (issue 22): an output open in Word, workbooks in subfolders, samples beside
real workbooks, two copies of one file, building into the input folder, defaults relative to the current folder."""
from __future__ import annotations

import os
import shutil

import pytest
from build_helpers import AS_OF, LINES, build
from click.testing import CliRunner
from intake_helpers import edit

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout


def set_key_message(book, text):
    book["Johdon yhteenveto"]["B2"] = text


# --- 3: an output that cannot be replaced ------------------------------------------------------------------------

LOCKED = ("NAO-kayttoonottosuunnitelma.docx", "LUVN-paketti.zip")      # a line's document and the county's package


def test_an_output_open_in_word_is_named_the_old_file_stays_and_the_rest_is_built(two_lines, labels, monkeypatch):
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    locked = [next(p for p in out.rglob("*") if p.name == name) for name in LOCKED]
    before = [path.read_bytes() for path in locked]
    deck = layout.deck("AVO")
    deck_before = deck.read_bytes()
    for code in LINES:
        edit(inputs / layout.sample_workbook(code).name, lambda book: set_key_message(book, "Uusi avainviesti."))
    replace = os.replace

    def refusing(source, target, *args, **kwargs):
        if os.fspath(target).endswith(LOCKED):
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return replace(source, target, *args, **kwargs)
    monkeypatch.setattr(os, "replace", refusing)
    result = build(inputs, out)
    assert result.exit_code == 1
    for path, data in zip(locked, before, strict=True):
        assert f"Tiedostoa {path} ei voitu korvata, koska se on auki toisessa ohjelmassa" in result.output
        assert path.read_bytes() == data
    assert "Traceback" not in result.output
    assert deck.read_bytes() != deck_before                      # the other line's documents were made again
    assert layout.county_package().exists() and layout.area_package("IKA").exists()
    assert not list(out.rglob(".*.tmp"))


# --- 5: workbooks in subfolders ----------------------------------------------------------------------------------

def test_workbooks_in_subfolders_are_read_and_named_by_their_relative_path(two_lines, labels):
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    for code, area in (("NAO", "IKA"), ("AVO", "TERV")):
        (inputs / area).mkdir()
        shutil.move(inputs / layout.sample_workbook(code).name, inputs / area / layout.sample_workbook(code).name)
    shutil.rmtree(out)
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    assert layout.word_plan("NAO").exists() and layout.word_plan("AVO").exists()
    report = layout.validation_report("txt").read_text(encoding="utf-8")
    assert "IKA/NAO-esimerkki-tietopohja.xlsx" in report
    assert "TERV/AVO-esimerkki-tietopohja.xlsx" in report


# --- 12: byte-identical copies -----------------------------------------------------------------------------------

COPIES = ("NAO-esimerkki-tietopohja (1).xlsx", "vanhat/NAO-kopio.xlsx")       # beside it and in a subfolder


def test_a_byte_identical_copy_is_read_once_and_said(two_lines, labels):
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    for copy_name in COPIES:
        (inputs / copy_name).parent.mkdir(exist_ok=True)
        shutil.copy(inputs / "NAO-esimerkki-tietopohja.xlsx", inputs / copy_name)
    result = CliRunner().invoke(cli, ["validate", str(inputs)])
    assert result.exit_code == 0, result.output
    for copy_name in COPIES:
        assert (f"{copy_name}: varoitus – Tiedosto on tavu tavulta sama kuin NAO-esimerkki-tietopohja.xlsx, joten "
                "se luettiin vain kerran.") in result.output
    assert build(inputs, out, "--force").exit_code == 0
    assert layout.word_plan("NAO").exists()


# --- 4: sample data beside a line's own workbook -----------------------------------------------------------------

def test_a_sample_never_wins_over_the_lines_own_workbook(two_lines, labels, reference):
    import datetime as dt

    from intake_helpers import write_plan

    from pipeline.samples import load_sample
    inputs, out = two_lines
    plan = load_sample("NAO")
    plan.basics.version_date = dt.date(2026, 1, 5)          # older than the sample's
    plan.basics.note = "Linjan oma suunnitelma."
    real = write_plan(plan, inputs / "NAO-oikea.xlsx", reference, labels)
    result = CliRunner().invoke(cli, ["validate", str(inputs)])
    assert ("varoitus: Tämä työkirja on keksittyä esimerkkiaineistoa, joten sitä ei käytetä: "
            "palvelulinjalla NAO on oma työkirja NAO-oikea.xlsx.") in result.output
    assert build(inputs, out).exit_code == 0
    import json
    manifest = json.loads(OutputLayout.of(out, labels).manifest().read_text(encoding="utf-8"))
    owners = {name: record["owner"] for name, record in manifest["outputs"].items()}
    assert owners["NAO/NAO-kayttoonottosuunnitelma.docx"] == str(real.absolute())


# --- 10: building into the input folder --------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["in", "in/koonti"])
def test_building_into_the_input_folder_is_refused(two_lines, target):
    inputs, _ = two_lines
    out = inputs.parent / target
    result = build(inputs, out)
    assert result.exit_code == 2
    assert f"Koontia ei kirjoiteta kansioon ”{out}”, koska se on kansio, josta työkirjat luetaan" in result.output
    assert sorted(p.name for p in inputs.iterdir()) == ["AVO-esimerkki-tietopohja.xlsx",
                                                        "NAO-esimerkki-tietopohja.xlsx"]


# --- 6: defaults relative to the current folder ------------------------------------------------------------------

def test_defaults_are_the_current_folders_input_workbooks_and_output(two_lines, labels, monkeypatch):
    inputs, _ = two_lines
    work = inputs.parent / "oma"
    (work / "input_workbooks").mkdir(parents=True)
    shutil.copy(inputs / "AVO-esimerkki-tietopohja.xlsx", work / "input_workbooks")
    monkeypatch.chdir(work)
    result = CliRunner().invoke(cli, ["build", "--as-of", AS_OF, "-j", "1"])
    assert result.exit_code == 0, result.output
    layout = OutputLayout.of(work / "output", labels)
    assert layout.word_plan("AVO").exists() and not layout.word_plan("NAO").exists()
    result = CliRunner().invoke(cli, ["intake", "new", "KAT"])
    assert result.exit_code == 0
    assert (work / "new_workbooks" / "KAT-digiasiointi-tietopohja.xlsx").exists()


# --- 12: the summary with one workbook ---------------------------------------------------------------------------

def test_with_one_workbook_the_shared_files_are_not_credited_to_the_line(two_lines):
    inputs, out = two_lines
    (inputs / "AVO-esimerkki-tietopohja.xlsx").unlink()
    shutil.rmtree(out)
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    line = next(text for text in result.output.splitlines() if text.strip().startswith("NAO"))
    assert line.endswith("2 kirjoitettu"), line          # its plan and deck
    shared = next(text for text in result.output.splitlines() if text.startswith("Yhteiset"))
    assert shared.endswith("9 kirjoitettu"), shared


# --- 1: a reader crash, a time-out or the memory ceiling on one workbook -----------------------------------------

def _crash(path):
    os.abort()                       # what a native library's failed allocation does


def _endless(path):
    import time
    time.sleep(60)


def _greedy(path):
    return bytearray(50_000_000_000)


FAILURES = {"NAO": (_crash, "lukeminen keskeytyi lukijan kaatumiseen (työkirja voi olla vioittunut)"),
            "KAT": (_endless, "lukeminen ei valmistunut 2 sekunnissa"),
            "VAM": (_greedy, "lukeminen olisi vaatinut enemmän muistia kuin yksikään tietopohja tarvitsee")}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_workbook_that_cannot_be_read_is_its_own_error_and_the_others_build(two_lines, labels, monkeypatch, workers):
    """A reader crash, a time-out and the memory ceiling, each on a workbook of its own, in one build: read in the
    build's own process (one worker), and by the workers' long-lived readers (two)."""
    import pipeline.intake.guard as guard
    import pipeline.intake.load as load
    inputs, out = two_lines
    source = OutputLayout.of(DEFAULT_INPUT, labels)
    for code in ("KAT", "VAM"):
        shutil.copy(source.sample_workbook(code), inputs)
    shutil.rmtree(out)
    read_raw = load.read_raw
    monkeypatch.setattr(guard, "READ_SECONDS", 2)
    monkeypatch.setattr(load, "read_raw", lambda path, **kw: FAILURES[path.name[:3]][0](path)
                        if path.name[:3] in FAILURES else read_raw(path, **kw))
    result = build(inputs, out, "-j", workers)
    assert result.exit_code == 1
    report = OutputLayout.of(out, labels).validation_report("txt").read_text(encoding="utf-8")
    files = {}                                          # each file's heading line and its indented problems
    for line in report.splitlines():
        if line and not line.startswith(" "):
            files[line.split(":")[0]] = heading = [line]
        elif line:
            heading.append(line)
    for code, (_, reason) in FAILURES.items():
        said = f"Työkirjaa ei voitu lukea: {reason}."
        assert said in result.output, code
        assert any(said in line for line in files[source.sample_workbook(code).name]), (code, report)
    layout = OutputLayout.of(out, labels)
    assert layout.word_plan("AVO").exists() and layout.deck("AVO").exists()
    assert not any(layout.word_plan(code).exists() for code in FAILURES)
    assert layout.county_plan().exists()


# --- 12: no raw Python warnings in the terminal ------------------------------------------------------------------

def test_an_emoji_in_a_chart_label_leaks_no_python_warning(two_lines):
    import subprocess
    import sys
    inputs, out = two_lines
    (inputs / "AVO-esimerkki-tietopohja.xlsx").unlink()
    def change(book):
        book["Kehittämispolku"]["B2"] = "Chat-palvelun suunnittelu 💬🧓"          # drawn in the roadmap chart
    edit(inputs / "NAO-esimerkki-tietopohja.xlsx", change)
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", str(inputs), "-o", str(out), "--as-of",
                             AS_OF, "-j", "1"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


# --- 12: --as-of as date cells read it; intake upgrade onto its source --------------------------------------------

@pytest.mark.parametrize("typed", ["1.4.27", "2027-04-01"])
def test_as_of_reads_dates_as_cells_do(two_lines, typed):
    inputs, out = two_lines
    result = CliRunner().invoke(cli, ["validate", str(inputs), "--as-of", typed])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("spelling", ["same", "dotted"])
def test_upgrade_onto_its_own_source_is_refused(two_lines, spelling):
    inputs, _ = two_lines
    source = inputs / "NAO-esimerkki-tietopohja.xlsx"
    before = source.read_bytes()
    target = source if spelling == "same" else inputs / "." / source.name
    result = CliRunner().invoke(cli, ["intake", "upgrade", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert f"Päivitettyä työkirjaa ei kirjoiteta alkuperäisen ”{source}” päälle" in result.output
    assert source.read_bytes() == before
