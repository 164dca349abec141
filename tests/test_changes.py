"""Changes since the earlier build: three sample lines built at 1.11.2026, two of their workbooks changed with
openpyxl (tests/changes_helpers.py), built again at 1.12.2026. Each change appears once, with its old and new
values, in the line's plan and deck, its area's plan and deck, the county's plan, deck and workbook; the unchanged
line says so; the same inputs and snapshots give the same bytes; `digiplan diff` lists the same changes. The
comparison itself is checked on hand-made snapshots."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import docx
import openpyxl
import pytest
from changes_helpers import change_avo, change_kat
from click.testing import CliRunner
from pptx import Presentation

from pipeline.cli import cli
from pipeline.commands.build import build
from pipeline.commands.diff import diff_text, diff_workbooks
from pipeline.exceptions import UsageProblem
from pipeline.history import baseline_path
from pipeline.paths import DEFAULT_INPUT, OutputLayout
from pipeline.view.changes import Change, compare

NB = "\u00a0"
BEFORE, AFTER = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
HEADING = "Muutokset edellisestä (1.11.2026 → 1.12.2026)"
DECK_TITLE = "Mitä on muuttunut edellisestä (1.11.2026 → 1.12.2026)"
AVO_NAME = "Avoterveydenhuolto ja terveysasemat"
KAT_NAME = "Kotihoito ja kotona asumisen tuki"
# every change made to AVO's workbook, as the documents say it (the sample's values before and after)
AVO = [
    "Uusi palvelu Ajanvarauksen chat (käyttöönotto 1.11.2027).",
    "Palvelu Terveystodistusten esitiedot poistettu (käyttöönotto oli 1.9.2027).",
    "Palvelun Terveysaseman oirechat käyttöönotto siirtyi 1.4.2027 → 1.9.2027 (153 päivää myöhemmin).",
    "Järjestelmän Klinik Access ratkaisu muuttui: Luovutaan → Säilyy.",
    "Päätetty: Chat-sairaanhoitajien 3,0 htv siirretään puhelinpalvelusta oirechattiin pilotin alusta 1.4.2027.",
    "Riski kasvoi 16 → 20 pistettä: Chatin kysyntä ylittää kapasiteetin, ja vastausaika venyy.",
    f"Kertakustannus: 240{NB}000{NB}€ → 250{NB}000{NB}€.",
]
# KAT: the light turned red by hand; its weekend messages decision (needed by 20.11.2026) became late by the date
KAT = ["Myöhässä: Kotihoidon viestit luetaan viikonloppuisin kerran päivässä iltavuorossa (piti päättää 20.11.2026 "
       "mennessä).",
       "Tilannevalo kokonaistilanne: Keltainen → Punainen."]
TOP = [f"{AVO_NAME}: {AVO[2]}", f"{KAT_NAME}: {KAT[1]}", f"{KAT_NAME}: {KAT[0]}"]
NO_CHANGES = "Ei muutoksia edelliseen koontiin verrattuna."


def paragraphs(path) -> list[str]:
    """The body's paragraphs after the table of contents field (whose entries repeat the headings)."""
    return [p.text for p in docx.Document(str(path)).paragraphs if not p.style.name.lower().startswith("toc")]


def slide_texts(path, title: str) -> list[str]:
    """The texts of the slide titled TITLE (there must be exactly one)."""
    found = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
             for slide in Presentation(str(path)).slides]
    matches = [texts for texts in found if texts and texts[0] == title]
    assert len(matches) == 1, [t[0] for t in found if t]
    return "\n".join(matches[0]).split("\n")


