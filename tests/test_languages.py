"""The checks the Finnish and the Swedish catalogue share, run once per language: every plural has its one and
other forms and fills, choice names hold no comma (the allowed values are listed with commas), counts read right for
zero, one and many (each language's own sentences, by hand), earlier choice names still read, the glossary names
a term and no text uses an avoided name, messages say what is wrong and how to fix it, and the outputs show no
placeholder or plural syntax. Language-specific checks stay in test_finnish.py and test_swedish.py."""
from __future__ import annotations

import io

import pytest
from catalogue_helpers import PLACEHOLDER, branches, glossary, phrase, texts, user_texts, variables
from docx.table import Table
from docx_helpers import blocks, open_docx
from pptx import Presentation

from pipeline.catalog import Labels
from pipeline.intake.fields import field_codecs
from pipeline.reference import Reference
from pipeline.schema import Perspective, sheet

LANGUAGES = ("fi", "sv")


@pytest.fixture(scope="module", params=LANGUAGES)
def catalogue(request) -> Labels:
    return Labels.load(request.param)


def test_every_plural_has_one_and_other_and_fills(catalogue):
    checked = 0
    for key, text in user_texts(catalogue):
        plurals = branches(text)
        for name, categories in plurals:
            assert {"one", "other"} <= categories, f"{key}: the plural of {name} needs one and other"
        for count in (0, 1, 2) if plurals else ():
            values = {**{name: "x" for name in variables(text)}, **{name: count for name, _ in plurals}}
            assert "plural" not in catalogue.fill(text, **values), key
            checked += 1
    assert checked > 100


def test_choice_names_hold_no_comma(catalogue):
    """The allowed values are listed with commas ('Valitse arvo: A, B, C'), so a name with a comma reads as two."""
    names = [f"{key}: {text}" for key, text in texts(catalogue.node("enums"), "enums")
             if not key.startswith("enums.earlier.") and "," in text]
    assert not names, names


