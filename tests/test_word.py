"""The Word implementation plan: template/context agreement, content, escaping, layout rules, reproducibility."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import zipfile
from itertools import pairwise
from pathlib import Path

import docx
import jinja2
import pytest
from conftest import convert
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from pipeline.formatting import fi_number
from pipeline.officefiles import xml_safe
from pipeline.render.context import RenderContext
from pipeline.render.word.document import jinja_env, render_word_plan, template_path, word_context
from pipeline.samples import HOSTILE_TEXTS, load_sample, sample_codes, stress_plan
from pipeline.schema import LinePlan, Risk, RiskKind, Term

GOLDEN = Path(__file__).parent / "golden" / "word_NAO.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RAW_CODES = re.compile(r"\b(None|in_progress|not_started|on_hold|not_applicable|some_regions|open_point|"
                       r"health_data|messages|consultations|steering|milestone)\b")


def own_plan(**changes) -> LinePlan:
    """A small plan of our own, independent of the sample files."""
    data = {
        "basics": {"area": "Ikääntyneiden palvelut", "line_code": "KAT", "line_name": "Kotihoito",
                   "facilitator": "Testi Vastaava", "version_date": "2026-10-01"},
        "workshops": [{"number": 1, "name": "Ensimmäinen työpaja", "date": "2026-08-20"}],
        "services": [{"id": "P01", "channel": "chat", "phase": "before", "use_case": "Tarvitsen apua.",
                      "name": "Kotihoidon chat", "description": "Kysy chatissa.", "customer_groups": "Ikääntyneet",
                      "customer_value": "Nopea vastaus", "professional_values": "Sujuva työkalu"}],
        "goals": [{"channel": "chat", "goal": "Nopea apu", "metric": "Vastausaika chatissa (mediaani)",
                   "unit": "min", "baseline": 1234.5, "target": 5, "target_date": "2027-12-31"}],
        "milestones": [{"channel": "chat", "name": "Pilotti", "kind": "phase", "start": "2027-01-01",
                        "end": "2027-03-31", "status": "in_progress"}],
        "tasks": [
            {"item": "Myöhästynyt tehtävä", "kind": "task", "owner": "A", "due": "2026-11-01",
             "status": "in_progress"},
            {"item": "Valmis tehtävä", "kind": "task", "owner": "B", "due": "2026-10-01", "status": "done"},
            {"item": "Tuleva tehtävä", "kind": "open_point", "owner": "C", "due": "2027-01-01"},
        ],
    }
    data.update(changes)
    return LinePlan.model_validate(data)


def plans_to_check() -> list[str]:
    return sample_codes() or ["OWN"]


def plan_for(code: str) -> LinePlan:
    return own_plan() if code == "OWN" else load_sample(code)


def word_of(code: str, renders, ctx) -> bytes:
    """The sample's plan as rendered once for the whole test run (OWN: rendered here)."""
    return render_word_plan(own_plan(), ctx) if code == "OWN" else renders.word(code)


def open_docx(data: bytes) -> docx.Document:
    return docx.Document(io.BytesIO(data))


def blocks(document) -> list[Paragraph | Table]:
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            out.append(Paragraph(child, document))
        elif child.tag == f"{W}tbl":
            out.append(Table(child, document))
    return out


def heading_level(p: Paragraph) -> int | None:
    name = p.style.name if p.style is not None else ""
    return int(name.split()[-1]) if name.startswith("Heading ") else None


def headings(document) -> list[tuple[int, str]]:
    return [(heading_level(b), b.text) for b in blocks(document)
            if isinstance(b, Paragraph) and heading_level(b) is not None]


def document_text(document) -> str:
    """The body in reading order: headings marked with #, table rows as cells joined by ' | '."""
    lines = []
    for b in blocks(document):
        if isinstance(b, Table):
            lines.extend(" | ".join(c.text for c in row.cells) for row in b.rows)
        elif b.text.strip():
            level = heading_level(b)
            lines.append(f"{'#' * level} {b.text}" if level else b.text)
    section = document.sections[0]
    lines.append("[ylätunniste] " + " ".join(p.text for p in section.header.paragraphs))
    lines.append("[alatunniste] " + " ".join(p.text for p in section.footer.paragraphs))
    return "\n".join(lines) + "\n"