@pytest.fixture(scope="module")
def history(tmp_path_factory, reference, labels):
    """AVO, ASO and KAT built at 1.11.2026; AVO and KAT changed; all built again at 1.12.2026 into the same
    output folder. Returns the folder, the layout, the first build's AVO plan text and the original AVO workbook."""
    folder = tmp_path_factory.mktemp("changes")
    source = OutputLayout.of(DEFAULT_INPUT, labels)
    inputs = folder / "in"
    inputs.mkdir()
    for code in ("AVO", "ASO", "KAT"):
        shutil.copy(source.sample_workbook(code), inputs)
    from pipeline.render.context import RenderContext
    first = build([inputs], folder / "out", RenderContext(reference, labels, BEFORE), 1)
    assert not first.failures
    layout = OutputLayout.of(folder / "out", labels)
    first_text = paragraphs(layout.word_plan("AVO"))
    first_deck = Presentation(str(layout.deck("AVO")))
    first_text.append("\n".join(["DECK", *(s.shapes.title.text_frame.text for s in first_deck.slides if s.shapes.title),
                                  "NOTES2", first_deck.slides[1].notes_slide.notes_text_frame.text]))
    change_avo(inputs / source.sample_workbook("AVO").name)
    change_kat(inputs / source.sample_workbook("KAT").name)
    second = build([inputs], folder / "out", RenderContext(reference, labels, AFTER), 1)
    assert not second.failures
    return folder, layout, first_text


def test_each_build_stores_a_small_snapshot_named_by_its_date(history):
    folder, layout, _ = history
    stored = sorted(p.name for p in (layout.root / "historia").iterdir())
    assert stored == ["2026-11-01.json", "2026-12-01.json"]
    data = json.loads((layout.root / "historia" / "2026-12-01.json").read_text("utf-8"))
    assert sorted(data["lines"]) == ["ASO", "AVO", "KAT"]
    assert data["lines"]["AVO"]["services"]["P01"]["golive"] == "2027-09-01"
    assert (layout.root / "historia" / "2026-12-01.json").stat().st_size < 3 * 8000      # a few kB per line
    for package in (layout.root / "paketit").iterdir():                                # not in the packages
        assert b"historia/" not in package.read_bytes()


def test_first_build_says_it_is_the_first_version(history):
    _, _, first_text = history
    deck = first_text[-1]                # the first deck: no slide of one sentence, the opening slide's notes say it
    assert "Mitä on muuttunut" not in deck.split("NOTES2")[0]
    assert "Tämä on suunnitelman ensimmäinen versio (tilannepäivä 1.11.2026)" in deck.split("NOTES2")[1]
    assert "Muutokset edellisestä" in first_text
    assert ("Tämä on suunnitelman ensimmäinen versio (tilannepäivä 1.11.2026): aiempaa koontia ei ole, joten "
            "muutoksia ei voi vielä verrata.") in first_text


def test_line_plan_lists_each_change_once_after_the_opening_page_and_keeps_its_own_history(history):
    _, layout, _ = history
    text = paragraphs(layout.word_plan("AVO"))
    start = text.index(HEADING)
    assert start < text.index("Tiivistelmä")                 # before the plan's chapters, after the decision layer
    for sentence in AVO:
        assert text.count(sentence) == 1, sentence
    assert text[start + 2:start + 2 + len(AVO)] == AVO
    assert "Muutoshistoria" in text                          # the line's own change history still shown


def test_unchanged_line_says_so(history):
    _, layout, _ = history
    text = paragraphs(layout.word_plan("ASO"))
    assert text[text.index(HEADING) + 2] == NO_CHANGES
    assert NO_CHANGES in slide_texts(layout.deck("ASO"), DECK_TITLE)


def test_line_deck_has_one_changes_slide(history):
    _, layout, _ = history
    assert slide_texts(layout.deck("AVO"), DECK_TITLE)[1:1 + len(AVO)] == AVO


