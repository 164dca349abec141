"""The Word implementation plan of a line: decision layer first, stored contents, pictures, scored risks, names not
codes, tables that read; template/context agreement, text safety, reproducibility, LibreOffice."""
from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
import zipfile
from itertools import pairwise
from pathlib import Path

import jinja2
import pytest
from docx.text.paragraph import Paragraph
from docx_helpers import (
    W,
    blocks,
    cell_fill,
    document_text,
    headings,
    open_docx,
    plain,
    section_after,
    table_dicts,
    table_rows,
    tables_after,
)
from docxtpl import DocxTemplate
from renders import PDF_SAMPLES

from pipeline.formatting import fi_number
from pipeline.officefiles import xml_safe
from pipeline.render.context import RenderContext
from pipeline.render.word.charts import Charts
from pipeline.render.word.context import build_context
from pipeline.render.word.document import Pictures, finalize, jinja_env
from pipeline.render.word.line import TEMPLATE, render_word_plan
from pipeline.samples import load_sample, sample_codes
from pipeline.schema import DeciderLevel, DecisionStatus, LinePlan, Risk, RiskKind
from tools.stress import HOSTILE_TEXTS, stress_plan

RAW_CODES = re.compile(r"\b(None|in_progress|not_started|on_hold|not_applicable|some_regions|open_point|"
                       r"health_data|messages|consultations|steering|milestone|keep_partly|line_managers)\b")
SAMPLES = sample_codes()
# The template's structure (headings, contents, tables, charts) is checked on the spread of samples the layout tests
# use (every sample in CI: DIGIPLAN_ALL_SAMPLES=1); what each sample says is checked on every sample below.
STRUCTURE = ["OWN", *PDF_SAMPLES]


PENDING = tomllib.loads((Path(__file__).parent / "data" / "facts.toml").read_text(encoding="utf-8"))["pending"]


def own_plan(**changes) -> LinePlan:
    """A small plan of our own, independent of the sample files."""
    data = {
        "basics": {"area": "Ikääntyneiden palvelut", "line_code": "KAT", "line_name": "Kotihoito",
                   "facilitator": "Testi Vastaava", "version_date": "2026-10-01", "plan_status": "draft",
                   "approver": "Palvelualuejohtaja"},
        "summary": {"key_message": "Kotihoidon asiakas saa vastauksen chatissa heti.", "overall": "red",
                    "overall_reason": "Chat-pilotti on myöhässä.", "schedule": "red", "readiness": "yellow",
                    "resources": "green", "cost_one_off": 12000, "cost_yearly": 3500.5,
                    "cost_basis": "Toimittajan tarjous 9/2026"},
        "decisions": [{"decision": "Chatin aukiolo arkisin 8–20", "decider": "area", "due": "2026-11-01",
                       "status": "waiting"},
                      {"decision": "Lisärahoitus", "decider": "body", "decider_name": "Aluehallitus",
                       "due": "2027-02-01", "status": "waiting"},
                      {"decision": "Pilotin aloitus", "decider": "line", "due": "2026-08-01", "status": "decided"}],
        "workshops": [{"number": 1, "name": "Ensimmäinen työpaja", "date": "2026-08-20"},
                      {"number": 2, "name": "Toinen työpaja", "date": "2027-01-20"}],
        "services": [{"id": "P01", "channel": "chat", "phase": "before", "use_case": "Tarvitsen apua.",
                      "name": "Kotihoidon chat", "description": "Kysy chatissa.", "customer_groups": "Ikääntyneet",
                      "customer_value": "Nopea vastaus", "professional_values": "Sujuva työkalu"}],
        "goals": [{"channel": "chat", "goal": "Nopea apu", "metric": "Vastausaika chatissa (mediaani)",
                   "unit": "min", "baseline": 1234.5, "target": 5, "target_date": "2027-12-31"}],
        "milestones": [{"channel": "chat", "name": "Pilotti", "kind": "phase", "start": "2027-01-01",
                        "end": "2027-03-31", "status": "in_progress"},
                       {"channel": "chat", "name": "Chat auki", "kind": "milestone", "start": "2027-04-01"}],
        "tasks": [
            {"item": "Myöhästynyt tehtävä", "kind": "task", "owner": "A", "due": "2026-11-01",
             "status": "in_progress"},
            {"item": "Valmis tehtävä", "kind": "task", "owner": "B", "due": "2026-10-01", "status": "done"},
            {"item": "Tuleva tehtävä", "kind": "open_point", "owner": "C", "due": "2027-01-01"},
        ],
        "systems": [{"id": "J01", "name": "Omaolo", "decision": "keep_partly", "keeps": "Oirearviot",
                     "exit_date": "2027-06-30", "replacement_date": "2027-06-01"}],
        "leader_support": [{"measure": "Lähijohtajien muutosvalmennus", "audience": ["line_managers"],
                            "timing": "syksy 2026", "owner": "Kehittämispäällikkö", "tools": "Kuukausikatsaus"}],
        "risks": [{"kind": "risk", "description": "Pieni riski", "likelihood": 1, "impact": 2, "owner": "X"},
                  {"kind": "risk", "description": "Suuri riski", "likelihood": 5, "impact": 4, "owner": "Y"},
                  {"kind": "dependency", "description": "Arvioimaton riippuvuus"},
                  {"kind": "risk", "description": "Keskisuuri riski", "likelihood": 3, "impact": 3, "owner": "Z"}],
    }
    data.update(changes)
    return LinePlan.model_validate(data)