def section_after(document, title: str) -> list[Paragraph | Table]:
    """The blocks after the heading TITLE up to the next heading of the same or a higher level."""
    items = blocks(document)
    start = next(i for i, b in enumerate(items) if isinstance(b, Paragraph) and heading_level(b) and b.text == title)
    level = heading_level(items[start])
    out = []
    for b in items[start + 1:]:
        if isinstance(b, Paragraph) and heading_level(b) and heading_level(b) <= level:
            break
        out.append(b)
    return out


def table_rows(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# --- the template and its context agree ------------------------------------------------------------------------

def test_template_names_equal_context_keys(ctx):
    template = DocxTemplate(str(template_path(ctx)))
    needed = template.get_undeclared_template_variables(jinja_env())
    context = word_context(own_plan(), ctx)
    assert needed - set(context) == set(), "the template uses names the context does not provide"
    assert set(context) - needed == set(), "the context provides names the template never uses"


def test_missing_name_fails_the_render(ctx):
    context = word_context(own_plan(), ctx)
    del context["risks"]
    with pytest.raises(jinja2.UndefinedError):
        DocxTemplate(str(template_path(ctx))).render(context, jinja_env=jinja_env(), autoescape=True)


def test_missing_label_fails_the_render(ctx):
    context = word_context(own_plan(), ctx)
    context["L"] = {k: v for k, v in context["L"].items() if k != "h"}
    with pytest.raises(jinja2.UndefinedError):
        DocxTemplate(str(template_path(ctx))).render(context, jinja_env=jinja_env(), autoescape=True)


# --- structure and content of every sample ---------------------------------------------------------------------

@pytest.mark.parametrize("code", plans_to_check())
def test_headings_in_order(code, ctx, renders):
    document = open_docx(word_of(code, renders, ctx))
    found = headings(document)
    h = ctx.labels.node("word.h")
    assert [t for lvl, t in found if lvl == 1] == [h["summary"], h["channels"], h["change"], h["implementation"],
                                                    h["appendix"]]
    levels = [lvl for lvl, _ in found]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels)), "a heading level is skipped"
    channel_headings = [t for lvl, t in section_headings(found, h["channels"]) if lvl == 2]
    wave = {c.code: c.wave for c in ctx.reference.channels}
    assert channel_headings == [ctx.labels.get("word.channel.heading", name=ctx.reference.channel_name(c), wave=wave[c])
                                for c in ctx.reference.channel_order]
    summary = [t for lvl, t in section_headings(found, h["summary"]) if lvl == 2]
    assert summary == ctx.labels.node("word.summary.headings")


def section_headings(found: list[tuple[int, str]], h1: str) -> list[tuple[int, str]]:
    start = found.index((1, h1))
    end = next((i for i in range(start + 1, len(found)) if found[i][0] == 1), len(found))
    return found[start + 1:end]


@pytest.mark.parametrize("code", plans_to_check())
def test_toc_is_stored_filled_with_the_headings(code, ctx, renders):
    data = word_of(code, renders, ctx)
    document = open_docx(data)
    toc = [p.text for p in document.paragraphs if p.style.name.lower() in ("toc 1", "toc 2")]
    assert toc == [t for lvl, t in headings(document) if lvl <= 2]
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert re.search(r"<w:instrText[^>]*> TOC \\o", body)
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings


@pytest.mark.parametrize("code", plans_to_check())
def test_no_none_no_raw_codes_no_empty_sections(code, ctx, renders):
    document = open_docx(word_of(code, renders, ctx))
    text = document_text(document)
    assert not RAW_CODES.search(text), RAW_CODES.search(text)
    items = blocks(document)
    for i, b in enumerate(items):
        if isinstance(b, Paragraph) and heading_level(b):
            following = next((x for x in items[i + 1:] if not isinstance(x, Paragraph) or x.text.strip()), None)
            assert following is not None, f"heading {b.text!r} ends the document"
            assert not (isinstance(following, Paragraph) and heading_level(following)
                        and heading_level(following) <= heading_level(b)), f"empty section {b.text!r}"


