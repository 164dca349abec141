"""The change-story deck: the story in order in at most 14 slides, density, pairing, talking-point notes, the
status and decision slides, the timeline's marks, the risk map; text safety, language, reproducibility, LibreOffice."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest
from conftest import AS_OF
from pdf_helpers import pdf_pages
from pptx import Presentation
from pptx.util import Emu
from renders import EXTRA, STRESS

from pipeline.render.context import RenderContext
from pipeline.render.deck.build import render_deck
from pipeline.render.deck.template import DeckTemplate
from pipeline.samples import sample_codes
from pipeline.schema import LinePlan
from tools.stress import HOSTILE_TEXTS

SAMPLES = sample_codes()
RAW_CODES = re.compile(r"\b(None|in_progress|not_started|on_hold|not_applicable|some_regions|open_point|"
                       r"health_data|messages|consultations|steering|milestone|keep_partly|waiting)\b")
PICTURE_SLIDES = {"title", "chart", "timeline", "risks"}      # judged by their picture, not by their words


def own_plan(**changes) -> LinePlan:
    data = {
        "basics": {"area": "Ikääntyneiden palvelut", "line_code": "KAT", "line_name": "Kotihoito",
                   "facilitator": "Testi Vastaava", "version_date": "2026-10-01"},
        "summary": {"key_message": "Kotihoidon asiakas saa vastauksen chatissa heti, eikä hänen tarvitse jonottaa.",
                    "overall": "yellow", "overall_reason": "Pilotti alkaa myöhässä.", "schedule": "red",
                    "schedule_reason": "Kaksi tehtävää on myöhässä.", "readiness": "green", "resources": "green",
                    "risks": "yellow", "cost_one_off": 20000, "cost_yearly": 5000},
        "decisions": [{"decision": "Chatin aukiolo arkisin 8–20", "decider": "area", "due": "2026-11-01",
                       "status": "waiting", "notes": "Ohjausryhmä käsittelee lokakuussa."},
                      {"decision": "Omaolon rinnakkaiskäytöstä luovutaan chatin avauduttua", "decider": "county",
                       "due": "2027-04-01", "status": "waiting"},
                      {"decision": "Lisärahoitus chat-hoitajille vuodelle 2027", "decider": "body",
                       "decider_name": "Aluehallitus", "due": "2027-02-01", "status": "waiting"}],
        "services": [
            {"id": "P01", "channel": "chat", "phase": "before", "use_case": "Tarvitsen apua.",
             "name": "Kotihoidon chat", "description": "Kysy chatissa.", "customer_groups": "Ikääntyneet",
             "customer_value": "Nopea vastaus ilman jonottamista puhelimessa, myös iltaisin",
             "customer_changes": "Vastaus chatissa ilman jonoa.", "customer_stays": "Puhelin säilyy.",
             "professionals": "Kotihoidon hoitajat",
             "professional_values": "Sujuva työkalu, joka kirjaa keskustelun suoraan asiakkaan tietoihin",
             "professional_changes": "Useampi keskustelu samaan aikaan.", "target_golive": "2027-03-01"},
            {"id": "P02", "channel": "video", "phase": "during", "use_case": "Haluan nähdä hoitajan.",
             "name": "Videokäynti", "description": "Kotikäynti videolla.", "customer_groups": "ikääntyneet.",
             "customer_value": "Ei odottelua eikä matkoja terveysasemalle", "target_golive": "2027-09-01"}],
        "goals": [{"channel": "chat", "goal": "Nopea apu", "metric": "Vastausaika chatissa (mediaani)",
                   "unit": "min", "baseline": None, "target": 5, "target_date": "2027-12-31"}],
        "milestones": [{"channel": "chat", "name": "Pilotti", "kind": "phase", "start": "2026-09-01",
                        "end": "2026-11-15", "status": "in_progress"},
                       {"channel": "chat", "name": "Chat auki", "kind": "milestone", "start": "2027-03-01"}],
        "tasks": [{"item": "Myöhästynyt tehtävä", "kind": "task", "owner": "A", "due": "2026-11-01",
                   "status": "in_progress"},
                  {"item": "Valmis tehtävä", "kind": "task", "owner": "B", "due": "2026-10-01", "status": "done"},
                  {"item": "Tuleva tehtävä", "kind": "open_point", "owner": "C", "due": "2027-01-01"},
                  {"item": "Sovitaan chat-vuorojen mitoitus ja varahenkilöt", "kind": "task", "owner": "D",
                   "due": "2027-02-15"}],
        "systems": [{"id": "J01", "name": "Omaolo", "decision": "exit", "exit_date": "2027-06-30",
                     "channels": ["chat"], "yearly_cost": 12000}],
        "story": [{"stage": "drivers", "text": "Asiakkaat odottavat digitaalista palvelua nopeasti ja helposti."},
                  {"stage": "before", "text": "Puhelinneuvonta on tuttu ja toimiva, mutta jonot ovat pitkiä."},
                  {"stage": "changes", "text": "Chat ja video tuovat palvelun kotiin ilman matkoja ja jonoja."}],
        "readiness": [{"item": "Palvelujen määrittely", "status": "ready"},
                      {"item": "Testaussuunnitelma", "status": "missing"},
                      {"item": "Koulutus", "status": "partial"},
                      {"item": "Tietoturva ja tietosuoja arvioitu", "status": "partial"},
                      {"item": "Tukikanavat ja niiden vastuuhenkilöt sovittu", "status": "missing"},
                      {"item": "Viestintäsuunnitelma henkilöstölle ja asiakkaille", "status": "ready"}],
        "risks": [{"kind": "risk", "description": "Kysyntä ylittää resurssit", "likelihood": 4, "impact": 4,
                   "owner": "Y", "mitigation": "Aukioloajat"},
                  {"kind": "risk", "description": "Pieni riski", "likelihood": 1, "impact": 2, "owner": "X"},
                  {"kind": "dependency", "description": "Arvioimaton riippuvuus"}],
        "resources": [{"service": "P01", "role": "Chat-hoitaja", "new_fte": 1.5},
                      {"service": "P02", "role": "Videovastaanoton hoitaja", "competence": "Etähoito", "new_fte": 0.5}],
    }
    data.update(changes)
    return LinePlan.model_validate(data)


EXTRA.setdefault("deck", {})["OWN.pptx"] = lambda ctx: render_deck(own_plan(), ctx)   # laid out with the samples'


def reopen(data: bytes):
    return Presentation(io.BytesIO(data))


_OWN: dict[int, tuple[RenderContext, bytes]] = {}     # OWN rendered once per context (kept alive with it)


def deck_of(code: str, renders, ctx):
    if code != "OWN":
        return reopen(renders.deck(code))
    if id(ctx) not in _OWN:
        _OWN[id(ctx)] = (ctx, render_deck(own_plan(), ctx))
    return reopen(_OWN[id(ctx)][1])


def titles(prs) -> list[str]:
    return [slide.shapes.title.text_frame.text if slide.shapes.title else "" for slide in prs.slides]


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def layout_key(slide, ctx) -> str:
    """The layout's language-neutral id; its shown name is the catalogue's name for that id."""
    key = slide.slide_layout.element.get("matchingName")
    assert slide.slide_layout.name == ctx.labels.get(f"deck.layouts.{key}")
    return key


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text.strip() if slide.has_notes_slide else ""


# -- the story in order ------------------------------------------------------------------------------------------

def expected_titles(plan: LinePlan, ctx: RenderContext) -> list[str]:
    """The slide titles the story gives PLAN, from the plan's own data and the catalogue (not from the renderer)."""
    t = lambda key, **v: ctx.labels.get(f"deck.{key}", **v)  # noqa: E731
    as_of = ctx.as_of
    out = [plan.basics.line_name or plan.basics.line_code, ctx.labels.get("overview.opening.heading"),
           t("status.title")]
    # a line deck asks only the line leadership's pending decisions (FIGURES.md "Decisions"); the samples' bodies
    # are all the area's or the county's
    asked = [" ".join([d.decision, d.notes, d.decider_name]) for d in plan.decisions
             if d.decider in (None, "line") and d.status in (None, "waiting")]
    if len(asked) > 2 or (len(asked) == 2 and sum(len(re.findall(r"\w+", a)) + 4 for a in asked) >= 30):
        out.append(t("decisions.title"))
    if plan.story:
        out.append(t("why.title"))
    if any(s.customer_groups and s.customer_value or s.professionals and s.professional_values
           for s in plan.services):
        out.append(t("people.title"))
    if plan.services and len(plan.services) <= 4:
        out.append(t("changes.small_title"))
    elif plan.services:
        out.append(t("changes.title"))
        waves = sorted({ctx.reference.wave_of(s.channel) for s in plan.services})
        out += [t("waves.title_all")] if len(waves) == 1 or len(plan.services) <= 10 else \
            [t("waves.title", wave=w) for w in waves]
    if any(g.target is not None for g in plan.goals):
        out.append(t("goals.title"))
    elif plan.goals:
        out.append(t("goals.goals_only"))
    if any(m.start for m in plan.milestones) or any(s.target_golive for s in plan.services) or \
            any(s.exits and s.exit_date for s in plan.systems):
        out.append(t("timeline.title"))
    if plan.risks:
        out.append(t("risks.title"))
    if plan.readiness or plan.systems:
        out.append(t("readiness.title"))
    if plan.resources or any(v is not None for v in (plan.summary.cost_one_off, plan.summary.cost_yearly,
                                                     plan.summary.savings_yearly)):
        out.append(t("money.title"))
    if any(task.is_open for task in plan.tasks) or any(m.start and m.start >= as_of for m in plan.milestones):
        out.append(t("next.title"))
    return out