_OWN: dict[int, tuple[RenderContext, bytes]] = {}     # OWN rendered once per context (kept alive with it)


def word_of(code: str, renders, ctx) -> bytes:
    """A sample's plan as rendered once for the whole test run (OWN: rendered here, once)."""
    if code != "OWN":
        return renders.word(code)
    if id(ctx) not in _OWN:
        _OWN[id(ctx)] = (ctx, render_word_plan(own_plan(), ctx))
    return _OWN[id(ctx)][1]


def context_of(plan: LinePlan, ctx: RenderContext) -> tuple[DocxTemplate, dict]:
    """The template and the context built for it (pictures belong to the template they were made for)."""
    template = DocxTemplate(str(ctx.templates / "word" / TEMPLATE))
    charts = Charts(template, "fi-FI", "Carlito")
    return template, finalize(build_context(plan, ctx, Pictures(charts)))


def toc_entries(document) -> list[tuple[str, str]]:
    """(text, bookmark) of each stored contents line."""
    out = []
    for paragraph in document.element.body.iter(f"{W}p"):
        for link in paragraph.iter(f"{W}hyperlink"):
            anchor = link.get(f"{W}anchor") or ""
            if anchor.startswith("_Toc"):
                out.append(("".join(t.text or "" for t in link.iter(f"{W}t")), anchor))
    return out


# --- the template and its context agree ------------------------------------------------------------------------

def test_template_names_equal_context_keys(ctx):
    template, context = context_of(own_plan(), ctx)
    needed = template.get_undeclared_template_variables(jinja_env())
    assert needed - set(context) == set(), "the template uses names the context does not provide"
    assert set(context) - needed == set(), "the context provides names the template never uses"


def test_missing_name_fails_the_render(ctx):
    template, context = context_of(own_plan(), ctx)
    del context["risks"]
    with pytest.raises(jinja2.UndefinedError):
        template.render(context, jinja_env=jinja_env(), autoescape=True)


def test_the_template_shows_no_machinery(ctx):
    """Anyone restyling the template in Word sees clean tags, never escaped XML."""
    body = zipfile.ZipFile(ctx.templates / "word" / TEMPLATE).read("word/document.xml").decode()
    assert "&lt;w:" not in body and "{%p for" in body


# --- structure: decision layer first, contents, pictures ---------------------------------------------------------

@pytest.mark.parametrize("code", STRUCTURE)
def test_headings_in_order_and_decision_layer_first(code, ctx, renders):
    document = open_docx(word_of(code, renders, ctx))
    found = headings(document)
    h = ctx.labels.node("word.h")
    assert [t for lvl, t in found if lvl == 1] == [
        h[k] for k in ("decision", "summary", "pictures", "channels", "change", "implementation", "appendix")]
    assert all(b - a <= 1 for a, b in pairwise([lvl for lvl, _ in found])), "a heading level is skipped"
    # the summary opens the plan (no separate opening page): money and risks, the settled decisions when there
    # are any, then the lights and the milestones
    end = next(i for i, (lvl, t) in enumerate(found) if lvl == 1 and t != h["decision"])
    first = [t for lvl, t in found[:end] if lvl == 2 and t != ctx.labels.get("word.decision.outcomes")]
    assert first == [ctx.labels.get(f"word.decision.{k}") for k in ("money", "risks", "lights", "milestones")]