@pytest.mark.parametrize("code", plans_to_check())
def test_tables_have_repeating_header_rows_and_fit_the_page(code, ctx, renders):
    document = open_docx(word_of(code, renders, ctx))
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
    assert document.tables
    for table in document.tables:
        first = table._tbl.tr_lst[0]
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        widths = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.iterchildren(f"{W}gridCol")]
        assert sum(widths) <= text_width + 1


@pytest.mark.parametrize("code", plans_to_check())
def test_sample_answers_and_tables(code, ctx, renders):
    plan = plan_for(code)
    document = open_docx(word_of(code, renders, ctx))
    questions = ctx.labels.node("intake.instructions.questions")
    for heading, question in zip(ctx.labels.node("word.summary.headings"), questions, strict=True):
        texts = [b.text for b in section_after(document, heading) if isinstance(b, Paragraph) and b.text.strip()]
        assert texts[0] == question and len(texts) >= 2, f"question {heading!r} has no answer"
    goal_cells = {cell for table in document.tables for row in table_rows(table)[1:] for cell in row}
    for goal in plan.goals:
        assert goal.goal.strip() in goal_cells
        if goal.baseline is not None:
            assert any(c.startswith(fi_number(goal.baseline)) for c in goal_cells)
    if plan.tasks:
        tasks = next(b for b in section_after(document, ctx.labels.get("word.h.tasks")) if isinstance(b, Table))
        assert len(tasks.rows) == len(plan.tasks) + 1
    if plan.systems:
        systems = [t for lvl, t in headings(document) if lvl == 3]
        assert all((s.name.strip() or s.id) in systems for s in plan.systems)


def test_nao_answers_tables_and_overdue(ctx, renders):
    if "NAO" not in sample_codes():
        pytest.skip("NAO sample not written yet")
    document = open_docx(renders.word("NAO"))
    heads = ctx.labels.node("word.summary.headings")
    answers = ["\n".join(b.text for b in section_after(document, h) if isinstance(b, Paragraph)) for h in heads]
    assert "Asiakkuuksien ohjaus – Omaishoitajat" in answers[0]
    assert "Omaishoitaja saa vastauksen kiireettömään asiaan kahden arkipäivän kuluessa." in answers[1]
    assert "Vertaistuki ilman sijaishoidon järjestämistä ja matkoja." in answers[2]
    assert "1.9.2026–30.6.2028" in answers[3] and "Chat koko hyvinvointialueelle" in answers[3]
    assert "Etävertaisryhmien kokeilu (Videotapaamiset)" in answers[4]
    assert "Chat-vuoroja tehdään pareittain" in answers[5] and "1,7 henkilötyövuotta" in answers[5]
    nbsp = "\u00a0"
    assert f"lähtötaso 4{nbsp}200{nbsp}kpl/kk, tavoitetaso 3{nbsp}000{nbsp}kpl/kk 31.3.2028 mennessä" in answers[6]
    goals = next(b for b in section_after(document, "Chat (1. aalto)") if isinstance(b, Table)
                 and b.rows[0].cells[0].text == "Tavoite")
    assert ["25\u00a0min", "5\u00a0min", "31.12.2027"] == table_rows(goals)[1][2:5]
    tasks = next(b for b in section_after(document, ctx.labels.get("word.h.tasks")) if isinstance(b, Table))
    marked = {row[0]: row[4] for row in table_rows(tasks)[1:]}
    mark = ctx.labels.get("word.tasks.overdue_mark")
    assert marked["Selvitetään, miten omainen tunnistetaan puolesta-asioijaksi chatissa."] == f"31.10.2026\n{mark}"
    assert marked["Listataan kaikki alueiden asiakasohjauksen lomakkeet ja niiden käyttömäärät."] == "15.10.2026"
    assert marked["Laaditaan chatin vastauspohjat kymmeneen yleisimpään kysymykseen."] == "31.1.2027"


