"""Files and folders as people keep them (issue 22): an output open in Word, workbooks in subfolders, samples beside
real workbooks, two copies of one file, building into the input folder, defaults relative to the current folder."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner
from intake_helpers import edit

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout

AS_OF = "25.11.2026"
LINES = ("NAO", "AVO")


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, "-j", "1", *extra])


@pytest.fixture(scope="module")
def built(tmp_path_factory, labels):
    """Two sample lines built once; each test works on its own copy of the workbooks and the output."""
    folder = tmp_path_factory.mktemp("built")
    source = OutputLayout.of(DEFAULT_INPUT, labels)
    (folder / "in").mkdir()
    for code in LINES:
        shutil.copy(source.sample_workbook(code), folder / "in")
    result = build(folder / "in", folder / "out")
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture()
def copy(built, tmp_path):
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path / "in", tmp_path / "out"


def set_key_message(book, text):
    book["Johdon yhteenveto"]["B2"] = text


# --- 3: an output that cannot be replaced ------------------------------------------------------------------------

@pytest.mark.parametrize("locked_name", ["NAO-kayttoonottosuunnitelma.docx", "LUVN-paketti.zip"])
def test_an_output_open_in_word_is_named_the_old_file_stays_and_the_rest_is_built(copy, labels, monkeypatch,
                                                                                 locked_name):
    inputs, out = copy
    layout = OutputLayout.of(out, labels)
    locked = next(p for p in out.rglob("*") if p.name == locked_name)
    before = locked.read_bytes()
    deck = layout.deck("AVO")
    deck_before = deck.read_bytes()
    for code in LINES:
        edit(inputs / layout.sample_workbook(code).name, lambda book: set_key_message(book, "Uusi avainviesti."))
    replace = os.replace

    def refusing(source, target, *args, **kwargs):
        if os.fspath(target).endswith(locked_name):
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return replace(source, target, *args, **kwargs)
    monkeypatch.setattr(os, "replace", refusing)
    result = build(inputs, out)
    assert result.exit_code == 1
    assert f"Tiedostoa {locked} ei voitu korvata, koska se on auki toisessa ohjelmassa" in result.output
    assert "Traceback" not in result.output
    assert locked.read_bytes() == before
    assert deck.read_bytes() != deck_before                      # the other line's documents were made again
    assert layout.county_package().exists() and layout.area_package("IKA").exists()
    assert not list(out.rglob(".*.tmp"))