@pytest.mark.parametrize("code", STRUCTURE)
def test_contents_are_stored_with_links_and_no_update_prompt(code, ctx, renders):
    data = word_of(code, renders, ctx)
    document = open_docx(data)
    entries = toc_entries(document)
    assert [text for text, _ in entries] == [t for lvl, t in headings(document) if lvl <= 2]
    names = {b.get(f"{W}name") for b in document.element.body.iter(f"{W}bookmarkStart")}
    assert {anchor for _, anchor in entries} <= names
    files = zipfile.ZipFile(io.BytesIO(data))
    assert "updateFields" not in files.read("word/settings.xml").decode()
    assert "autoHyphenation" in files.read("word/settings.xml").decode()
    footer = files.read("word/footer1.xml").decode()
    assert " PAGE " in footer and " NUMPAGES " in footer


@pytest.mark.parametrize("code", STRUCTURE)
def test_no_none_no_raw_codes_no_service_codes_in_running_text(code, ctx, renders):
    document = open_docx(word_of(code, renders, ctx))
    text = document_text(document)
    assert not RAW_CODES.search(text), RAW_CODES.search(text)
    appendix = ctx.labels.get("word.h.appendix")
    items = blocks(document)
    end = next(i for i, b in enumerate(items) if isinstance(b, Paragraph) and b.text == appendix)
    for b in items[:end]:
        texts = [b.text] if isinstance(b, Paragraph) else [c.text for row in b.rows for c in row.cells]
        for t in texts:
            assert not re.search(r"\((P|J)\d\d\)", t), t


@pytest.mark.parametrize("code", STRUCTURE)
def test_tables_read_rows_never_split_headers_repeat_and_fit(code, ctx, renders):
    document = open_docx(word_of(code, renders, ctx))
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
    assert document.tables
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        widths = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.iterchildren(f"{W}gridCol")]
        assert sum(widths) <= text_width + 1


@pytest.mark.parametrize("code", STRUCTURE)
def test_roadmap_and_metrics_are_word_charts_with_alt_text_and_caption(code, ctx, renders):
    data = word_of(code, renders, ctx)
    document = open_docx(data)
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    inlines = list(document.element.body.iter(f"{wp}inline"))
    assert len(inlines) >= 2                         # the roadmap, and one chart per metric
    files = zipfile.ZipFile(io.BytesIO(data))
    charts = sorted(n for n in files.namelist() if n.startswith("word/charts/chart"))
    assert len(charts) == len(inlines)
    assert not [n for n in files.namelist() if n.endswith(".png")]
    for inline in inlines:
        assert inline.find(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}chart") is not None
        descr = inline.find(f"{wp}docPr")
        assert descr is not None and len(descr.get("descr", "")) > 40
        assert int(inline.find(f"{wp}extent").get("cx")) <= 6120000      # 17 cm: within the text width
    captions = [p.text for p in document.paragraphs if p.style.name == "Kuvateksti"]
    assert [c.split(".")[0] for c in captions] == ["Kuva 1", "Kuva 2"]


def test_own_plan_charts_carry_their_data_and_series(ctx):
    data = render_word_plan(own_plan(), ctx)
    files = zipfile.ZipFile(io.BytesIO(data))
    types = files.read("[Content_Types].xml").decode()
    assert "application/vnd.openxmlformats-officedocument.drawingml.chart+xml" in types
    rels = files.read("word/_rels/document.xml.rels").decode()
    assert 'Target="charts/chart1.xml"' in rels
    texts = []
    for name in sorted(n for n in files.namelist() if n.startswith("word/charts/chart") and n.endswith(".xml")):
        chart = files.read(name).decode()
        assert "<c:externalData" in chart
        texts.append(chart)
        rel = files.read(name.replace("charts/", "charts/_rels/") + ".rels").decode()
        workbook = re.search(r'Target="../embeddings/([^"]+)"', rel).group(1)
        assert zipfile.ZipFile(io.BytesIO(files.read(f"word/embeddings/{workbook}"))).testzip() is None
    roadmap = texts[0]
    assert "<c:barDir val=\"bar\"/>" in roadmap and "<c:grouping val=\"stacked\"/>" in roadmap
    assert re.findall(r"<c:tx>.*?<c:v>([^<]*)</c:v>", roadmap) == [" ", "Suunniteltu tai käynnissä", "Välitavoite",
                                                                      "Tilanne 26.11.2026", " "]
    assert "<c:v>Chat: Pilotti</c:v>" in roadmap and "<c:v>Chat: Chat auki</c:v>" in roadmap
    assert "Lähtötaso" in texts[1] and "Tavoitetaso" in texts[1]