def test_area_and_county_plans_list_every_change_once_and_the_three_most_important_first(history):
    _, layout, _ = history
    area = paragraphs(layout.area_plan("YST"))
    for sentence in AVO:
        assert area.count(sentence) == 1, sentence
    assert "Asumisen tuki ja sosiaalipäivystys (ASO)" in area[area.index("Palvelulinjat, joissa ei muutoksia"):]
    county = paragraphs(layout.county_plan())
    for sentence in AVO + KAT:
        assert county.count(sentence) == 1, sentence
    top = county.index("Tärkeimmät muutokset")
    assert county[top + 1:top + 4] == TOP
    assert top < county.index(HEADING)


def test_area_and_county_decks_have_one_changes_slide(history):
    _, layout, _ = history
    assert slide_texts(layout.county_deck(), DECK_TITLE)[1:4] == TOP
    area = slide_texts(layout.area_deck("YST"), DECK_TITLE)
    assert area[1] == f"{AVO_NAME}: {AVO[2]}"
    assert f"{KAT_NAME}: {KAT[1]}" not in area               # another area's change


def test_county_workbook_sheet_lists_old_and_new_values(history):
    _, layout, _ = history
    wb = openpyxl.load_workbook(layout.county_workbook())
    assert wb.sheetnames[1] == "Muutokset"
    rows = [row for row in wb["Muutokset"].iter_rows(min_row=5, values_only=True)]
    avo = f"{AVO_NAME} (AVO)"
    assert (avo, "Käyttöönotto siirtyi", AVO[2], "1.4.2027", "1.9.2027", 153) in [r[1:] for r in rows]
    assert (avo, "Järjestelmän ratkaisu muuttui", AVO[3], "Luovutaan", "Säilyy", None) in [r[1:] for r in rows]
    assert (avo, "Raha muuttui", AVO[6], f"240{NB}000{NB}€", f"250{NB}000{NB}€", None) in [r[1:] for r in rows]
    assert ("Asumisen tuki ja sosiaalipäivystys (ASO)", None, NO_CHANGES, None, None, None) in [r[1:] for r in rows]
    assert [r[3] for r in rows if r[1] == avo] == AVO
    assert len(rows) == len(AVO) + len(KAT) + 1


def test_same_inputs_and_snapshots_give_the_same_bytes(history, reference, labels):
    folder, layout, _ = history
    from pipeline.render.context import RenderContext
    documents = [layout.word_plan("AVO"), layout.deck("AVO"), layout.county_plan(), layout.county_workbook()]
    before = {path: path.read_bytes() for path in documents}
    snapshot = (layout.root / "historia" / "2026-12-01.json").read_bytes()
    again = build([folder / "in"], folder / "out", RenderContext(reference, labels, AFTER), 1, force=True)
    assert not again.failures and set(documents) <= set(again.written)        # made again (--force) …
    assert {path: path.read_bytes() for path in documents} == before          # … to the same bytes
    assert (layout.root / "historia" / "2026-12-01.json").read_bytes() == snapshot


def test_documents_with_changes_are_schema_valid_office_files(history):
    from office_schema import file_errors
    _, layout, _ = history
    for path in (layout.word_plan("AVO"), layout.deck("AVO"), layout.area_plan("YST"), layout.area_deck("YST"),
                 layout.county_plan(), layout.county_deck(), layout.county_workbook()):
        assert file_errors(path.read_bytes()) == [], path.name


