"""Finnish that reads as written by a person (issue 16): counts that read right for 0, 1 and many, one glossary for
every output, Finnish typography and plain messages. The catalogue checks read every text of
templates/labels/*.fi.toml; the glossary checks reopen the outputs built from the samples."""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from docx.table import Table
from docx_helpers import blocks, heading_level, open_docx, plain
from openpyxl import load_workbook
from pptx import Presentation

from pipeline.intake.fields import field_codecs
from pipeline.intake.writer import write_workbook
from pipeline.render.word.line import render_word_plan
from pipeline.samples import load_sample
from pipeline.schema import SHEETS, Resource, Status, Task, TaskKind

PLURAL = re.compile(r"\{\s*(\w+)\s*,\s*plural\s*,")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def texts(tree: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text of the catalogue with its dotted key."""
    if isinstance(tree, dict):
        for name, value in tree.items():
            yield from texts(value, f"{key}.{name}" if key else name)
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from texts(value, f"{key}[{index}]")
    elif isinstance(tree, str):
        yield key, tree


def user_texts(labels) -> list[tuple[str, str]]:
    """The texts users see: click's own words by their Finnish values, without the glossary (a reference), the
    intake's old headers (`aliases`) and the enums' earlier names, which are kept so old workbooks still read."""
    return [(key, text) for key, text in texts(labels._tree)
            if not key.startswith(("glossary.", "enums.earlier.")) and ".aliases[" not in key]


def without_plurals(text: str) -> str:
    """TEXT with every plural replaced by '#' (a plural reads right by itself)."""
    while match := PLURAL.search(text):
        depth, at = 1, match.end()
        while depth and at < len(text):
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
        text = text[:match.start()] + "#" + text[at:]
    return text


def branches(text: str) -> list[tuple[str, set[str]]]:
    """Each plural of TEXT: its selector and the categories of its branches."""
    found = []
    for match in PLURAL.finditer(text):
        depth, at, categories, word = 1, match.end(), set(), ""
        while depth and at < len(text):
            char = text[at]
            if char == "{":
                if depth == 1:
                    categories.add(word.strip())
                    word = ""
                depth += 1
            elif char == "}":
                depth -= 1
            elif depth == 1:
                word += char
            at += 1
        found.append((match.group(1), categories))
    return found


# --- counts: one plural mechanism, every count through it ----------------------------------------------------------

@pytest.mark.parametrize("value, shown", [(0, "0 asiaa"), (1, "1 asia"), (2, "2 asiaa"), (21, "21 asiaa"),
                                          (1.0, "1 asia"), (1.5, "1,5 asiaa"), ("0,5", "0,5 asiaa"),
                                          ("1", "1 asia"), ("1,0", "1,0 asiaa"), (1234, "1\u00a0234 asiaa"),
                                          ("ei tiedossa", "ei tiedossa asiaa")])
def test_a_plural_picks_one_for_exactly_one_as_shown(labels, value, shown):
    assert labels.fill("{n, plural, one {# asia} other {# asiaa}}", n=value) == shown


def test_a_plural_may_name_an_exact_number_and_hold_placeholders(labels):
    text = "{n, plural, =0 {Ei yhtään ({what}).} one {Yksi: {what}.} other {# kpl: {what}.}}"
    assert [labels.fill(text, n=n, what="x") for n in (0, 1, 3)] == ["Ei yhtään (x).", "Yksi: x.", "3 kpl: x."]


COUNTS = [
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
     [(dict(roles=0, fte="0"), "Resursointisuunnitelmassa on 0 roolia; uutta resurssia tarvitaan yhteensä "
                               "0 henkilötyövuotta."),
      (dict(roles=1, fte="1"), "Resursointisuunnitelmassa on 1 rooli; uutta resurssia tarvitaan yhteensä "
                               "1 henkilötyövuosi."),
      (dict(roles=4, fte="1,7"), "Resursointisuunnitelmassa on 4 roolia; uutta resurssia tarvitaan yhteensä "
                                 "1,7 henkilötyövuotta.")]),
    ("word.change.resources_total", {},
     [(dict(fte="1"), "Uutta resurssia tarvitaan yhteensä 1 henkilötyövuosi."),
      (dict(fte="0,5"), "Uutta resurssia tarvitaan yhteensä 0,5 henkilötyövuotta.")]),
    ("word.tasks.summary_overdue", dict(total=5, open=4, date="26.11.2026"),
     [(dict(count=1), "Tarkennettavia asioita ja tehtäviä on 5, joista avoimia on 4. Tilannepäivänä 26.11.2026 "
                      "myöhässä on 1 avoin asia; se on merkitty taulukkoon."),
      (dict(count=2), "Tarkennettavia asioita ja tehtäviä on 5, joista avoimia on 4. Tilannepäivänä 26.11.2026 "
                      "myöhässä on 2 avointa asiaa; ne on merkitty taulukkoon.")]),
    ("word.summary.phases_intro", {},
     [(dict(count=1), "Muutoksessa on 1 vaihe:"), (dict(count=5), "Muutos on jaettu 5 vaiheeseen:")]),
    ("word.combined.area_lights", {},
     [(dict(green=1, yellow=0, red=2), "1 vihreä, 0 keltaista, 2 punaista")]),
    ("deck.waves.notes", dict(wave=2, channels="Chat", date="1.4.2027", service="Chat-neuvonta"),
     [(dict(count=1, channel_count=1), "2. aallossa otamme käyttöön 1 palvelun kanavassa Chat. Ensimmäinen "
                                       "käyttöönotto on 1.4.2027: Chat-neuvonta."),
      (dict(count=3, channel_count=2), "2. aallossa otamme käyttöön 3 palvelua kanavissa Chat. Ensimmäinen "
                                       "käyttöönotto on 1.4.2027: Chat-neuvonta.")]),
    ("deck.readiness.summary", {},
     [(dict(ready=1, total=1), "1 / 1 kohta kunnossa"), (dict(ready=0, total=13), "0 / 13 kohtaa kunnossa")]),
    ("deck.money.notes", dict(one_off="1\u00a0000\u00a0€", yearly="–"),
     [(dict(fte="1"), "Uutta resurssia tarvitaan 1 henkilötyövuosi. Kertakustannus on 1\u00a0000\u00a0€ ja "
                      "vuosikustannus –. Kerro, mihin luvut perustuvat ja mitä pyydämme johdolta.")]),
    ("county.gantt.clipped", dict(start="1.1.2026"),
     [(dict(months=1), "Aikajana näyttää 1 kuukauden 1.1.2026 alkaen; myöhemmät päivät näkyvät Päättyy-sarakkeessa."),
      (dict(months=36), "Aikajana näyttää 36 kuukautta 1.1.2026 alkaen; myöhemmät päivät näkyvät "
                        "Päättyy-sarakkeessa.")]),
]


@pytest.mark.parametrize("key, fixed, cases", COUNTS, ids=[c[0] for c in COUNTS])
def test_counts_read_right_for_zero_one_and_many(labels, key, fixed, cases):
    for values, expected in cases:
        assert labels.get(key, **fixed, **values) == expected


def test_every_plural_has_one_and_other_and_its_count_is_given(labels):
    for key, text in user_texts(labels):
        plurals = branches(text)
        for name, categories in plurals:
            assert {"one", "other"} <= categories, f"{key}: the plural of {name} needs one and other"
        for count in (0, 1, 2) if plurals else ():
            values = {**{name: "x" for name in PLACEHOLDER.findall(text)}, **{name: count for name, _ in plurals}}
            assert "plural" not in labels.fill(text, **values), key


# Placeholders that are never counts, though a word ending in -a/-ä may follow them ("{code} tietopohjaa" is "the
# line CODE's workbook"), and elative forms, which read right after any number ("13 kohdasta").
NOT_COUNTS = {"code", "value", "file_code", "path", "period", "number", "one_off", "line", "customers", "date"}
ELATIVES = {"kohdasta", "kelvollisista", "ja"}
CASES_FOR_ANY_NUMBER = ("ssa", "ssä", "lla", "llä", "lta", "ltä", "na", "nä")


def bare_counts(labels) -> list[str]:
    """Counts standing before a partitive noun outside a plural ('{errors} virhettä', wrong for 1). A noun in the
    inessive, adessive, ablative or essive ('{count} mittarilla') reads right for any number."""
    bare = []
    for key, text in user_texts(labels):
        if key.startswith("click."):    # click picks its own forms (a two-text list: one, other)
            continue
        for match in re.finditer(r"\{(\w+)\}\s+([a-zåäö]+)", without_plurals(text)):
            name, word = match.groups()
            if (word.endswith(("a", "ä")) and not word.endswith(CASES_FOR_ANY_NUMBER) and name not in NOT_COUNTS
                    and word not in ELATIVES):
                bare.append(f"{key}: {{{name}}} {word}")
    return bare


def test_no_count_stands_before_a_partitive_noun_without_a_plural(labels):
    bare = bare_counts(labels)
    assert not bare, "write these counts as plurals: " + "; ".join(bare)


def test_the_check_finds_a_bare_count_and_passes_a_plural():
    from pipeline.catalog import Labels
    broken = Labels({"report": {"a": "{errors} virhettä, {count} mittarilla",
                                "b": "{n, plural, one {# virhe} other {# virhettä}}"}}, "fi")
    assert bare_counts(broken) == ["report.a: {errors} virhettä"]


def one_of_everything(plan):
    """PLAN with one resource of 1 htv, one late open task and one done task: every count of those is 1."""
    task = plan.tasks[0]
    return plan.model_copy(update={
        "resources": [Resource(service=plan.services[0].id, role="Chat-hoitaja", new_fte=1)],
        "tasks": [task.model_copy(update={"kind": TaskKind.TASK, "status": Status.IN_PROGRESS,
                                          "due": dt.date(2026, 10, 1)}),
                  Task(item="Valmis asia", kind=TaskKind.TASK, status=Status.DONE, due=dt.date(2026, 9, 1))]})


def test_a_plan_with_one_of_each_says_so_in_the_singular(ctx):
    text = plain("\n".join(b.text if not isinstance(b, Table) else "" for b in blocks(
        open_docx(render_word_plan(one_of_everything(load_sample("NAO")), ctx)))))
    assert "Resursointisuunnitelmassa on 1 rooli; uutta resurssia tarvitaan yhteensä 1 henkilötyövuosi." in text
    assert "Uusi resurssitarve 1\u00a0htv, josta rahoittamatta 1\u00a0htv." in text     # new need, its funding unstated
    assert ("Tarkennettavia asioita ja tehtäviä on 2, joista avoimia on 1. Tilannepäivänä 26.11.2026 myöhässä on "
            "1 avoin asia; se on merkitty taulukkoon.") in text
    assert "Tilannepäivänä 26.11.2026 myöhässä on 1 avoin asia." in text


def test_outputs_show_no_placeholder_or_plural_syntax(renders):
    for code in ("NAO", "VAM"):
        text = "\n".join(b.text if not isinstance(b, Table) else " ".join(c.text for r in b.rows for c in r.cells)
                         for b in blocks(open_docx(renders.word(code))))
        deck = Presentation(io.BytesIO(renders.deck(code)))
        text += "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                          if shape.has_text_frame)
        text += "\n".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
        assert "plural" not in text and not PLACEHOLDER.search(text), code


# --- typography -------------------------------------------------------------------------------------------------------

def test_choice_names_hold_no_comma(labels):
    """The allowed values are listed with commas ('Valitse arvo: A, B, C'), so a name with a comma reads as two."""
    names = [f"{key}: {text}" for key, text in texts(labels.node("enums"), "enums")
             if not key.startswith("enums.earlier.") and "," in text]
    assert not names, names


def test_an_earlier_choice_name_still_reads(reference, labels):
    from pipeline.schema import Perspective, sheet
    codec = next(c for c in field_codecs(sheet("perspectives"), reference, labels) if c.name == "perspective")
    assert codec.from_cell("Mahdollisuudet, joita tunnistamme")[0] is Perspective.OPPORTUNITIES
    assert "Mahdollisuudet, joita tunnistamme" not in (codec.choices or {})


# --- plain messages -------------------------------------------------------------------------------------------------

def test_messages_say_what_is_wrong_and_how_to_fix_it(labels):
    for key, entry in texts_of_messages(labels):
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


def test_instructions_speak_to_one_reader(labels):
    """Singular imperatives ('Korjaa', 'Täytä'), never the plural 'Täyttäkää' at the start of a sentence."""
    plural = re.compile(r"(?:^|[.!?:]\s+)([A-ZÅÄÖ][a-zåäö]+(?:kaa|kää))\b")
    found = [f"{key}: {m.group(1)}" for key, text in user_texts(labels) for m in plural.finditer(text)
             if m.group(1) != "Alkaa"]     # 'starts', a column header
    assert not found, found


def test_no_english_program_text_reaches_a_message_unmarked(labels):
    """A program's own text ({detail}) may follow only the label 'Tekninen tieto:'; no message carries it."""
    for key, text in user_texts(labels):
        for match in re.finditer(r"\{detail\}", text):
            assert text[:match.start()].endswith("Tekninen tieto: "), key


# --- one glossary, from the guide -----------------------------------------------------------------------------------

def glossary(labels) -> dict[str, dict]:
    return labels.node("glossary")


def test_glossary_entries_name_a_term_from_the_guide_and_what_to_avoid(labels):
    for concept, entry in glossary(labels).items():
        assert entry["term"] and entry["means"] and entry["guide"], concept
        avoided = [a.casefold() for a in entry.get("avoid", []) + entry.get("avoid_as_header", [])]
        assert entry["term"].casefold() not in avoided and entry.get("short", "").casefold() not in avoided, concept


def phrase(text: str) -> re.Pattern:
    return re.compile(rf"(?<![\wåäöÅÄÖ]){re.escape(text)}(?![\wåäöÅÄÖ])", re.IGNORECASE)


def test_no_text_names_a_concept_with_an_avoided_name(labels):
    found = []
    for concept, entry in glossary(labels).items():
        for avoided in entry.get("avoid", []):
            found += [f"{key}: ”{avoided}” ({concept} = {entry['term']})" for key, text in user_texts(labels)
                      if phrase(avoided).search(PLACEHOLDER.sub("", text))]
    assert not found, found


def bare_header(text: str) -> str:
    """A header as a name: soft hyphens, the required mark and a unit or qualifier in brackets left out."""
    text = plain(text or "").replace("*", " ")
    return re.sub(r"\s*\([^)]*\)\s*$", "", " ".join(text.split())).casefold()


def intake_headers(reference, labels) -> list[list[str]]:
    """The header row of each table sheet and the labels of each form sheet of a written sample workbook."""
    book = load_workbook(io.BytesIO(write_workbook(load_sample("NAO"), reference, labels, sample=True)))
    tables = []
    for spec in SHEETS:
        ws = book[labels.get(f"intake.sheets.{spec.key}.name")]
        cells = [row[0] for row in ws.iter_rows(min_row=2, max_col=1, values_only=True)] if spec.is_form else \
            next(ws.iter_rows(min_row=1, max_row=1, values_only=True))
        tables.append([str(c) for c in cells if c])
    return tables


def word_headers(data: bytes) -> list[list[str]]:
    document = open_docx(data)
    found = [[c.text for c in b.rows[0].cells] for b in blocks(document) if isinstance(b, Table)]
    found.append([b.text for b in blocks(document) if not isinstance(b, Table) and heading_level(b)])
    return found


def deck_headers(data: bytes) -> list[list[str]]:
    deck = Presentation(io.BytesIO(data))
    found = [[c.text for c in shape.table.rows[0].cells] for slide in deck.slides for shape in slide.shapes
             if shape.has_table]
    found.append([slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None])
    return found


def county_headers(data: bytes, reference) -> list[list[str]]:
    """Every cell of the county workbook styled as a column header, sheet by sheet."""
    fill = reference.excel_style.county.header_fill.upper()
    book = load_workbook(io.BytesIO(data))
    return [[str(cell.value) for row in ws.iter_rows() for cell in row
             if cell.value and (cell.fill.fgColor.rgb or "").upper().endswith(fill)] for ws in book.worksheets]


@pytest.fixture(scope="module")
def output_headers(renders, reference, labels) -> dict[str, list[list[str]]]:
    return {"tietopohja": intake_headers(reference, labels),
            "Word-suunnitelma": word_headers(renders.word("NAO")) + word_headers(renders.county_plan()),
            "esitys": deck_headers(renders.deck("NAO")),
            "tiekartta": county_headers(renders.county(), reference)}


def test_every_output_names_each_concept_with_its_glossary_term(output_headers, labels):
    found = []
    for output, tables in output_headers.items():
        assert sum(map(len, tables)) > 5, f"no headers found in the {output}"
        for header in {h for table in tables for h in table}:
            name = bare_header(header)
            for entry in glossary(labels).values():
                if name in {bare_header(a) for a in entry.get("avoid_as_header", []) + entry.get("avoid", [])} \
                        or any(phrase(a).search(plain(header)) for a in entry.get("avoid", [])):
                    found.append(f"{output}: ”{header}” (käytä: {entry['term']})")
    assert not found, found


def test_the_outputs_share_the_glossary_terms(output_headers, labels):
    """The concepts every output shows by a header carry the same name in each of them."""
    names = {output: {bare_header(h) for table in tables for h in table} for output, tables in output_headers.items()}
    for concept in ("owner", "due", "target", "target_date", "people", "new_fte", "kind", "score"):
        term = bare_header(glossary(labels)[concept]["term"])
        shown = [output for output, found in names.items() if term in found]
        assert len(shown) >= 2, f"{concept}: ”{term}” is a header in {shown} only"


def test_no_table_uses_a_value_of_its_type_column_as_a_header(output_headers, reference, labels, renders):
    """'Välitavoite' is a kind of row of the path (Tyyppi), so it never heads a column of the same table."""
    kind = glossary(labels)["kind"]["term"]
    for spec in SHEETS:
        codecs = field_codecs(spec, reference, labels)
        kinds = [c for c in codecs if c.header == kind]
        for codec in kinds:
            assert not set(codec.choices or {}) & {c.header for c in codecs}, spec.key
    for table in (b for b in blocks(open_docx(renders.word("NAO"))) if isinstance(b, Table)):
        rows = [[plain(c.text) for c in r.cells] for r in table.rows]
        if kind in rows[0]:
            column = rows[0].index(kind)
            assert not {r[column] for r in rows[1:]} & set(rows[0]), rows[0]
