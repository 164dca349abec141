"""The opening page (Word) and slide (deck) of every level answers, in order: the verdict, the decisions asked of
this audience only (late first, each with decider and date), net money and the top risks scored at least 15.

Expected figures come from the hand-made tables tests/data/facts.toml (pending decisions by level, as of the tests'
build date 26.11.2026) and tests/data/money_systems.toml (money), and from the samples read by hand."""
from __future__ import annotations

import tomllib
from io import BytesIO
from pathlib import Path

import pytest
from docx.table import Table
from docx_helpers import heading_level, open_docx, section_after, table_dicts, tables_after
from pptx import Presentation

DATA = Path(__file__).parent / "data"
FACTS = tomllib.loads((DATA / "facts.toml").read_text(encoding="utf-8"))
MONEY = tomllib.loads((DATA / "money_systems.toml").read_text(encoding="utf-8"))
HEADING = "Tilanne yhdellä silmäyksellä"
LATE = "MYÖHÄSSÄ – "
WORDS = {1: "yksi", 2: "kaksi", 3: "kolme", 4: "neljä", 5: "viisi"}      # counts under ten in running text


def euros(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0€"


def opening_paragraphs(data: bytes) -> list[str]:
    section = section_after(open_docx(data), HEADING, level=1)
    assert not any(isinstance(b, Table) for b in section)
    return [" ".join(p.text.split()) for p in section if p.text.strip()]


def asks_in(texts: list[str]) -> list[str]:
    """The ask bullets: between the asks' intro (the second paragraph) and the money sentence, without the sentence
    under them on what waits at other levels or is settled."""
    money = next(i for i, t in enumerate(texts) if t.startswith(("Kertakustannus", "Kustannuksia ja säästöjä")))
    return [t for t in texts[2:money] if not t.startswith(("Muilla tasoilla", "Jo ratkaistu"))]


def ws(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# -- county --------------------------------------------------------------------------------------------------------

def test_county_plan_opens_with_verdict_asks_money_and_risks(renders):
    texts = opening_paragraphs(renders.county_plan())
    # the verdict: three lines are red (EHK, KOH, AVO by their schedule light), so the whole is late
    assert texts[0].startswith("Käyttöönotto on kokonaisuutena myöhässä")
    pending = FACTS["pending"]["county"]
    assert texts[1] == (f"Hyvinvointialueen johdolta pyydetään {pending['county']} päätöstä, joista "
                        f"{pending['county_late']} on myöhässä:")
    asks = asks_in(texts)
    assert len(asks) == pending["county"]
    late = [a for a in asks if a.startswith(LATE)]
    assert len(late) == pending["county_late"]
    assert asks[:len(late)] == late                                # late first
    # the late ones by hand: ASI 1.11., MTP 15.11., NAO 15.11.2026 (facts.toml's county_late per line)
    assert sorted(a[len(LATE):].split(":")[0] for a in late) == ["ASI", "MTP", "NAO"]
    assert all("viimeistään" in a for a in asks)
    # the consequence the line wrote in the notes column, or said to be missing
    assert any(a.endswith("Koskee myös KOH- ja ERIT-linjoja.") for a in asks)
    money = ws(next(t for t in texts if t.startswith("Kertakustannus")))
    county = MONEY["county"]
    for value in (county["one_off"], county["yearly"], county["savings"], county["net"]):
        assert ws(euros(value)) in money
    assert "nettokustannus " + ws(euros(county["net"])) in money
    assert ", ".join(county["not_estimated"]) in money
    risks_intro = next(t for t in texts if t.startswith("Korkeita riskejä"))
    assert risks_intro.startswith("Korkeita riskejä (vähintään 15 pistettä) on seitsemän, ja yhdeltä puuttuu "
                                  "hallintakeino.")
    top = texts[texts.index(risks_intro) + 1:texts.index(risks_intro) + 4]
    assert [t.split(":")[0] for t in top] == ["ASI", "AVO", "KOH"]
    assert "Jarmo Lehtonen" in top[0] and top[2].endswith("EI HALLINTAKEINOA")
    assert texts[-1] == "Aikataulu punaisella: EHK, KOH, AVO."


def test_county_deck_slide_two_is_the_answer(renders):
    slide = Presentation(BytesIO(renders.county_deck())).slides[1]
    text = ws(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))
    assert HEADING in text
    assert "Käyttöönotto on kokonaisuutena myöhässä" in text
    assert "Hyvinvointialueen johdolta pyydetään 10 päätöstä, joista 3 on myöhässä" in text
    assert text.count("MYÖHÄSSÄ") == 2                             # two of the three late ones shown
    assert "Kahdeksan päätösesitystä lisää" in text                       # two shown, the rest on the decisions slide
    assert ws(euros(MONEY["county"]["net"])) in text
    assert "EI HALLINTAKEINOA" in text                            # KOH's archiving risk
    assert "Aikataulu punaisella: EHK, KOH, AVO." in text
    notes = ws(slide.notes_slide.notes_text_frame.text)
    assert "Koskee myös KOH- ja ERIT-linjoja." in notes           # the consequences are in the talk
    assert not text.startswith("Täyttöaste")


# -- areas ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("area", ["IKA", "LNP", "YST", "VAM", "KOPA"])
def test_area_plan_opening_asks_only_the_area(area, renders):
    texts = opening_paragraphs(renders.area_plan(area))
    pending = FACTS["pending"]["areas"][area]
    count, late = pending.get("area", 0), pending.get("area_late", 0)
    asks = asks_in(texts)
    assert len(asks) == count
    assert sum(a.startswith(LATE) for a in asks) == late
    if count:
        assert texts[1].startswith(f"Palvelualueen johdolta pyydetään {WORDS[count]} päätö")
    else:
        assert texts[1].startswith("Palvelualueen johdolta ei nyt pyydetä päätöksiä.")
    money = ws(next(t for t in texts if t.startswith("Kertakustannus")))
    expected = MONEY["areas"][area]
    assert ws(euros(expected["one_off"])) in money and ws(euros(expected["yearly"])) in money
    assert "nettokustannus " + ws(euros(expected["net"])) in money


@pytest.mark.parametrize("area", ["IKA", "VAM"])
def test_area_deck_opening_slide(area, renders):
    slide = Presentation(BytesIO(renders.area_deck(area))).slides[1]
    text = ws(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))
    assert HEADING in text and "Käyttöönotto on kokonaisuutena" in text
    assert "nettokustannus " + ws(euros(MONEY["areas"][area]["net"])) in text