@pytest.mark.parametrize("code", ["OWN", *SAMPLES, STRESS])
def test_the_story_in_order_in_at_most_14_slides(code, ctx, renders):
    plan = own_plan() if code == "OWN" else renders.plan(code)
    prs = deck_of(code, renders, ctx)
    assert titles(prs) == expected_titles(plan, ctx)
    assert len(prs.slides) <= 14
    assert not any(ctx.labels.get("deck.no_value") == title for title in titles(prs))
    assert not any("(jatkuu)" in title for title in titles(prs))     # never a continuation slide


@pytest.mark.parametrize("code", ["OWN", *SAMPLES, STRESS])
def test_every_content_slide_uses_its_space(code, ctx, renders):
    """No content slide carries fewer than about 30 words or a third of its area; no column is left empty."""
    prs = deck_of(code, renders, ctx)
    body = 5.35 * 914400
    for slide in prs.slides:
        kind = layout_key(slide, ctx)
        if kind in PICTURE_SLIDES:
            continue
        text = slide_text(slide).replace(slide.shapes.title.text_frame.text, "", 1)
        words = len(re.findall(r"\w+", text))
        tables = [s for s in slide.shapes if s.has_table]
        area = sum(sum(row.height for row in s.table.rows) for s in tables) / body
        assert words >= 30 or area >= 1 / 3, (code, slide.shapes.title.text_frame.text, words, round(area, 2))
        for shape in slide.placeholders:
            if shape.placeholder_format.idx in (1, 2, 3) and shape.has_text_frame:
                assert shape.text_frame.text.strip(), (code, slide.shapes.title.text_frame.text)


