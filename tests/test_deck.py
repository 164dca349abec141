"""The change-story deck: story order, notes, chart data, the timeline picture, measured fit, text safety,
reproducibility, and LibreOffice as the real client."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from functools import cache

import pytest
from conftest import AS_OF, convert
from pptx import Presentation
from pptx.oxml.ns import qn

from pipeline.render.context import RenderContext
from pipeline.render.deck.build import render_deck
from pipeline.render.deck.specs import clean
from pipeline.render.deck.story import Story, chart_goals
from pipeline.render.deck.template import DeckTemplate
from pipeline.render.deck.textfit import EMU_PER_PT, MIN_SIZE_PT, Face, ParaStyle, frame_height
from pipeline.samples import HOSTILE_TEXTS, load_sample, sample_codes, stress_plan
from pipeline.schema import LinePlan

RAW_CODES = re.compile(r"\b(None|in_progress|not_started|on_hold|not_applicable|open_point|health_data|"
                       r"consultations|steering)\b")
TOLERANCE_PT = 0.5


def own_plan(**changes) -> LinePlan:
    """A small plan of our own, independent of the sample files."""
    data = {
        "basics": {"area": "Ikääntyneiden palvelut", "line_code": "KAT", "line_name": "Kotihoito",
                   "facilitator": "Testi Vastaava", "version_date": "2026-10-01"},
        "services": [
            {"id": "P01", "channel": "chat", "phase": "before", "use_case": "Tarvitsen apua illalla.",
             "name": "Kotihoidon chat", "description": "Kysy chatissa.", "customer_groups": "Ikääntyneet",
             "customer_value": "Nopea vastaus", "customer_changes": "Ei jonotusta", "customer_stays": "Puhelin",
             "professionals": "Hoitajat", "professional_values": "Sujuva työkalu",
             "professional_changes": "Kirjallinen työ", "professional_stays": "Tiimit"},
            {"id": "P02", "channel": "video", "phase": "during", "use_case": "Tapaan hoitajan kotoa.",
             "name": "Etäkäynti", "description": "Videokäynti.", "customer_groups": "Omaiset",
             "target_golive": "2027-05-01"},
        ],
        "goals": [
            {"channel": "chat", "goal": "Nopea apu", "metric": "Vastausaika chatissa (mediaani)", "unit": "min",
             "baseline": 1234.5, "target": 5, "target_date": "2027-12-31"},
            {"channel": "video", "goal": "Vähemmän matkoja", "metric": "Vältetyt matkat", "unit": "kpl/kk",
             "target": 40},
            {"channel": "chat", "goal": "Laatu", "metric": "Asiakaspalaute"},
        ],
        "milestones": [
            {"channel": "chat", "name": "Pilotti", "kind": "phase", "start": "2026-09-01", "end": "2027-03-31",
             "status": "in_progress", "owner": "Hanna"},
            {"channel": "chat", "name": "Laajennus", "kind": "milestone", "start": "2027-06-01"},
            {"channel": "video", "name": "Videokokeilu", "kind": "phase", "start": "2027-02-01",
             "end": "2027-08-31"},
        ],
        "tasks": [
            {"item": "Myöhästynyt tehtävä", "kind": "task", "owner": "A", "due": "2026-11-01",
             "status": "in_progress"},
            {"item": "Valmis tehtävä", "kind": "task", "owner": "B", "due": "2026-10-01", "status": "done"},
            {"item": "Tuleva tehtävä", "kind": "open_point", "owner": "C", "due": "2027-01-01"},
        ],
        "story": [{"stage": "drivers", "text": "Ajuri"}, {"stage": "before", "text": "Ennen"},
                  {"stage": "changes", "text": "Muutos"}],
        "perspectives": [{"perspective": p, "text": f"Näkökulma {p}"}
                         for p in ("support", "opportunities", "help", "concerns")],
        "terms": [{"professional": "Palvelutarpeen arviointi", "customer": "Selvitys avun tarpeesta"}],
        "resources": [{"service": "P01", "role": "Chat-hoitaja", "new_fte": 1.5}],
    }
    data.update(changes)
    return LinePlan.model_validate(data)


@cache
def _sample(code: str) -> LinePlan:
    return stress_plan(load_sample("NAO")) if code == "STRESS" else load_sample(code)


_renders = []


@pytest.fixture(autouse=True)
def _shared(renders):
    _renders[:] = [renders]


def deck_bytes(code: str, ctx: RenderContext) -> bytes:
    return _renders[0].deck(code)


def reopen(data: bytes):
    return Presentation(io.BytesIO(data))


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


SAMPLES = sample_codes() or ["OWN"]


# -- the story ---------------------------------------------------------------------------------------------------

def expected_titles(plan: LinePlan, ctx: RenderContext) -> list[str]:
    story = Story(plan, ctx)
    t = story.t
    out = [story.line, t("story.drivers"), t("story.before"), t("story.changes"), t("people.customers"),
           t("people.customer_benefits"), t("people.professionals"), t("people.professional_benefits")]
    for wave, codes in story.waves():
        out.append(t("channels.section", wave=wave))
        out.extend(story.channel(c) for c in codes)
    out.append(t("goals.title"))
    if chart_goals(plan.goals):
        out.append(t("goals.chart_title"))
    out += [t("timeline.title"), t("perspectives.title_a"), t("perspectives.title_b"), t("communication.title"),
            t("resources.title"), t("next.title"), t("closing.title")]
    return out


def without_continuations(found: list[str], ctx: RenderContext) -> list[str]:
    suffix = ctx.labels.get("deck.continued", title="")
    return [title for title in found if not title.endswith(suffix)]


def test_own_plan_story_order(ctx):
    plan = own_plan()
    prs = reopen(render_deck(plan, ctx))
    found = titles(prs)
    assert found == expected_titles(plan, ctx)
    assert found[9] == "Chat" and found[11] == "Videotapaamiset"   # wave 1 section, chat; wave 2 section, video
    assert "Lomakkeet" not in found                                 # empty channels are skipped


@pytest.mark.parametrize("code", SAMPLES)
def test_sample_story_order_and_notes(code, ctx):
    plan = own_plan() if code == "OWN" else _sample(code)
    prs = reopen(render_deck(plan, ctx) if code == "OWN" else deck_bytes(code, ctx))
    assert without_continuations(titles(prs), ctx) == expected_titles(plan, ctx)
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text.strip() if slide.has_notes_slide else ""
        assert notes, f"no speaker notes on '{slide.shapes.title.text_frame.text}'"
        assert notes != slide_text(slide).strip()
        text = slide_text(slide) + notes
        assert not RAW_CODES.search(text), RAW_CODES.search(text)


def test_first_slide_names_line_area_and_date(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    text = slide_text(prs.slides[0])
    assert "Kotihoito" in text and "Ikääntyneiden palvelut" in text and "1.10.2026" in text


def test_next_steps_are_the_open_tasks_by_due_date(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == ctx.labels.get("deck.next.title"))
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows][1:]
    assert [r[0] for r in rows] == ["Myöhästynyt tehtävä", "Tuleva tehtävä"]
    assert rows[0][2] == "A" and "myöhässä" in rows[0][3] and rows[1][3] == "1.1.2027"


# -- the chart ---------------------------------------------------------------------------------------------------

def charts(prs):
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


@pytest.mark.parametrize("code", ["OWN", *[c for c in SAMPLES if c != "OWN"]])
def test_chart_series_equal_the_metrics(code, ctx):
    plan = own_plan() if code == "OWN" else _sample(code)
    prs = reopen(render_deck(plan, ctx) if code == "OWN" else deck_bytes(code, ctx))
    story = Story(plan, ctx)
    goals = chart_goals(story.goals_in_order())
    found = charts(prs)
    assert [c for chart in found for c in chart.plots[0].categories] == [story.metric_label(g) for g in goals]
    for chart, goal in zip(found, goals, strict=True):
        series = list(chart.plots[0].series)
        assert [s.name for s in series] == [ctx.labels.get("deck.goals.baseline"), ctx.labels.get("deck.goals.target")]
        assert [s.values[0] for s in series] == [goal.baseline, goal.target]
    if code == "OWN":
        assert len(found) == 2       # "Asiakaspalaute" has no numbers: no chart


# -- the timeline -------------------------------------------------------------------------------------------------

def timeline_shapes(prs):
    for slide in prs.slides:
        names = {shape.name: shape for shape in slide.shapes}
        if "timeline-grid" in names:
            yield names


@pytest.mark.parametrize("code", ["OWN", *[c for c in SAMPLES if c != "OWN"], "STRESS"])
def test_one_timeline_shape_per_milestone_inside_the_grid(code, ctx):
    plan = own_plan() if code == "OWN" else _sample(code)
    prs = reopen(render_deck(plan, ctx) if code == "OWN" else deck_bytes(code, ctx))
    seen = []
    for shapes in timeline_shapes(prs):
        grid = shapes["timeline-grid"]
        for name, shape in shapes.items():
            if name.startswith("timeline-item-"):
                seen.append(int(name.rsplit("-", 1)[1]))
                assert grid.left - 12700 <= shape.left and shape.left + shape.width <= grid.left + grid.width + 12700
                assert grid.top <= shape.top <= grid.top + grid.height
        today = shapes["timeline-today"]
        assert grid.left <= today.left <= grid.left + grid.width
    assert sorted(seen) == [n for n, m in enumerate(plan.milestones) if m.start]


def test_build_date_marker_follows_as_of(reference, labels):
    positions = []
    for as_of in (dt.date(2026, 10, 1), dt.date(2027, 4, 1)):
        prs = reopen(render_deck(own_plan(), RenderContext(reference, labels, as_of)))
        shapes = next(timeline_shapes(prs))
        grid, today = shapes["timeline-grid"], shapes["timeline-today"]
        positions.append((today.left - grid.left) / grid.width)
        notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
        assert f"{as_of.day}.{as_of.month}.{as_of.year}" in notes
    assert positions[0] < positions[1]


# -- nothing overflows -------------------------------------------------------------------------------------------

def paragraph_runs(text_frame) -> list[list[tuple[str, bool | None]]]:
    paras = []
    for p in text_frame._txBody.findall(qn("a:p")):
        runs = []
        for child in p:
            if child.tag == qn("a:r"):
                rpr = child.find(qn("a:rPr"))
                bold = None if rpr is None or rpr.get("b") is None else rpr.get("b") == "1"
                runs.append((child.findtext(qn("a:t")) or "", bold))
            elif child.tag == qn("a:br"):
                runs.append(("\n", None))
        paras.append(runs)
    return paras


def run_sizes(text_frame) -> set[float]:
    return {int(r.get("sz")) / 100 for r in text_frame._txBody.iter(qn("a:rPr")) if r.get("sz")}


def overflow(text_frame, style: ParaStyle, width_emu: int, height_emu: int, insets) -> float:
    paras = [[(text, style.face.bold if bold is None else bold) for text, bold in runs]
             for runs in paragraph_runs(text_frame)]
    width = (width_emu - insets[0] - insets[2]) / EMU_PER_PT
    height = (height_emu - insets[1] - insets[3]) / EMU_PER_PT
    return frame_height(paras, style, width) - height


def insets_of(text_frame) -> tuple[int, int, int, int]:
    return (text_frame.margin_left, text_frame.margin_top, text_frame.margin_right, text_frame.margin_bottom)


def assert_fits(prs, template: DeckTemplate, labels) -> int:
    keys = {labels.get(f"deck.layouts.{k}"): k for k in ("title", "section", "content", "two", "table", "chart",
                                                          "timeline", "closing")}
    checked = 0
    for number, slide in enumerate(prs.slides, 1):
        key = keys[slide.slide_layout.name]
        for shape in slide.shapes:
            where = f"slide {number} '{shape.name}'"
            if shape.is_placeholder and shape.has_text_frame:
                if shape.placeholder_format.type == 13:            # slide number
                    continue
                frame = template.frame(key, shape.placeholder_format.idx)
                assert frame.style.face.size >= MIN_SIZE_PT
                assert overflow(shape.text_frame, frame.style, shape.width, shape.height,
                                insets_of(shape.text_frame)) <= TOLERANCE_PT, where
                checked += 1
            elif shape.has_text_frame and shape.text_frame.text:
                sizes = run_sizes(shape.text_frame)
                assert sizes and min(sizes) >= MIN_SIZE_PT, where
                style = ParaStyle(Face("Calibri", max(sizes)))
                assert overflow(shape.text_frame, style, shape.width, shape.height,
                                insets_of(shape.text_frame)) <= TOLERANCE_PT, where
                checked += 1
            elif shape.has_table:
                for row in shape.table.rows:
                    for cell, column in zip(row.cells, shape.table.columns, strict=True):
                        sizes = run_sizes(cell.text_frame)
                        assert sizes and min(sizes) >= MIN_SIZE_PT, where
                        insets = (cell.margin_left, cell.margin_top, cell.margin_right, cell.margin_bottom)
                        style = ParaStyle(Face("Calibri", max(sizes)))
                        assert overflow(cell.text_frame, style, column.width, row.height, insets) <= TOLERANCE_PT, \
                            f"{where} cell {cell.text[:40]!r}"
                        checked += 1
    return checked


@pytest.mark.parametrize("code", [*[c for c in SAMPLES if c != "OWN"], "STRESS"])
def test_no_text_frame_over_its_budget(code, ctx):
    prs = reopen(deck_bytes(code, ctx))
    assert assert_fits(prs, DeckTemplate(ctx.templates, ctx.labels), ctx.labels) > 20


def test_own_plan_fits(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    assert assert_fits(prs, DeckTemplate(ctx.templates, ctx.labels), ctx.labels) > 20


def test_stress_plan_builds_splits_and_keeps_full_texts_in_notes(ctx):
    plan = _sample("STRESS")
    prs = reopen(deck_bytes("STRESS", ctx))
    found = titles(prs)
    suffix = ctx.labels.get("deck.continued", title="")
    assert any(t.endswith(suffix) for t in found)                  # 30 services continue over slides
    cells = [cell.text for s in prs.slides for sh in s.shapes if sh.has_table for r in sh.table.rows
             for cell in r.cells]
    names = {clean(s.name) for s in plan.services}
    assert names <= {c.replace("\v", "\n") for c in cells} | {c for c in cells}
    longest = max(plan.services, key=lambda s: len(s.description))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    assert clean(longest.description) in notes                     # shortened on the slide, whole in the notes
    assert all(len(c) < 2000 for c in cells)


# -- text safety, language, properties, reproducibility ----------------------------------------------------------

def test_hostile_texts_appear_literally(ctx):
    hostile = " | ".join(HOSTILE_TEXTS)
    plan = own_plan(story=[{"stage": "drivers", "text": hostile}, {"stage": "before", "text": "\x0b\x01"},
                           {"stage": "changes", "text": "Muutos"}])
    prs = reopen(render_deck(plan, ctx))
    text = slide_text(prs.slides[1])
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


def test_core_properties_from_data(ctx):
    prs = reopen(render_deck(own_plan(), ctx))
    props = prs.core_properties
    assert props.author == "Kotihoito" and "Kotihoito" in props.title
    assert props.created == dt.datetime(2026, 10, 1) and props.modified == dt.datetime(2026, 10, 1)
    undated = own_plan(basics={"line_code": "KAT", "line_name": "Kotihoito"})
    assert reopen(render_deck(undated, ctx)).core_properties.created.date() == AS_OF


def test_two_renders_give_equal_bytes(ctx):
    first = render_deck(own_plan(), ctx)
    assert first == render_deck(own_plan(), ctx)
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        workbooks = [n for n in package.namelist() if n.startswith("ppt/embeddings/")]
        assert workbooks                                   # the charts' data, stamped from the plan's date
        for name in workbooks:
            core = zipfile.ZipFile(io.BytesIO(package.read(name))).read("docProps/core.xml").decode()
            assert re.findall(r"<dcterms:\w+[^>]*>([^<]*)<", core) == ["2026-10-01T00:00:00Z"] * 2


def test_empty_plan_builds_without_none(ctx):
    plan = LinePlan.model_validate({"basics": {"line_code": "VAM"}})
    prs = reopen(render_deck(plan, ctx))
    for slide in prs.slides:
        assert "None" not in slide_text(slide)
    assert ctx.labels.get("deck.empty") in slide_text(prs.slides[1])


def test_template_is_16_9_with_named_layouts_and_twin_fonts(ctx):
    template = DeckTemplate(ctx.templates, ctx.labels)
    assert (template.prs.slide_width, template.prs.slide_height) == (12192000, 6858000)
    assert set(template.layouts) >= {"title", "section", "content", "two", "table", "timeline", "closing"}
    assert template._fonts["minor"] in ("Calibri", "Arial") and template._fonts["major"] in ("Calibri", "Arial")


# -- LibreOffice -------------------------------------------------------------------------------------------------

@pytest.mark.office
def test_decks_convert_with_libreoffice(ctx, tmp_path):
    files = []
    for code in [*[c for c in SAMPLES if c != "OWN"], "STRESS"]:
        path = tmp_path / f"{code}.pptx"
        path.write_bytes(deck_bytes(code, ctx))
        files.append(path)
    own = tmp_path / "OWN.pptx"
    own.write_bytes(render_deck(own_plan(), ctx))
    files.append(own)
    for source, pdf in zip(files, convert(files, "pdf", tmp_path / "pdf"), strict=True):
        assert pdf.exists() and pdf.stat().st_size > 10_000, pdf
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages == len(reopen(source.read_bytes()).slides)
        assert_words_on_page(pdf)


def assert_words_on_page(pdf) -> None:
    """In LibreOffice's rendering no word runs off the slide."""
    html = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8", errors="replace")
    words = 0
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        width, height = float(page[0]), float(page[1])
        for x0, y0, x1, y1 in re.findall(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                                         r'yMax="([-\d.]+)"', page[2]):
            assert 0 <= float(x0) and float(x1) <= width and 0 <= float(y0) and float(y1) <= height, pdf
            words += 1
    assert words > 200, pdf
