"""Issue 23: no Finnish program text in a Swedish output, none of the wrong forms of the native review in any
catalogue or output of either language, and no zero count printed as "0" inside a sentence.

The Swedish documents are rendered once per process by tests/renders.py's sharing (a second Renders with the Swedish
context); the Finnish ones are the shared `renders`. Sample content typed by users is Finnish and allowed: a text of
an output counts as program text when it is a catalogue's text (or a fixed part of one) or a reference name."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from catalogue_helpers import user_texts
from docx_helpers import plain
from lxml import etree
from pptx import Presentation
from renders import Renders
from wording import (
    FINNISH_PATTERNS,
    WRONG_FORMS,
    ZERO_IN_SENTENCE,
    finnish_program_words,
    office_texts,
    wrong_forms,
    zero_in_sentence,
)

from pipeline.catalog import Labels
from pipeline.paths import OutputLayout
from pipeline.samples import load_sample, sample_codes

LINES = ("NAO", "VAM")          # a line with every chapter, and the one whose line name is an area's Finnish name
CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


def deliverables(renders: Renders) -> dict[str, bytes]:
    """Every kind of document a build writes: line plans and decks, an area's plan and deck, the county's plan,
    deck and workbook."""
    out = {f"{code}.docx": renders.word(code) for code in LINES}
    out |= {f"{code}.pptx": renders.deck(code) for code in LINES}
    return out | {"IKA.docx": renders.area_plan("IKA"), "IKA.pptx": renders.area_deck("IKA"),
                  "county.docx": renders.county_plan(), "county.pptx": renders.county_deck(),
                  "county.xlsx": renders.county()}


@pytest.fixture(scope="module")
def sv_documents(sv_renders) -> dict[str, bytes]:
    return deliverables(sv_renders)


@pytest.fixture(scope="module")
def fi_documents(renders) -> dict[str, bytes]:
    return deliverables(renders)


@pytest.fixture(scope="module")
def finnish_words(labels, sv, reference, sv_reference) -> set[str]:
    """Finnish program texts, without the systems' names (their Swedish names are another issue's) and without
    what users typed that happens to equal one (VAM's line is named "Vammaispalvelut" in its workbook)."""
    typed = {load_sample(code).basics.line_name for code in sample_codes()}
    systems = {system.name for system in reference.systems}
    return finnish_program_words(labels, sv, reference, sv_reference) - typed - systems


def findings(documents: dict[str, bytes], check) -> list[str]:
    return [f"{name} › {part}: {text[:160]}" for name, data in documents.items()
            for part, text in office_texts(data) if check(text)]


# --- the catalogues --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_catalogue_text_holds_a_wrong_form_of_the_review(language):
    found = [f"{key}: {forms}" for key, text in user_texts(Labels.load(language))
             if (forms := wrong_forms(text, language))]
    assert not found, found


def test_the_wrong_form_check_finds_the_forms_of_the_review():
    assert wrong_forms("Per lägesdatumet 6.12.2026 är 5 öppna, av vilka 2 är försenade.", "sv") == [
        r"\bav vilka\b", r"[Pp]er lägesdatumet"]
    assert wrong_forms("Esittelen HVA:n yhteinen suunnitelma. Riippuvuuksia on 0.", "fi") == [
        r"Esittelen HVA:n", r"\bHVA:n\b"]
    assert wrong_forms("Den 6.12.2026 är 5 öppna, varav 2 försenade.", "sv") == []
    assert len(WRONG_FORMS["sv"]) > 25 and len(WRONG_FORMS["fi"]) > 10


@pytest.mark.parametrize("language, key, values, expected", [
    ("sv", "deck.combined.status_notes", dict(red=0, yellow=0, valid=3, total=3),
     "Ingen av linjerna är röd och ingen gul. Giltiga planer finns 3 / 3."),
    ("sv", "deck.combined.status_notes", dict(red=1, yellow=2, valid=3, total=3),
     "Av linjerna är en röd och två gula. Giltiga planer finns 3 / 3."),
    ("fi", "deck.combined.status_notes", dict(red=0, yellow=0, valid=3, total=3),
     "Yksikään linja ei ole punaisella ja yksikään ei keltaisella. Kelvollisia suunnitelmia on 3 / 3."),
    ("fi", "deck.risks.notes", dict(count=2, high=0, top="Viive", score=6, mitigation="seuranta", owner="Anna"),
     "Riskejä ja riippuvuuksia on 2, eikä yksikään niistä ole korkea. Suurin on ”Viive” (6 pistettä): seuranta; "
     "vastuuhenkilö Anna."),
    ("sv", "overview.talk.combined.dependencies", dict(count=0), "Inga beroenden mellan linjerna har antecknats."),
    ("fi", "overview.talk.combined.dependencies", dict(count=0), "Linjojen välisiä riippuvuuksia ei ole kirjattu."),
])
def test_a_zero_count_reads_as_words(language, key, values, expected):
    assert Labels.load(language).get(key, **values) == expected


def test_the_zero_check_finds_a_zero_inside_a_sentence_only():
    assert ZERO_IN_SENTENCE.search("Av linjerna är 0 röda och 4 gula.")
    assert ZERO_IN_SENTENCE.search("joista korkeita 0 ja")
    assert ZERO_IN_SENTENCE.search("Tarkistuslistan 13 kohdasta kunnossa on 0.")
    assert not ZERO_IN_SENTENCE.search("0 / 13 punkter i ordning")
    assert not ZERO_IN_SENTENCE.search("Skriv ett tal mellan 0 och 60.")
    assert not zero_in_sentence("Giltiga planer 4 / 4 · fullständiga 3 · röda 0")
    assert not ZERO_IN_SENTENCE.search("Kostnad 0 €, 10 000 € per år, version 1.0 i bruk")


def test_channels_in_running_text_end_with_and(sv):
    assert Labels.load("fi").listing(["Chat", "Kiireettömät viestit", "Lomakkeet"]) == \
        "Chat, Kiireettömät viestit ja Lomakkeet"
    assert sv.listing(["Chatt", "Blanketter"]) == "Chatt och Blanketter"


# --- the outputs ---------------------------------------------------------------------------------------------------

def test_swedish_outputs_hold_no_finnish_program_text(sv_documents, finnish_words):
    assert len(finnish_words) > 500
    found = findings(sv_documents, lambda text: plain(text).strip(" .,:;–-()[]”\"") in finnish_words
                     or FINNISH_PATTERNS.search(text))
    assert not found, found


def test_swedish_outputs_hold_no_wrong_form_and_no_zero_in_a_sentence(sv_documents, reference):
    systems = re.compile("|".join(re.escape(system.name) for system in reference.systems))  # another issue's names
    found = findings(sv_documents, lambda text: wrong_forms(systems.sub("", text), "sv")
                     or zero_in_sentence(text))
    assert not found, found


def test_finnish_outputs_hold_no_wrong_form_and_no_zero_in_a_sentence(fi_documents):
    found = findings(fi_documents, lambda text: wrong_forms(text, "fi") or zero_in_sentence(text))
    assert not found, found


def test_swedish_decks_name_layouts_shapes_and_prompts_in_swedish(sv_documents, sv):
    deck = Presentation(io.BytesIO(sv_documents["NAO.pptx"]))
    layouts = {layout.element.get("matchingName"): layout.name for layout in deck.slide_layouts}
    assert layouts == dict(sv.node("deck.layouts")) and layouts["title"] == "Titelbild"
    timeline = next(layout for layout in deck.slide_layouts if layout.element.get("matchingName") == "timeline")
    shapes = {shape.name: shape.text_frame.text for shape in timeline.placeholders if shape.has_text_frame}
    assert shapes["Tidslinjens område"] == "Färdplanen ritas här" and shapes["Rubrik"] == "Rubrik"
    closing = next(layout for layout in deck.slide_layouts if layout.element.get("matchingName") == "closing")
    assert "Tack" in [shape.text_frame.text for shape in closing.placeholders]


def test_swedish_pictures_are_figures_and_the_document_has_one_last_modified_by(sv_documents):
    with zipfile.ZipFile(io.BytesIO(sv_documents["NAO.docx"])) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        core = etree.fromstring(archive.read("docProps/core.xml"))
    names = [e.get("name") for e in document.iter("{*}docPr")]
    assert names and all(re.fullmatch(r"Figur \d+", name) for name in names), names
    modified_by = [e for e in core.iter() if isinstance(e.tag, str) and e.tag.endswith("}lastModifiedBy")]
    creator = core.find("{http://purl.org/dc/elements/1.1/}creator").text
    assert [(e.tag, e.text) for e in modified_by] == [(f"{CORE}lastModifiedBy", creator)]
    assert "Länsi-Uudenmaan" not in creator
    assert len([e for e in core.iter() if isinstance(e.tag, str) and e.tag.endswith("}revision")]) == 1


def test_swedish_file_names_differ_from_the_finnish_ones(tmp_path, labels, sv):
    finnish, swedish = OutputLayout.of(tmp_path, labels), OutputLayout.of(tmp_path, sv)
    pairs = [(finnish.word_plan("NAO"), swedish.word_plan("NAO")), (finnish.deck("NAO"), swedish.deck("NAO")),
             (finnish.area_plan("IKA"), swedish.area_plan("IKA")), (finnish.area_deck("IKA"), swedish.area_deck("IKA")),
             (finnish.county_plan(), swedish.county_plan()), (finnish.county_deck(), swedish.county_deck()),
             (finnish.county_workbook(), swedish.county_workbook()),
             (finnish.validation_report("txt"), swedish.validation_report("txt"))]
    for fi_path, sv_path in pairs:
        fi_words = set(re.findall(r"[a-zäö]{4,}", str(fi_path.relative_to(tmp_path)).lower()))
        sv_words = set(re.findall(r"[a-zäö]{4,}", str(sv_path.relative_to(tmp_path)).lower()))
        assert not (fi_words & sv_words) - {"luvn", "docx", "pptx", "xlsx"}, (fi_path, sv_path)


def test_swedish_kit_and_blank_workbook_hold_no_finnish_program_text(tmp_path, sv, sv_reference, finnish_words):
    """The workshop kit (messages, calendar bookings, agendas) and the blank intake workbook in Swedish."""
    from click.testing import CliRunner
    from intake_helpers import write_plan

    from pipeline.cli import cli
    workbook = write_plan(load_sample("NAO"), tmp_path / "NAO.xlsx", sv_reference, sv)
    for args in (["kit", str(workbook), "-o", str(tmp_path / "kit")],
                 ["intake", "new", "NAO", "-o", str(tmp_path / "blank")]):
        result = CliRunner().invoke(cli, ["--lang", "sv", *args])
        assert result.exit_code == 0, result.output
    files = [p for p in (tmp_path / "kit").rglob("*") if p.is_file()] + list((tmp_path / "blank").rglob("*.xlsx"))
    assert len(files) >= 10
    long_words = {word for word in finnish_words if len(word) >= 15}
    systems = re.compile("|".join(re.escape(system.name) for system in sv_reference.systems))  # another issue's
    found = []
    for path in files:
        if path.suffix in (".docx", ".xlsx"):
            texts = [text for _, text in office_texts(path.read_bytes())]
        else:
            texts = path.read_text(encoding="utf-8").splitlines()
        found += [f"{path.name}: {text[:160]}" for text in texts
                  if plain(text).strip(" .,:;–-()[]”\"") in finnish_words or FINNISH_PATTERNS.search(text)
                  or wrong_forms(systems.sub("", text), "sv") or zero_in_sentence(text)
                  or (path.suffix not in (".docx", ".xlsx") and any(word in text for word in long_words))]
    assert not found, found
