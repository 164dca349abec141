"""A line's Word plan and its deck state the same facts: the services per channel, the pending asks, the new
staffing need, the money and the next milestones with their dates. Each is read from the reopened documents, the
plan's tables against the deck's slides, for samples of every shape (one service or many, asks at every level,
estimates missing)."""
from __future__ import annotations

import io
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from docx.text.paragraph import Paragraph
from docx_helpers import heading_level, headings, open_docx, section_after, table_dicts, tables_after
from pptx import Presentation

FACTS = tomllib.loads((Path(__file__).parent / "data" / "facts.toml").read_text(encoding="utf-8"))
SAMPLES = ["NAO", "KAT", "AP", "AVO", "ASI", "KOH", "SP"]
WAVE = re.compile(r" \(\d\. aalto\)$")


def slides(data: bytes) -> list[tuple[str, list[str], list[list[list[str]]]]]:
    """(title, text lines, tables) of each slide."""
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        lines = [p.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title
                 for p in s.text_frame.paragraphs if p.text.strip()]
        tables = [[[c.text for c in row.cells] for row in s.table.rows] for s in slide.shapes if s.has_table]
        out.append((title, lines, tables))
    return out


def deck_rows(deck, title: str) -> list[list[str]]:
    """The table rows (header left out) of the slides titled TITLE, continued slides included."""
    return [row for t, _, tables in deck if t.startswith(title) for table in tables for row in table[1:]]


def deck_lines(deck, title: str) -> list[str]:
    return [line for t, lines, _ in deck if t.startswith(title) for line in lines]


def word_services(document) -> Counter[tuple[str, str]]:
    """(channel, service) of the plan's chapter Palvelut kanavittain: a channel's level-2 heading, its services the
    level-4 headings under its level-3 heading Palvelut."""
    found: Counter[tuple[str, str]] = Counter()
    chapter = channel = section = ""
    for level, text in headings(document):
        if level == 1:
            chapter = text
        elif level == 2:
            channel = WAVE.sub("", text)
        elif level == 3:
            section = text
        elif level == 4 and chapter == "Palvelut kanavittain" and section == "Palvelut":
            found[(channel, text)] += 1
    return found


@pytest.fixture(scope="module", params=SAMPLES)
def pair(request, renders):
    code = request.param
    return code, open_docx(renders.word(code)), slides(renders.deck(code))


def test_services_per_channel_agree(pair):
    code, document, deck = pair
    in_word = word_services(document)
    in_deck = Counter((row[1], row[2]) for row in deck_rows(deck, "Käyttöönotettavat palvelut"))
    # a small line's deck merges the services with what changes: "Kanava ja käyttöönotto" reads "Chat, 1.4.2027"
    in_deck += Counter((row[1].rsplit(", ", 1)[0], row[0])
                       for row in deck_rows(deck, "Palvelut: milloin käyttöön ja mikä muuttuu"))
    assert in_word and in_word == in_deck
    per_channel = Counter(channel for channel, _ in in_word.elements())
    assert sum(per_channel.values()) == sum(FACTS["services"]["waves"][code])


def plan_asks(document, code: str) -> list[tuple[str, str, str, bool]]:
    """The line plan's asks of its own leadership, the bullets opening its summary: (decision, decider, due, late)."""
    asks = []
    for b in section_after(document, "Johdon yhteenveto", level=1):
        if isinstance(b, Paragraph) and heading_level(b):
            break
        text = " ".join(b.text.split()) if isinstance(b, Paragraph) else ""
        match = re.match(rf"(MYÖHÄSSÄ – )?{code}: (.+?) – päättää (.+?), viimeistään (\S+)\.( |$)", text)
        if match:
            asks.append((match.group(2), match.group(3), match.group(4), bool(match.group(1))))
    return asks


def test_pending_asks_agree(pair):
    """Every ask the deck puts to its audience is one of the plan's asks, with the same decider and date; the
    plan's own-level asks are those the hand-made table counts."""
    code, document, deck = pair
    rows = plan_asks(document, code)
    assert len(rows) == FACTS["pending"]["lines"][code].get("line", 0)
    asked = [line for line in deck_lines(deck, "Tilanne ja avainviesti") if line.startswith("Pyydämme päätöstä")]
    for line in asked:
        match = re.fullmatch(r"Pyydämme päätöstä: (.+) \(([^(]+), viimeistään (\S+)( \(myöhässä\))?\)\.", line)
        assert match, line
        text, decider, due, late = match.groups()
        assert any(d.rstrip(".") == text.rstrip(".") and who.lower() == decider.lower() and when == due
                   and was_late == bool(late) for d, who, when, was_late in rows), line
    assert len(asked) == min(len(rows), 1)


def test_new_need_and_money_agree(pair):
    code, document, deck = pair
    money = table_dicts(tables_after(document, "Kustannukset ja resurssit")[0])[0]
    stated = dict(line.split(": ", 1) for line in deck_lines(deck, "Resurssit ja kustannukset") if ": " in line)
    for column in ("Kertakustannus", "Vuosikustannus", "Odotettu vuosisäästö"):
        assert money[column].split(" (")[0] == stated[column], column
    need = FACTS["staffing"]["lines"][code].get("new_need", 0)
    assert money["Uusi resurssitarve"] == (f"{need:g}".replace(".", ",") + "\u00a0htv" if need else "ei uutta tarvetta")
    lines = deck_lines(deck, "Resurssit ja kustannukset")
    if need:                                     # the deck states the same need; a zero in words, never "0 htv"
        assert stated["Uusi resurssitarve yhteensä"] == money["Uusi resurssitarve"]
    else:
        assert "Ei uutta resurssitarvetta" in lines and "Uusi resurssitarve yhteensä" not in stated


def test_next_milestones_agree(pair):
    code, document, deck = pair
    tables = tables_after(document, "Seuraavat välitavoitteet")
    in_word = {(r["Välitavoite"], r["Päivämäärä"]) for r in table_dicts(tables[0])} if tables else set()
    in_deck = {(row[0].removeprefix("Välitavoite: "), row[2]) for row in deck_rows(deck, "Seuraavat askeleet")
               if row[0].startswith("Välitavoite: ")}
    assert in_word and in_word == in_deck