def test_diff_lists_the_same_changes(history, reference, labels):
    folder, _, _ = history
    from pipeline.render.context import RenderContext
    name = OutputLayout.of(DEFAULT_INPUT, labels).sample_workbook("AVO").name
    comparison = diff_workbooks(DEFAULT_INPUT / name, folder / "in" / name, RenderContext(reference, labels, AFTER))
    assert diff_text(comparison, RenderContext(reference, labels, AFTER)).split("\n") == \
        [f"{AVO_NAME} (AVO)", *(f"  {s}" for s in AVO)]
    result = CliRunner().invoke(cli, ["diff", str(DEFAULT_INPUT / name), str(folder / "in" / name),
                                      "--format", "json", "--as-of", "1.12.2026"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row["text"] for row in rows] == AVO
    assert rows[2] | {"text": ""} == {"line": "AVO", "kind": "golive_moved", "subject": "Terveysaseman oirechat",
                                      "old": "1.4.2027", "new": "1.9.2027", "days": 153, "text": ""}


# --- the comparison on hand-made snapshots ------------------------------------------------------------------------

def _line(**facts):
    base = {"name": "Linja", "area": "YST", "lights": {"overall": "green"}, "services": {}, "phases": {},
            "decisions": {}, "risks": {}, "money": {"cost_one_off": 1000.0}, "staffing": {"new_fte": 1.0},
            "systems": {}}
    return base | facts


def _snapshot(date: str, **lines):
    return {"format": 1, "as_of": date, "lines": lines}


def test_compare_finds_moves_new_late_decisions_high_risks_and_removed_lines():
    old = _snapshot("2026-11-01", L1=_line(
        services={"P01": {"name": "Chat", "golive": "2027-04-01"}},
        decisions={"a": {"text": "A", "status": "waiting", "due": "2026-11-20", "late": False}},
        risks={"r": {"text": "R", "score": 12}}), L2=_line(name="Poistuva"))
    new = _snapshot("2026-12-01", L1=_line(
        services={"P01": {"name": "Chat", "golive": "2027-03-01"}},
        decisions={"a": {"text": "A", "status": "waiting", "due": "2026-11-20", "late": True}},
        risks={"r": {"text": "R", "score": 12}, "s": {"text": "S", "score": 15}, "t": {"text": "T", "score": 14}},
        lights={"overall": "red"}, staffing={"new_fte": 2.5}), L3=_line(name="Uusi"))
    comparison = compare(old, new)
    assert (comparison.old_date, comparison.new_date) == (dt.date(2026, 11, 1), dt.date(2026, 12, 1))
    l1, l3 = comparison.lines
    assert [dataclasses.astuple(c) for c in l1.changes] == [
        ("golive_moved", "Chat", dt.date(2027, 4, 1), dt.date(2027, 3, 1), -31),
        ("decision_late", "A", None, dt.date(2026, 11, 20), None),
        ("light", "overall", "green", "red", None),
        ("risk_new", "S", None, 15, None),
        ("staffing", "new_fte", 1.0, 2.5, None)]
    assert l3.changes == (Change("line_new", "Uusi"),)
    assert [x.code for x in comparison.removed] == ["L2"]
    assert [c.kind for _, c in comparison.top(3)] == ["light", "decision_late"]     # an earlier date is no slip


def test_no_earlier_snapshot_is_the_first_version():
    comparison = compare(None, _snapshot("2026-12-01", L1=_line()))
    assert comparison.first and comparison.lines[0].changes == () and comparison.top() == []


def test_compare_to_names_a_date_or_an_earlier_output_folder(tmp_path, labels):
    history = tmp_path / "out" / "historia"
    history.mkdir(parents=True)
    for name in ("2026-10-01.json", "2026-11-01.json", "2026-12-01.json"):
        (history / name).write_text("{}")
    assert baseline_path(tmp_path / "out", labels, AFTER).name == "2026-11-01.json"
    assert baseline_path(tmp_path / "out", labels, AFTER, "1.10.2026").name == "2026-10-01.json"
    assert baseline_path(tmp_path / "new", labels, AFTER, str(tmp_path / "out")).name == "2026-12-01.json"
    assert baseline_path(tmp_path / "new", labels, AFTER) is None
    (tmp_path / "out" / "paketit").mkdir()
    (tmp_path / "out" / "paketit" / "LUVN-paketti.zip").write_bytes(b"PK")
    package = str(tmp_path / "out" / "paketit" / "LUVN-paketti.zip")
    assert baseline_path(tmp_path / "new", labels, AFTER, package).name == "2026-12-01.json"
    with pytest.raises(UsageProblem):
        baseline_path(tmp_path / "out", labels, AFTER, "1.9.2026")