FI_COUNTS = [
    ("report.workbook_line", dict(file="A.xlsx", status="virheellinen", completeness=""),
     [(dict(errors=0, warnings=0), "A.xlsx: virheellinen – 0 virhettä, 0 varoitusta"),
      (dict(errors=1, warnings=1), "A.xlsx: virheellinen – 1 virhe, 1 varoitus"),
      (dict(errors=9, warnings=2), "A.xlsx: virheellinen – 9 virhettä, 2 varoitusta")]),
    ("report.summary", {},
     [(dict(total=0, valid=0, invalid=0), "Yhteensä 0 työkirjaa: 0 kelvollista, 0 virheellistä."),
      (dict(total=1, valid=1, invalid=0), "Yhteensä 1 työkirja: 1 kelvollinen, 0 virheellistä."),
      (dict(total=3, valid=2, invalid=1), "Yhteensä 3 työkirjaa: 2 kelvollista, 1 virheellinen.")]),
    ("build.messages.done", dict(folder="out", unchanged=3),
     [(dict(written=0), "Valmis kansiossa out: 0 tiedostoa kirjoitettu, 3 ennallaan."),
      (dict(written=1), "Valmis kansiossa out: 1 tiedosto kirjoitettu, 3 ennallaan."),
      (dict(written=45), "Valmis kansiossa out: 45 tiedostoa kirjoitettu, 3 ennallaan.")]),
    ("build.messages.pdf_removed", {},
     [(dict(count=1), "Poistettiin 1 vanhentunut PDF-kopio, koska sen asiakirja muuttui. Aja koonti valinnalla "
                      "--pdf, niin se tehdään uudelleen."),
      (dict(count=3), "Poistettiin 3 vanhentunutta PDF-kopiota, koska niiden asiakirjat muuttuivat. Aja koonti "
                      "valinnalla --pdf, niin ne tehdään uudelleen.")]),
    ("kit.report.summary", {},
     [(dict(total=1, done=1, failed=0), "Yhteensä 1 työkirja: 1 työpajapaketti kirjoitettu, 0 ilman pakettia."),
      (dict(total=2, done=0, failed=2), "Yhteensä 2 työkirjaa: 0 työpajapakettia kirjoitettu, 2 ilman pakettia.")]),
    ("word.summary.resources_sentence", {},
     [(dict(roles=0, fte="0"), "Resursointisuunnitelmassa on nolla roolia; uutta resurssia tarvitaan yhteensä "
                               "0 henkilötyövuotta."),
      (dict(roles=1, fte="1"), "Resursointisuunnitelmassa on yksi rooli; uutta resurssia tarvitaan yhteensä "
                               "1 henkilötyövuosi."),
      (dict(roles=4, fte="1,7"), "Resursointisuunnitelmassa on neljä roolia; uutta resurssia tarvitaan yhteensä "
                                 "1,7 henkilötyövuotta.")]),
    ("word.change.resources_total", {},
     [(dict(fte="1"), "Uutta resurssia tarvitaan yhteensä 1 henkilötyövuosi."),
      (dict(fte="0,5"), "Uutta resurssia tarvitaan yhteensä 0,5 henkilötyövuotta.")]),
    ("word.tasks.summary_overdue", dict(total=5, open=4, date="26.11.2026"),
     [(dict(count=1), "Tarkennettavia asioita ja tehtäviä on 5, joista avoimia on 4. Tilannepäivänä 26.11.2026 "
                      "myöhässä on yksi avoin asia; se on merkitty taulukkoon."),
      (dict(count=2), "Tarkennettavia asioita ja tehtäviä on 5, joista avoimia on 4. Tilannepäivänä 26.11.2026 "
                      "myöhässä on kaksi avointa asiaa; ne on merkitty taulukkoon.")]),
    ("word.summary.phases_intro", {},
     [(dict(count=1), "Muutoksessa on yksi vaihe:"), (dict(count=5), "Muutos on jaettu viiteen vaiheeseen:")]),
    ("word.combined.area_lights", {},
     [(dict(green=1, yellow=0, red=2), "1 vihreä, 0 keltaista, 2 punaista")]),
    ("deck.waves.notes", dict(wave=2, channels="Chat", date="1.4.2027", service="Chat-neuvonta"),
     [(dict(count=1, channel_count=1), "2. aallossa otamme käyttöön yhden palvelun kanavassa Chat. Ensimmäinen "
                                       "käyttöönotto on 1.4.2027: Chat-neuvonta."),
      (dict(count=3, channel_count=2), "2. aallossa otamme käyttöön kolme palvelua kanavissa Chat. Ensimmäinen "
                                       "käyttöönotto on 1.4.2027: Chat-neuvonta.")]),
    ("deck.readiness.summary", {},
     [(dict(ready=1, total=1), "1 / 1 kohta kunnossa"), (dict(ready=0, total=13), "0 / 13 kohtaa kunnossa")]),
    ("deck.money.notes", dict(one_off="1\u00a0000\u00a0€", yearly="–"),
     [(dict(fte="1"), "Uutta resurssia tarvitaan 1 henkilötyövuosi. Kertakustannus on 1\u00a0000\u00a0€ ja "
                      "vuosikustannus –. Kerro, mihin luvut perustuvat ja mitä pyydämme johdolta.")]),
    ("county.gantt.clipped", dict(start="1.1.2026"),
     [(dict(months=1), "Aikajana näyttää 1 kuukauden 1.1.2026 alkaen; myöhemmät päivät näkyvät Päättyy-sarakkeessa."),
      (dict(months=36), "Aikajana näyttää 36 kuukautta 1.1.2026 alkaen; myöhemmät päivät näkyvät "
                        "Päättyy-sarakkeessa.")]),]
