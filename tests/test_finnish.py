"""Finnish that reads as written by a person (issue 16): counts that read right for 0, 1 and many, one glossary for
every output, Finnish typography and plain messages. The catalogue checks read every text of
templates/labels/*.fi.toml; the glossary checks reopen the outputs built from the samples."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from catalogue_helpers import glossary, phrase, user_texts, without_plurals
from docx.table import Table
from docx_helpers import blocks, heading_level, open_docx, plain
from openpyxl import load_workbook
from pptx import Presentation

from pipeline.intake.fields import field_codecs
from pipeline.intake.writer import write_workbook
from pipeline.render.word.line import render_word_plan
from pipeline.samples import load_sample
from pipeline.schema import SHEETS, Resource, Status, Task, TaskKind

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
    assert "Resursointisuunnitelmassa on yksi rooli; uutta resurssia tarvitaan yhteensä 1 henkilötyövuosi." in text
    assert "Uusi resurssitarve 1\u00a0htv, josta rahoittamatta 1\u00a0htv." in text     # new need, its funding unstated
    assert ("Tarkennettavia asioita ja tehtäviä on 2, joista avoimia on 1. Tilannepäivänä 26.11.2026 myöhässä on "
            "yksi avoin asia; se on merkitty taulukkoon.") in text
    assert "Tilannepäivänä 26.11.2026 myöhässä on yksi avoin asia." in text


# --- plain messages -------------------------------------------------------------------------------------------------

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