def test_golden_text_nao(ctx, renders):
    if "NAO" not in sample_codes():
        pytest.skip("NAO sample not written yet")
    text = document_text(open_docx(renders.word("NAO")))
    if os.environ.get("DIGIPLAN_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "run with DIGIPLAN_UPDATE_GOLDEN=1 once to create the golden file"
    assert text == GOLDEN.read_text(encoding="utf-8")


# --- hostile text, empty channels, overdue, properties ---------------------------------------------------------

def test_user_text_appears_literally(ctx):
    plan = stress_plan(own_plan(), services=6, text_length=500)
    odd = "docxtpl-merkit {_{ x }_} ja {_% y %_} sekä 100 %"
    plan.basics = plan.basics.model_copy(update={"note": odd, "facilitator": HOSTILE_TEXTS[0]})
    plan.risks = [Risk(kind=RiskKind.RISK, description=h, mitigation="\n".join(HOSTILE_TEXTS)) for h in HOSTILE_TEXTS]
    document = open_docx(render_word_plan(plan, ctx))
    text = document_text(document)
    for hostile in HOSTILE_TEXTS:
        assert xml_safe(hostile) in text
    assert odd in text
    assert "&amp;" not in text and "&lt;" not in text
    assert plan.basics.line_name in document.core_properties.title


def test_empty_channel_gets_one_sentence(ctx):
    document = open_docx(render_word_plan(own_plan(), ctx))
    video = ctx.labels.get("word.channel.heading", name="Videotapaamiset", wave=2)
    content = [b for b in section_after(document, video) if isinstance(b, Table) or b.text.strip()]
    assert len(content) == 1 and content[0].text == ctx.labels.get("word.channel.empty")


@pytest.mark.parametrize("as_of, marked", [(dt.date(2026, 10, 31), 0), (dt.date(2026, 11, 2), 1),
                                            (dt.date(2027, 1, 2), 2)])
def test_overdue_against_as_of(as_of, marked, ctx):
    local = RenderContext(ctx.reference, ctx.labels, as_of, ctx.templates)
    document = open_docx(render_word_plan(own_plan(), local))
    tasks = next(b for b in section_after(document, ctx.labels.get("word.h.tasks")) if isinstance(b, Table))
    mark = ctx.labels.get("word.tasks.overdue_mark")
    rows = table_rows(tasks)[1:]
    assert sum(mark in row[4] for row in rows) == marked
    assert all(mark not in row[4] for row in rows if row[0] == "Valmis tehtävä")


def test_reproducible_and_properties(ctx):
    plan = plan_for(plans_to_check()[0])
    first = render_word_plan(plan, ctx)
    assert first == render_word_plan(plan, RenderContext.load(ctx.as_of))
    document = open_docx(first)
    props = document.core_properties
    assert props.author == plan.basics.line_name and "python-docx" not in (props.author, props.last_modified_by)
    assert props.title and plan.basics.line_name in props.title and props.subject
    assert props.created.date() == plan.basics.version_date == props.modified.date()
    styles = zipfile.ZipFile(io.BytesIO(first)).read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="fi-FI"' in defaults


def test_version_date_falls_back_to_as_of(ctx):
    plan = own_plan()
    plan.basics = plan.basics.model_copy(update={"version_date": None})
    props = open_docx(render_word_plan(plan, ctx)).core_properties
    assert props.created.date() == ctx.as_of


def test_empty_plan_renders_without_none(ctx):
    text = document_text(open_docx(render_word_plan(LinePlan(), ctx)))
    assert not RAW_CODES.search(text)
    assert ctx.labels.get("word.cover.unnamed") in text


@pytest.mark.office
def test_huge_plan_and_every_sample_convert_to_pdf(tmp_path, ctx, renders):
    base = load_sample("NAO") if "NAO" in sample_codes() else own_plan()
    plan = stress_plan(base, services=30, text_length=10_000)
    plan.services[0] = plan.services[0].model_copy(
        update={"description": plan.services[0].description + " LOPPUMERKKI"})
    plan.goals[0] = plan.goals[0].model_copy(update={"goal": plan.services[0].description + " TAVOITEMERKKI"})
    plan.terms = [Term(professional="Termi", customer="Sana", notes="Rivi\n" * 200 + "TERMIMERKKI")]
    source = tmp_path / "huge.docx"
    source.write_bytes(render_word_plan(plan, ctx))
    pdfs = convert([source], "pdf", tmp_path / "pdf") + list(renders.pdfs("word").values())
    for pdf in pdfs:
        assert pdf.exists() and pdf.stat().st_size > 10_000, pdf.name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert not re.search(r"\bNone\b", text), pdf.name
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    for marker in ("LOPPUMERKKI", "TAVOITEMERKKI", "TERMIMERKKI"):  # long text and tall cells never cut off
        assert marker in text