def test_charts_are_reproducible(ctx):
    assert render_word_plan(own_plan(), ctx) == render_word_plan(own_plan(), ctx)


# --- the decision layer ------------------------------------------------------------------------------------------

def test_decision_layer_of_our_own_plan(ctx):
    document = open_docx(render_word_plan(own_plan(), ctx))
    top = section_after(document, ctx.labels.get("word.h.decision"))
    assert top[0].text == "Käyttöönotto on myöhässä; syytä ei ole kirjattu."   # the verdict first (no schedule reason)
    assert top[1].text == "Kotihoidon asiakas saa vastauksen chatissa heti."
    lights = table_dicts(tables_after(document, ctx.labels.get("word.decision.lights"))[0])
    assert [r["Näkökulma"] for r in lights] == ["Kokonaistilanne", "Aikataulu", "Valmius", "Resurssit", "Riskit"]
    assert [r["Tila"] for r in lights] == ["Punainen", "Punainen", "Keltainen", "Vihreä", "Ei arvioitu"]
    assert lights[0]["Perustelu"] == "Chat-pilotti on myöhässä."
    light_table = tables_after(document, ctx.labels.get("word.decision.lights"))[0]
    assert cell_fill(light_table.rows[1].cells[1]) == ctx.reference.document_style.lights.red
    # the line plan asks the line leadership's pending decisions in its opening lines, reports the settled ones in
    # a table and counts the ones asked of the area (Chatin aukiolo, late) and the county (Lisärahoitus,
    # Aluehallitus)
    decisions = table_dicts(tables_after(document, ctx.labels.get("word.decision.outcomes"))[0])
    assert [(d["Päätösesitys"], d["Tila"]) for d in decisions] == [("Pilotin aloitus", "Päätetty")]
    note = " ".join(b.text for b in top if isinstance(b, Paragraph))
    assert "Muilla tasoilla päätöstä odottaa yksi asia palvelualueen johdolla (myöhässä), yksi asia " \
           "hyvinvointialueen johdolla ja toimielimillä." in note
    asks = open_docx(render_word_plan(
        own_plan(decisions=[{"decision": "Chat-vuorot", "decider": "line", "due": "2026-11-01"},
                            {"decision": "Pilotin aloitus", "decider": "line", "status": "rejected"}]), ctx))
    texts = [p.text for p in section_after(asks, ctx.labels.get("word.h.decision")) if isinstance(p, Paragraph)]
    assert "Linjan johdolta pyydetään yksi päätös, ja se on myöhässä:" in texts
    assert any(t.startswith("MYÖHÄSSÄ – KAT: Chat-vuorot – päättää palvelulinjan johto, viimeistään 1.11.2026.")
               for t in texts)                                            # waiting past its date (as of 26.11.2026)
    decisions = table_dicts(tables_after(asks, ctx.labels.get("word.decision.outcomes"))[0])
    assert [(d["Päätösesitys"], d["Tila"]) for d in decisions] == [("Pilotin aloitus", "Hylätty")]
    risks = table_dicts(tables_after(document, ctx.labels.get("word.decision.risks"))[0])
    assert [(r["Riski tai riippuvuus"], r["Pisteet"]) for r in risks] == [("Suuri riski", "20"),
                                                                          ("Keskisuuri riski", "9"),
                                                                          ("Pieni riski", "2")]
    [money] = table_dicts(tables_after(document, ctx.labels.get("word.decision.money"))[0])
    assert money == {"Kertakustannus": "12\u00a0000\u00a0€", "Vuosikustannus": "3\u00a0500\u00a0€",
                     "Odotettu vuosisäästö": "ei vielä arvioitu", "Uusi resurssitarve": "ei uutta tarvetta"}
    milestones = table_dicts(tables_after(document, ctx.labels.get("word.decision.milestones"))[0])
    assert [(m["Päivämäärä"], m["Välitavoite"]) for m in milestones] == [("1.1.2027", "Pilotti"),
                                                                        ("1.4.2027", "Chat auki")]


