"""One Finnish form of "palvelujen" (not also "palveluiden") in the program's own text: catalogues, the readiness
checklist and the docs. A checklist item reworded still reads from workbooks filled with its earlier wording."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from intake_helpers import edit, header_column, sample_file

from pipeline.intake.load import read_intake

ROOT = Path(__file__).parent.parent
OLD = "Käyttöönotettavien palveluiden määrittely"
NEW = "Käyttöönotettavien palvelujen määrittely"


def test_one_form_of_palvelujen_in_program_text():
    texts = {p: p.read_text(encoding="utf-8") for p in [*ROOT.glob("templates/labels/*.fi.toml"),
                                                        *ROOT.glob("docs/*.md"), ROOT / "README.md"]}
    checklist = tomllib.loads((ROOT / "templates/data/readiness.toml").read_text(encoding="utf-8"))["items"]
    texts[Path("readiness.toml")] = "\n".join(i["name"] for i in checklist)    # the names, not the aliases
    found = {p.name: re.findall(r"\w*palveluiden\b", t, re.IGNORECASE) for p, t in texts.items()}
    assert {name: words for name, words in found.items() if words} == {}
    assert checklist[0]["name"] == NEW and checklist[0]["aliases"] == [OLD]


def set_first_item(text):
    def change(book):
        sheet = book["Käyttöönoton valmius"]
        sheet.cell(2, header_column(sheet, "Tarvittava asia")).value = text
    return change


def test_workbook_with_the_old_wording_reads_as_the_reworded_item(tmp_path, reference, labels):
    result = read_intake(edit(sample_file(tmp_path, reference, labels), set_first_item(OLD)), reference, labels)
    assert result.plan.readiness[0].item == NEW
    assert not [p for p in result.problems if p.sheet == "Käyttöönoton valmius"]


def test_old_wording_reads_as_the_swedish_item_in_a_swedish_run(tmp_path, reference, labels, sv_reference, sv):
    spaced = "  käyttöönotettavien  palveluiden määrittely"            # the old wording, typed loosely
    path = edit(sample_file(tmp_path, reference, labels), set_first_item(spaced))
    result = read_intake(path, sv_reference, sv)
    assert result.plan.readiness[0].item == "Definition av de tjänster som ska tas i bruk"
    assert sv_reference.checklist_name(OLD) == "Definition av de tjänster som ska tas i bruk"
    assert reference.checklist_name(OLD.upper()) == NEW