# -- lines ---------------------------------------------------------------------------------------------------------

SUMMARY = "Johdon yhteenveto"


def line_summary(data: bytes) -> tuple[list[str], dict[str, list[str]], str]:
    """A line plan's summary: the paragraphs above its first subheading (verdict, key message, asks), each
    subsection's paragraphs by heading, and the whole section's text (paragraphs and table cells)."""
    section = section_after(open_docx(data), SUMMARY, level=1)
    top: list[str] = []
    parts: dict[str, list[str]] = {}
    current = None
    words = []
    for b in section:
        if isinstance(b, Table):
            words += [c.text for row in b.rows for c in row.cells]
            continue
        words.append(b.text)
        if heading_level(b):
            current = parts.setdefault(b.text, [])
        elif b.text.strip():
            (top if current is None else current).append(" ".join(b.text.split()))
    return top, parts, ws(" ".join(words))


@pytest.mark.parametrize("code", sorted(FACTS["pending"]["lines"]))
def test_line_plan_summary_opens_with_asks_of_the_line_only(code, renders):
    """The line plan has no separate opening page: its summary starts with the verdict, the key message and the
    asks of the line's own leadership (the hand-made counts), late ones first and marked."""
    data = renders.word(code)
    document = open_docx(data)
    assert not any(heading_level(p) and p.text == HEADING for p in document.paragraphs)
    top, _, _ = line_summary(data)
    pending = FACTS["pending"]["lines"][code]
    count = pending.get("line", 0)
    assert top[0].startswith("Käyttöönotto on") or top[0] == "Aikataulun tilannevaloa ei ole vielä arvioitu."
    intro = top[2]
    assert intro.startswith("Linjan johdolta")
    asks = top[3:3 + count]
    assert len(asks) == count
    assert sum(a.startswith(LATE) for a in asks) == pending.get("line_late", 0)
    assert all(a.startswith((f"{code}:", f"{LATE}{code}:")) for a in asks)
    elsewhere = sum(v for k, v in pending.items() if k in ("area", "county"))
    assert len(top) == 3 + count + (1 if elsewhere else 0)
    if elsewhere:
        assert top[-1].startswith("Muilla tasoilla päätöstä odottaa")


def test_line_plan_summary_by_hand_nao(renders):
    """NAO read by hand from templates/samples/NAO.toml: schedule yellow with its reason; one ask of the line,
    one waits at the area and one (late) at the county; 48 000 € one-off, 62 000 € yearly, 17 500 € savings, so
    44 500 € net cost a year, each said once; no risk scores 15; the pending ask is not repeated in a table."""
    top, parts, text = line_summary(renders.word("NAO"))
    assert top[0] == ("Käyttöönotto on riskissä. Kaksi tehtävää on myöhässä: omaisen tunnistaminen "
                      "puolesta-asioijaksi ja koordinaattorien yhteinen viestijono.")
    assert top[2] == "Linjan johdolta pyydetään yksi päätös:"
    assert top[3].startswith("NAO: Ikäneuvonnan chat on auki arkisin klo 9–15")
    assert top[4] == ("Muilla tasoilla päätöstä odottaa yksi asia palvelualueen johdolla, yksi asia "
                      "hyvinvointialueen johdolla ja toimielimillä (myöhässä).")
    assert ws(parts["Kustannukset ja resurssit"][0]) == "Yhteensä: nettokustannus 44 500 € vuodessa."
    assert parts["Suurimmat riskit"][0] == "Korkeita riskejä (vähintään 15 pistettä) ei ole."
    for figure in ("48 000 €", "62 000 €", "17 500 €", "44 500 €"):
        assert text.count(figure) == 1, figure
    assert text.count("Ikäneuvonnan chat on auki") == 1
    assert "Ratkaistut päätösesitykset" not in parts            # NAO has settled nothing yet