@pytest.mark.parametrize("code", SAMPLES)
def test_decision_layer_of_every_sample(code, ctx, renders):
    plan = renders.plan(code)
    document = open_docx(renders.word(code))
    top = [b.text for b in section_after(document, ctx.labels.get("word.h.decision")) if isinstance(b, Paragraph)]
    assert top[1] == " ".join(plan.summary.key_message.split())          # after the verdict
    settled = [d for d in plan.decisions if d.status not in (None, DecisionStatus.WAITING)]
    own = [d for d in plan.decisions if d.decider is DeciderLevel.LINE and d.status in (None, DecisionStatus.WAITING)]
    assert len(own) == PENDING["lines"][code].get("line", 0)             # own asks, not other levels'
    for d in own:                                                         # each asked once, in the opening lines
        assert sum(" ".join(d.decision.split()).rstrip(".") in " ".join(t.split()) for t in top) == 1
    risks = table_dicts(tables_after(document, ctx.labels.get("word.decision.risks"))[0])
    scores = sorted((r.score or 0 for r in plan.risks), reverse=True)[:3]
    assert [int(r["Pisteet"]) for r in risks if r["Pisteet"].isdigit()] == [s for s in scores if s]
    outcomes = ctx.labels.get("word.decision.outcomes")
    if not settled:                                                        # no settled decisions: no table
        assert outcomes not in [t for _, t in headings(document)]
        return
    decisions = tables_after(document, outcomes)
    assert len(decisions[0].rows) - 1 == len(settled)
    for d in settled:
        assert any(" ".join(d.decision.split()) in row[0] for row in table_rows(decisions[0]))


def test_question_6_is_answered_from_leader_support(ctx):
    document = open_docx(render_word_plan(own_plan(), ctx))
    heading = ctx.labels.node("word.summary.headings")[5]
    text = "\n".join(b.text for b in section_after(document, heading) if isinstance(b, Paragraph))
    assert "Lähijohtajien muutosvalmennus" in text and "Kuukausikatsaus" in text


def test_risk_table_is_sorted_coloured_and_explains_the_scale(ctx):
    document = open_docx(render_word_plan(own_plan(), ctx))
    section = section_after(document, ctx.labels.get("word.h.risks"))
    assert "todennäköisyys × vaikutus" in section[0].text
    table = [b for b in section if not isinstance(b, Paragraph)][0]
    rows = table_dicts(table)
    assert [r["Pisteet"] for r in rows] == ["20", "9", "2", "ei arvioitu"]
    colours = ctx.reference.document_style.risks
    assert [cell_fill(row.cells[4]) for row in table.rows[1:]] == [colours.high, colours.medium, colours.low,
                                                                   colours.unrated]


def test_document_control_on_the_cover(ctx):
    plan = own_plan(history=[{"version": "0.9", "date": "2026-09-01", "author": "Testi", "changes": "Luonnos"}])
    document = open_docx(render_word_plan(plan, ctx))
    cover = [p.text for p in document.paragraphs[:14]]
    assert "Suunnitelman tila: Luonnos" in cover and "Hyväksyjä: Palvelualuejohtaja" in cover
    assert "Työpajat: 1 / 2 pidetty (20.8.2026)" in cover
    assert ["0.9", "1.9.2026", "Testi", "Luonnos"] in table_rows(document.tables[0])


# --- samples, golden text, user text, overdue -----------------------------------------------------------------------

