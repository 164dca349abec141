"""The committed Office templates (templates/word/*.docx, templates/deck/deck.pptx) are what their generators
(tools/build_word_template.py, tools/build_deck_template.py) make, as docs/ and input_workbooks/ are checked against
theirs: a template edited by hand, or a generator changed without running it, fails here. Compared part by part
(the XML and media inside the zip), so the zip's own bytes do not matter."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.paths import PROJECT_ROOT, TEMPLATES

WORD = ["agenda.docx", "area.docx", "county.docx", "plan.docx", "readme.docx"]


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def generate(script: str, target: Path) -> None:
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "tools" / script), str(target)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def word_templates(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    generate("build_word_template.py", folder)
    return folder


def test_the_generator_makes_every_word_template_and_only_those(word_templates):
    assert sorted(p.name for p in word_templates.iterdir()) == WORD
    assert sorted(p.name for p in (TEMPLATES / "word").glob("*.docx")) == WORD


@pytest.mark.parametrize("name", WORD)
def test_the_word_template_is_what_its_generator_makes(word_templates, name):
    made, committed = parts(word_templates / name), parts(TEMPLATES / "word" / name)
    assert sorted(made) == sorted(committed), f"run `python tools/build_word_template.py` ({name})"
    changed = [part for part in made if made[part] != committed[part]]
    assert not changed, f"{name}: {changed} differ from the generator's; run `python tools/build_word_template.py`"


def test_the_deck_template_is_what_its_generator_makes(tmp_path):
    generate("build_deck_template.py", tmp_path / "deck.pptx")
    made, committed = parts(tmp_path / "deck.pptx"), parts(TEMPLATES / "deck" / "deck.pptx")
    assert sorted(made) == sorted(committed)
    changed = [part for part in made if made[part] != committed[part]]
    assert not changed, f"{changed} differ from the generator's; run `python tools/build_deck_template.py`"


def test_a_changed_part_is_found(word_templates, tmp_path):
    """The comparison can fail: one byte changed in one part of a copy is seen."""
    copy = tmp_path / "plan.docx"
    with zipfile.ZipFile(word_templates / "plan.docx") as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b"w:body", b"w:bodx", 1) if item.filename == "word/document.xml"
                            else data)
    made, altered = parts(word_templates / "plan.docx"), parts(copy)
    assert [part for part in made if made[part] != altered[part]] == ["word/document.xml"]