SV_COUNTS = [
    ("report.summary", {},
     [(dict(total=0, valid=0, invalid=0), "Sammanlagt 0 arbetsböcker: 0 giltiga, 0 felaktiga."),
      (dict(total=1, valid=1, invalid=0), "Sammanlagt 1 arbetsbok: 1 giltig, 0 felaktiga."),
      (dict(total=3, valid=2, invalid=1), "Sammanlagt 3 arbetsböcker: 2 giltiga, 1 felaktig.")]),
    ("build.messages.done", dict(folder="out"),
     [(dict(written=1, unchanged=1), "Klart i mappen out: 1 fil skriven, 1 oförändrad."),
      (dict(written=45, unchanged=3), "Klart i mappen out: 45 filer skrivna, 3 oförändrade.")]),
    ("word.change.resources_total", {},
     [(dict(fte="1"), "Sammanlagt motsvarar det nya resursbehovet 1 årsverke."),
      (dict(fte="0,5"), "Sammanlagt motsvarar det nya resursbehovet 0,5 årsverken.")]),
    ("deck.readiness.summary", {},
     [(dict(ready=1, total=1), "1 / 1 punkt i ordning"), (dict(ready=0, total=13), "0 / 13 punkter i ordning")]),
    ("county.gantt.clipped", dict(start="1.1.2026"),
     [(dict(months=1), "Tidslinjen visar 1 månad från och med 1.1.2026; senare datum syns i kolumnen Slutar."),
      (dict(months=36), "Tidslinjen visar 36 månader från och med 1.1.2026; senare datum syns i kolumnen Slutar.")]),]
COUNTS = [("fi", *case) for case in FI_COUNTS] + [("sv", *case) for case in SV_COUNTS]


@pytest.mark.parametrize("language, key, fixed, cases", COUNTS, ids=[f"{c[0]}-{c[1]}" for c in COUNTS])
def test_counts_read_right_for_zero_one_and_many(language, key, fixed, cases):
    labels = Labels.load(language)
    for values, expected in cases:
        assert labels.get(key, **fixed, **values) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_earlier_choice_name_and_either_language_s_name_read_as_the_same_value(language):
    """A workbook filled before a choice was renamed, or in the other language, still reads; the earlier name is
    no longer offered."""
    labels, reference = Labels.load(language), Reference.load(language=language)
    codec = next(c for c in field_codecs(sheet("perspectives"), reference, labels) if c.name == "perspective")
    for name in ("Mahdollisuudet, joita tunnistamme", "Tunnistamamme mahdollisuudet", "Möjligheter vi ser"):
        assert codec.from_cell(name)[0] is Perspective.OPPORTUNITIES
    assert "Mahdollisuudet, joita tunnistamme" not in (codec.choices or {})


def test_glossary_entries_name_a_term_from_the_guide_and_what_to_avoid(catalogue):
    assert glossary(catalogue)
    for concept, entry in glossary(catalogue).items():
        assert entry["term"] and entry["means"] and entry["guide"], concept
        avoided = [a.casefold() for a in entry.get("avoid", []) + entry.get("avoid_as_header", [])]
        assert entry["term"].casefold() not in avoided and entry.get("short", "").casefold() not in avoided, concept


def test_no_text_names_a_concept_with_an_avoided_name(catalogue):
    found = []
    for concept, entry in glossary(catalogue).items():
        for avoided in entry.get("avoid", []):
            found += [f"{key}: ”{avoided}” ({concept} = {entry['term']})" for key, text in user_texts(catalogue)
                      if phrase(avoided).search(PLACEHOLDER.sub("", text))]
    assert not found, found


def test_the_avoided_name_check_finds_one():
    assert phrase("tietopohja").search("Avaa tietopohja ja täytä") and not phrase("tieto").search("tietopohja")


def test_messages_say_what_is_wrong_and_how_to_fix_it(catalogue):
    for key, entry in texts_of_messages(catalogue):
        assert entry["message"].rstrip().endswith((".", "?")), key
        assert entry["hint"].strip() and entry["hint"].rstrip().endswith((".", "?", ")")), key


def texts_of_messages(labels) -> list[tuple[str, dict]]:
    found = []
    for namespace in ("messages", "config"):
        for group, items in labels.node(namespace).items():
            if "message" in items:
                found.append((f"{namespace}.{group}", items))
            else:
                found.extend((f"{namespace}.{group}.{code}", entry) for code, entry in items.items())
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_outputs_show_no_placeholder_or_plural_syntax(language, renders, sv_renders):
    renders = {"fi": renders, "sv": sv_renders}[language]
    for code in ("NAO", "VAM"):
        text = "\n".join(b.text if not isinstance(b, Table) else " ".join(c.text for r in b.rows for c in r.cells)
                         for b in blocks(open_docx(renders.word(code))))
        deck = Presentation(io.BytesIO(renders.deck(code)))
        text += "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                          if shape.has_text_frame)
        text += "\n".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
        assert "plural" not in text and not PLACEHOLDER.search(text), code