def test_line_plan_summary_koh_flags_the_unmitigated_risk(renders):
    """KOH: its archiving risk (16) has no mitigation: counted above the risk table and flagged in it; its
    rejected resource decision (templates/samples/KOH.toml) stays in the settled decisions' table."""
    document = open_docx(renders.word("KOH"))
    _, parts, _ = line_summary(renders.word("KOH"))
    assert parts["Suurimmat riskit"][0] == ("Korkeita riskejä (vähintään 15 pistettä) on kaksi, ja yhdeltä puuttuu "
                                           "hallintakeino.")
    risks = table_dicts(tables_after(document, "Suurimmat riskit")[0])
    assert [(r["Pisteet"], r["Hallintakeino"]) for r in risks][0] == ("16", "EI HALLINTAKEINOA")
    settled = table_dicts(tables_after(document, "Ratkaistut päätösesitykset")[0])
    assert [(r["Päätösesitys"], r["Tila"]) for r in settled] == [
        ("Sosiaaliohjaajan 1,0 htv rahoitetaan yhteydenottojen käsittelyyn.", "Hylätty")]


def test_line_deck_opening_slide_koh(renders):
    """KOH: schedule red; its archiving risk (16) has no mitigation and is flagged on the slide."""
    slide = Presentation(BytesIO(renders.deck("KOH"))).slides[1]
    text = ws(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))
    assert "Käyttöönotto on myöhässä. Arkistoinnin määrittely" in text
    assert "EI HALLINTAKEINOA" in text


def test_county_deck_status_gives_a_reason_beside_every_red_light(renders):
    """The lines' schedule lights, the reason beside each red one (the samples' reasons, read by hand), every line
    on the slide, and no validator's 'Täyttöaste'."""
    prs = Presentation(BytesIO(renders.county_deck()))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Tilanne palvelulinjoittain")
    table = next(s for s in slide.shapes if s.has_table).table
    rows = [[ws(c.text) for c in row.cells] for row in table.rows]
    assert rows[0] == ["Palvelulinja", "Aikataulu", "Syy punaiseen valoon", "Myöhässä"]
    assert len(rows) == 1 + 15
    red = {r[0]: r[2] for r in rows[1:] if r[1] == "Punainen"}
    assert red == {
        "Ehkäisevät palvelut: neuvolat, koulu- ja opiskeluterveydenhuolto (EHK)":
            "Kaksi päätöstä odottavaa tehtävää on myöhässä, ja neuvolan viestien siirto 4/2027 on vaarassa.",
        "Lapsiperheiden sosiaalityö ja lastensuojelu (KOH)":
            "Arkistoinnin määrittely ja yhteydenottolomakkeen kysymykset ovat myöhässä.",
        "Avoterveydenhuolto ja terveysasemat (AVO)":
            "Kolme tehtävää on myöhässä: chatin hoidon tarpeen arvioinnin kriteerit, chat-vuorojen mitoitus ja "
            "videovastaanoton soveltuvuudesta päättäminen.",
    }
    assert all(r[2] == "–" for r in rows[1:] if r[1] != "Punainen")


@pytest.mark.parametrize("code", ["AVO", "NAO", "KAT", "ASI"])
def test_line_deck_cross_references_name_the_plan_file(code, renders):
    """'Koko luettelo …' and 'Kaikki vaiheet …' name the line's Word plan by its file name, never a generic word."""
    prs = Presentation(BytesIO(renders.deck(code)))
    texts = [ws(shape.text_frame.text) for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    pointers = [t for t in texts if t.startswith(("Koko luettelo", "Kaikki vaiheet"))]
    assert all(f"{code}-kayttoonottosuunnitelma.docx, luku " in t for t in pointers), pointers
    assert [t for t in texts if "käyttöönottosuunnitelma, luku" in t] == []


def test_line_deck_resources_give_htv_per_role(renders):
    """AVO's roles read by hand from templates/samples/AVO.toml: Chat-sairaanhoitaja 3,0 htv, the message and video
    roles no new need (0,0), the consulting specialist 0,2 htv, the digital agent 1,5 htv."""
    prs = Presentation(BytesIO(renders.deck("AVO")))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Resurssit ja kustannukset")
    text = ws(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))
    assert "Chat-sairaanhoitaja (" in text and "): 3 htv" in text
    assert "Omatiimin viestivastaava (" in text and "): ei uutta resurssitarvetta" in text
    assert "): 0,2 htv" in text and "): 1,5 htv" in text