@pytest.mark.parametrize("code", ["OWN", *SAMPLES])
def test_a_services_change_and_what_stays_share_a_row(code, ctx, renders):
    plan = own_plan() if code == "OWN" else renders.plan(code)
    prs = deck_of(code, renders, ctx)
    title = ctx.labels.get("deck.changes.small_title" if len(plan.services) <= 4 else "deck.changes.title")
    slide = prs.slides[titles(prs).index(title)]
    table = next(s for s in slide.shapes if s.has_table).table
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in list(table.rows)[1:]}
    for service in plan.services:
        name = " ".join(service.name.split())
        row = next((cells for key, cells in rows.items() if key.rstrip("…") and name.startswith(key.rstrip("…"))),
                   None)
        if row is None:
            continue                                    # left out for room: the slide says where the list is
        change, stays = row[-2], row[-1]
        for text, cell in ((service.customer_changes, change), (service.customer_stays, stays)):
            if text.strip():
                assert cell.startswith("Asiakkaalle: " + " ".join(text.split())[:15]), (code, name, cell)


@pytest.mark.parametrize("code", ["OWN", *SAMPLES, STRESS])
def test_notes_are_talking_points(code, ctx, renders):
    prs = deck_of(code, renders, ctx)
    for slide in prs.slides:
        notes = notes_of(slide)
        assert notes and notes != slide_text(slide).strip(), slide.shapes.title.text_frame.text
        assert re.search(r"\w[.!?]", notes), notes                          # full sentences
        assert not re.search(r"^[^.\n]{3,60}: \d+$", notes, re.M), notes     # no "Label: 1" counts
        assert not RAW_CODES.search(notes + slide_text(slide)), RAW_CODES.search(notes + slide_text(slide))