@pytest.mark.parametrize("code", SAMPLES)
def test_sample_answers_and_tables(code, ctx, renders):
    plan = renders.plan(code)
    document = open_docx(renders.word(code))
    questions = ctx.labels.node("intake.instructions.questions")
    for heading, question in zip(ctx.labels.node("word.summary.headings"), questions, strict=True):
        texts = [b.text for b in section_after(document, heading) if isinstance(b, Paragraph) and b.text.strip()]
        # answered, the guide's question not repeated under its short heading
        assert texts and question not in texts, f"question {heading!r} has no answer"
    cells = {plain(c.text) for table in document.tables for row in table.rows[1:] for c in row.cells}
    for goal in plan.goals:
        assert goal.goal.strip() in cells
        if goal.baseline is not None:
            assert any(c.startswith(fi_number(goal.baseline)) for c in cells)
    tasks = next(b for b in section_after(document, ctx.labels.get("word.h.tasks"), level=2)
                 if not isinstance(b, Paragraph))
    assert len(tasks.rows) == len(plan.tasks) + 1
    systems = [t for lvl, t in headings(document) if lvl == 3]
    # a system's heading is its display name: the reference name, the line's own name in brackets where it differs
    assert all(any((s.name.strip() or s.id).casefold() in h.casefold() for h in systems) for s in plan.systems)


def test_user_text_appears_literally(ctx):
    plan = stress_plan(own_plan(), services=6, text_length=500)
    odd = "docxtpl-merkit {_{ x }_} ja {_% y %_} sekä 100 %"
    plan.basics = plan.basics.model_copy(update={"note": odd, "facilitator": HOSTILE_TEXTS[0]})
    plan.summary = plan.summary.model_copy(update={"key_message": HOSTILE_TEXTS[1]})
    plan.risks = [Risk(kind=RiskKind.RISK, description=h, mitigation="\n".join(HOSTILE_TEXTS)) for h in HOSTILE_TEXTS]
    document = open_docx(render_word_plan(plan, ctx))
    text = document_text(document)
    for hostile in HOSTILE_TEXTS:
        assert plain(xml_safe(hostile)) in text
    assert odd in text
    assert "&amp;" not in text and "&lt;" not in text
    assert plan.basics.line_name in document.core_properties.title


def test_empty_channel_gets_one_sentence(ctx):
    document = open_docx(render_word_plan(own_plan(), ctx))
    video = ctx.labels.get("word.channel.heading", name="Videotapaamiset", wave=2)
    content = [b for b in section_after(document, video) if not isinstance(b, Paragraph) or b.text.strip()]
    assert len(content) == 1 and content[0].text == ctx.labels.get("word.channel.empty")


@pytest.mark.parametrize("as_of, marked", [(dt.date(2026, 10, 31), 0), (dt.date(2026, 11, 2), 1),
                                            (dt.date(2027, 1, 2), 2)])
def test_overdue_against_as_of(as_of, marked, ctx):
    local = RenderContext(ctx.reference, ctx.labels, as_of, ctx.templates)
    document = open_docx(render_word_plan(own_plan(), local))
    tasks = next(b for b in section_after(document, ctx.labels.get("word.h.tasks"), level=2)
                 if not isinstance(b, Paragraph))
    mark = ctx.labels.get("word.tasks.overdue_mark")
    rows = table_rows(tasks)[1:]
    assert sum(mark in row[4] for row in rows) == marked
    assert all(mark not in row[4] for row in rows if row[0] == "Valmis tehtävä")


def test_reproducible_and_properties(ctx):
    plan = load_sample("NAO")
    first = render_word_plan(plan, ctx)
    assert first == render_word_plan(plan, RenderContext.load(ctx.as_of))
    props = open_docx(first).core_properties
    assert props.author == plan.basics.line_name and "python-docx" not in (props.author, props.last_modified_by)
    assert props.title and plan.basics.line_name in props.title and props.subject
    assert props.created.date() == plan.basics.version_date == props.modified.date()
    styles = zipfile.ZipFile(io.BytesIO(first)).read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="fi-FI"' in defaults


def test_empty_plan_renders_without_none(ctx):
    document = open_docx(render_word_plan(LinePlan(), ctx))
    text = document_text(document)
    assert not RAW_CODES.search(text)
    assert ctx.labels.get("word.cover.unnamed") in text
    assert ctx.labels.get("word.decision.no_key_message") in text
    assert ctx.labels.get("word.figures.no_roadmap") in text and ctx.labels.get("word.figures.no_metrics") in text