# -- the slides a steering group reads ------------------------------------------------------------------------------

def test_title_names_line_area_county_and_version(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    text = slide_text(prs.slides[0])
    for expected in ("Kotihoito", "Ikääntyneiden palvelut", "Länsi-Uudenmaan hyvinvointialue", "Versio 1.10.2026"):
        assert expected in text
    master = [s.text_frame.text for s in prs.slide_master.shapes if s.has_text_frame]
    assert "Länsi-Uudenmaan hyvinvointialue" in master                 # the logo place, once in the master


def test_status_slide_has_the_key_message_and_coloured_lights(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    slide = prs.slides[2]                    # after the opening slide
    assert "Kotihoidon asiakas saa vastauksen chatissa heti" in slide_text(slide)
    table = next(s for s in slide.shapes if s.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert [r[1] for r in rows[1:]] == ["Keltainen", "Punainen", "Vihreä", "Vihreä", "Keltainen"]
    assert rows[2][2] == "Kaksi tehtävää on myöhässä."
    colours = ctx.reference.document_style.lights
    fills = [str(row.cells[1].fill.fore_color.rgb) for row in list(table.rows)[1:]]
    assert fills == [colours.yellow, colours.red, colours.green, colours.green, colours.yellow]


def test_decisions_slide_says_what_who_and_by_when(ctx):
    """A line deck asks the line leadership's pending decisions only; the ones asked of the area and the county
    are counted in the notes, decided and rejected ones reported as settled (issue 19)."""
    line = {"decider": "line", "status": "waiting"}
    plan = own_plan(decisions=[
        {**line, "decision": "Chatin aukiolo arkisin 8–20", "due": "2026-11-01",
         "notes": "Ohjausryhmä käsittelee lokakuussa."},
        {**line, "decision": "Chat-vuorot kotihoidon tiimeihin", "due": "2027-02-01"},
        {**line, "decision": "Chatin vastausajat julki", "due": "2027-03-01"},
        {"decision": "Alueen yhteinen chat-jono", "decider": "area", "due": "2027-03-01", "status": "waiting"},
        {"decision": "Omaolo jää rinnalle", "decider": "line", "due": "2026-09-01", "status": "decided"},
        {"decision": "Lisärahoitus", "decider": "body", "decider_name": "Aluehallitus", "status": "rejected"}])
    prs = reopen(render_deck(plan, ctx))
    slide = prs.slides[titles(prs).index(ctx.labels.get("deck.decisions.title"))]
    rows = [[c.text for c in row.cells] for row in next(s for s in slide.shapes if s.has_table).table.rows]
    assert [r[0] for r in rows[1:]] == ["Chatin aukiolo arkisin 8–20", "Chat-vuorot kotihoidon tiimeihin",
                                        "Chatin vastausajat julki"]
    assert rows[1][1:3] == ["Palvelulinjan johto", "1.11.2026 (myöhässä)"]
    assert rows[1][4] == "Ohjausryhmä käsittelee lokakuussa."
    notes = notes_of(slide)
    assert "Pyydämme päätöstä kolmeen asiaan" in notes and "myöhässä" in notes.lower()
    assert "Muilla tasoilla päätöstä odottaa yksi asia palvelualueen johdolla." in notes
    assert "Jo ratkaistu: päätetty 1, hylätty 1." in notes


def test_one_decision_goes_on_the_status_slide(ctx):
    plan = own_plan(decisions=[{"decision": "Chatin aukiolo arkisin 8–20", "decider": "line", "due": "2027-01-15"}])
    prs = reopen(render_deck(plan, ctx))
    assert ctx.labels.get("deck.decisions.title") not in titles(prs)
    assert "Chatin aukiolo arkisin 8–20" in slide_text(prs.slides[1]) and "15.1.2027" in slide_text(prs.slides[1])


def test_people_groups_are_merged_not_repeated(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    slide = prs.slides[titles(prs).index(ctx.labels.get("deck.people.title"))]
    text = slide_text(slide)
    assert text.lower().count("ikääntyneet") == 1                    # "Ikääntyneet" and "ikääntyneet." are one group
    assert "Nopea vastaus ilman jonottamista puhelimessa, myös iltaisin. Ei odottelua eikä matkoja" in text


def test_unknown_baseline_is_labelled_not_an_empty_bar(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    slide = prs.slides[titles(prs).index(ctx.labels.get("deck.goals.title"))]
    chart = next(s for s in slide.shapes if s.has_chart).chart
    labels = [p.data_label.text_frame.text for series in chart.plots[0].series for p in [series.points[0]]]
    assert labels == [ctx.labels.get("deck.goals.unknown"), "5"]


def test_timeline_marks_phases_golives_exits_and_the_build_date(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    slide = prs.slides[titles(prs).index(ctx.labels.get("deck.timeline.title"))]
    geometry = {s.name: s.auto_shape_type for s in slide.shapes if s.name.startswith("timeline-item-")}
    plan = own_plan()
    first_golive = len(plan.milestones)
    first_exit = first_golive + len(plan.services)
    kinds = {name: str(kind).split(".")[-1].split(" ")[0] for name, kind in geometry.items()}
    assert kinds["timeline-item-0"].startswith("ROUNDED_RECTANGLE") and kinds["timeline-item-1"].startswith("DIAMOND")
    assert kinds[f"timeline-item-{first_golive}"].startswith("ISOSCELES_TRIANGLE")
    assert kinds[f"timeline-item-{first_exit}"].startswith("MATH_MULTIPLY")
    assert any(s.name == "timeline-today" for s in slide.shapes)
    text = slide_text(slide)
    for legend in ("Myöhässä", "Välitavoite", "Käyttöönotto", "Alasajo", "Tilanne 26.11.2026"):
        assert legend in text


def test_risk_map_counts_and_top_risks(ctx):
    plan = own_plan()
    prs = reopen(render_deck(plan, ctx))
    slide = prs.slides[titles(prs).index(ctx.labels.get("deck.risks.title"))]
    risk_map = next(s for s in slide.shapes if s.name == "risk-map").table
    cells = {(likelihood, 6 - row): risk_map.cell(row, likelihood).text
             for row in range(1, 6) for likelihood in range(1, 6)}
    assert cells[(4, 4)] == "1" and cells[(1, 2)] == "1" and sum(bool(v) for v in cells.values()) == 2
    top = [s for s in slide.shapes if s.has_table and s.name != "risk-map"][0].table
    assert [row.cells[0].text for row in list(top.rows)[1:]] == ["Kysyntä ylittää resurssit", "Pieni riski",
                                                                  "Arvioimaton riippuvuus"]
    assert "Arvioimatta: 1" in slide_text(slide)


def test_readiness_exits_money_and_next_steps(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    found = titles(prs)
    readiness = slide_text(prs.slides[found.index(ctx.labels.get("deck.readiness.title"))])
    assert "2 / 6 kohtaa kunnossa" in readiness and "Testaussuunnitelma: Puuttuu" in readiness
    assert "Omaolo: Luovutaan 30.6.2027" in readiness
    money = slide_text(prs.slides[found.index(ctx.labels.get("deck.money.title"))])
    assert "Kertakustannus: 20\u00a0000\u00a0€" in money and "Chat-hoitaja (Kotihoidon chat): 1,5\u00a0htv" in money
    assert "Uusi resurssitarve yhteensä: 2\u00a0htv" in money
    steps = prs.slides[found.index(ctx.labels.get("deck.next.title"))]
    rows = [[c.text for c in row.cells] for row in next(s for s in steps.shapes if s.has_table).table.rows]
    assert [r[0] for r in rows[1:]] == ["Myöhästynyt tehtävä", "Tuleva tehtävä",
                                        "Sovitaan chat-vuorojen mitoitus ja varahenkilöt", "Välitavoite: Chat auki"]
    assert rows[1][2] == "1.11.2026 (myöhässä)"


def test_long_lists_are_cut_with_a_pointer_to_the_plan(ctx, renders):
    prs = reopen(renders.deck(STRESS))
    plan = renders.plan(STRESS)
    slide = prs.slides[titles(prs).index(ctx.labels.get("deck.changes.title"))]
    table = next(s for s in slide.shapes if s.has_table).table
    assert len(table.rows) - 1 < len(plan.services)
    assert f"Koko luettelo ({len(plan.services)})" in slide_text(slide)


# -- safety, language, properties, template --------------------------------------------------------------------------

def test_hostile_texts_appear_literally(ctx):
    plan = own_plan(story=[{"stage": "drivers", "text": HOSTILE_TEXTS[1]}, {"stage": "before", "text": "\x0b\x01"},
                           {"stage": "changes", "text": HOSTILE_TEXTS[2]}])
    plan.summary = plan.summary.model_copy(update={"key_message": HOSTILE_TEXTS[0] + " " + HOSTILE_TEXTS[4]})
    prs = reopen(render_deck(plan, ctx))
    text = "\n".join(slide_text(s) for s in prs.slides)
    assert "Tutkimukset & hoito <kiireellinen>" in text and "😀" in text and "{{ muuttuja }}" in text
    assert "=HYPERLINK(" in text and "\x01" not in text


def test_finnish_language_on_every_run(ctx):
    data = render_deck(own_plan(), ctx)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", name):
                xml = package.read(name).decode()
                for rpr in re.findall(r"<a:rPr\b[^>]*>|<a:rPr\b[^>]*/>", xml):
                    assert 'lang="fi-FI"' in rpr, (name, rpr)


def test_core_properties_and_reproducible(ctx):
    first = render_deck(own_plan(), ctx)
    assert first == render_deck(own_plan(), ctx)
    props = reopen(first).core_properties
    assert props.author == "Kotihoito" and "Kotihoito" in props.title
    assert props.created == dt.datetime(2026, 10, 1) == props.modified
    undated = own_plan(basics={"line_code": "KAT", "line_name": "Kotihoito"})
    assert reopen(render_deck(undated, ctx)).core_properties.created.date() == AS_OF


def test_empty_plan_builds_without_none(ctx):
    prs = reopen(render_deck(LinePlan.model_validate({"basics": {"line_code": "VAM"}}), ctx))
    text = "\n".join(slide_text(s) + notes_of(s) for s in prs.slides)
    assert "None" not in text and ctx.labels.get("deck.status.no_key_message") in text


def test_template_is_16_9_with_named_layouts_and_twin_fonts(ctx):
    template = DeckTemplate(ctx.templates, ctx.labels)
    assert (template.prs.slide_width, template.prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert set(template.layouts) >= {"title", "status", "three", "risks", "table", "timeline", "chart"}
    assert template._fonts["minor"] in ("Calibri", "Arial") and template._fonts["major"] in ("Calibri", "Arial")


# -- LibreOffice -------------------------------------------------------------------------------------------------

@pytest.mark.xdist_group("libreoffice-decks")          # one worker converts the shared decks (tests/renders.py)
@pytest.mark.office
def test_every_deck_renders_whole_in_libreoffice(ctx, renders):
    own = render_deck(own_plan(), ctx)
    pdfs = renders.pdfs("deck")                 # one LibreOffice call for all, OWN with them (EXTRA, below)
    assert "OWN" in pdfs
    for code, pdf in pdfs.items():
        source = renders.deck(code) if code != "OWN" else own
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(reopen(source).slides), code
        pages = pdf_pages(pdf)
        assert not [w for page in pages for w in page.off_page()], code
        words = sum(len(page.words) for page in pages)
        assert words > 150, code



def test_next_steps_never_name_a_past_date_as_next(ctx):
    """Issue 19: "Seuraavaksi erääntyy … 31.10.2026" named a date already past; next is on or after the as-of date."""
    tasks = [{"item": "Myöhässä oleva", "kind": "task", "due": "2026-10-31", "status": "in_progress", "owner": "A"},
             {"item": "Tuleva", "kind": "task", "due": "2027-01-15", "status": "not_started", "owner": "B"}]
    prs = reopen(render_deck(own_plan(tasks=tasks), ctx))
    notes = notes_of(prs.slides[titles(prs).index(ctx.labels.get("deck.next.title"))])
    assert "Avoimia tehtäviä on kaksi, ja yksi niistä on myöhässä" in notes
    assert "”Tuleva” (15.1.2027, vastuuhenkilö B)" in notes
    only_late = reopen(render_deck(own_plan(tasks=tasks[:1]), ctx))
    notes = notes_of(only_late.slides[titles(only_late).index(ctx.labels.get("deck.next.title"))])
    assert "Seuraavaksi" not in notes and "31.10.2026" not in notes
