"""The area and county decks read against the samples: the headline figures, every line named, the decisions,
the money by line (area) or by area (county) with its total, the dependencies between lines, an invalid and a
missing line named, and every slide whole in LibreOffice."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import AS_OF
from pdf_helpers import pdf_pages
from pptx import Presentation
from pptx.oxml.ns import qn
from renders import valid_result

from pipeline.formatting import fi_number
from pipeline.intake.completeness import completeness
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.render.deck.combined import render_area_deck, render_county_deck
from pipeline.schema import Light
from pipeline.view.county import collect_lines
from pipeline.view.scope import Scope, area_scopes, county_scope

RAW = re.compile(r"\b(None|waiting|keep_partly|not_started|blocked|scheduled)\b")


def reopen(data: bytes):
    import io
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides]


def slide_titled(prs, title: str):
    return prs.slides[titles(prs).index(title)]


def table_of(slide) -> list[list[str]]:
    table = next(s for s in slide.shapes if s.has_table).table
    return [[c.text for c in row.cells] for row in table.rows]


def body_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)


def euro(value: float | None, ctx) -> str:
    if value is None:
        return ctx.labels.get("deck.money.not_estimated")
    return f"{fi_number(round(value))}\u00a0€"


def scopes(renders) -> tuple[list[Scope], Scope]:
    return renders.scopes()


PENDING = tomllib.loads((Path(__file__).parent / "data" / "facts.toml").read_text(encoding="utf-8"))["pending"]


def headline(scope: Scope, ctx) -> list[str]:
    """The overview's three lines: the lines by schedule light in an executive's words (a zero left unsaid), the
    decisions asked of the scope's own level from the hand-made table (a zero in words) and the money."""
    county = scope.code == ctx.reference.organisation.short_name
    own = PENDING["county"] if county else PENDING["areas"][scope.code]
    level = "county" if county else "area"
    asked, late = own.get(level, 0), own.get(f"{level}_late", 0)
    c = ctx.labels.node("deck.combined")
    counts = [("aikataulussa", len(scope.lines_with(Light.GREEN, "schedule"))),
              ("riskissä", len(scope.lines_with(Light.YELLOW, "schedule"))),
              ("myöhässä", len(scope.lines_with(Light.RED, "schedule"))),
              ("ilman kelvollista suunnitelmaa", len(scope.not_valid))]
    lines = "Yksi linja" if len(scope.rows) == 1 else f"{len(scope.rows)} linjaa"
    decisions = {0: "Yksikään päätösesitys ei odota", 1: "Yksi päätösesitys odottaa"}.get(
        asked, f"Odottavia päätösesityksiä on {asked}")
    decisions += {0: "", 1: ", ja se on myöhässä"}.get(late, f", joista myöhässä {late}")
    return [f"{lines}: " + " · ".join(f"{word} {count}" for word, count in counts if count), decisions,
            c["headline_money"].format(one_off=euro(scope.money.one_off.value, ctx),
                                       yearly=euro(scope.money.yearly_cost.value, ctx),
                                       savings=euro(scope.money.savings, ctx), net=net(scope.money.net, ctx),
                                       fte=fi_number(scope.new_fte))]


def net(value, ctx) -> str:
    c = ctx.labels.node("deck.combined")
    return c["net_cost" if value >= 0 else "net_saving"].format(value=euro(abs(value), ctx))


@pytest.mark.parametrize("index", range(5))
def test_area_deck_opens_with_the_figures_then_every_line(index, ctx, renders):
    areas, _ = scopes(renders)
    area = areas[index]
    prs = reopen(renders.area_deck(area.code))
    c = ctx.labels.node("deck.combined")
    assert titles(prs)[:3] == [area.name, ctx.labels.get("overview.opening.heading"), c["overview_title"]]
    overview = prs.slides[2]                                   # after the opening slide (tests/test_opening.py)
    assert body_text(overview).split("\n")[:3] == headline(area, ctx)
    names = [row[0] for row in table_of(overview)[1:]]
    assert [n for n in names] == [f"{v.name} ({v.code})" for v in area.views]
    if len(area.rows) == 1:         # a single-line area: a short cover pointing to the line's own documents
        code = area.views[0].code
        assert body_text(overview).split("\n")[3] == (f"Linjan omat asiakirjat: {code}-kayttoonottosuunnitelma.docx, "
                                                      f"{code}-muutoksen-tarina.pptx")
        assert titles(prs)[3:] == [t for t in ("Päätökset, joita tarvitsemme", "Korkeat riskit",
                                               "Resurssit ja kustannukset") if t in titles(prs)]
        return
    for view in area.views:                                    # each line has its own slide with its message
        slide = slide_titled(prs, f"{view.name} ({view.code})")
        assert " ".join(view.key_message.split())[:40] in " ".join(body_text(slide).split())


@pytest.mark.parametrize("index", range(5))
def test_area_deck_money_sums_its_lines(index, ctx, renders):
    area = scopes(renders)[0][index]
    prs = reopen(renders.area_deck(area.code))
    rows = table_of(slide_titled(prs, ctx.labels.get("deck.combined.money_title")))
    lacking = list(area.money.not_estimated)                  # the caveat on the slide, under the total
    if lacking:
        assert rows.pop() == [f"Ei arvioitu: {', '.join(lacking)}"] + ["–"] * 4
    assert [r[0] for r in rows[1:len(area.views) + 1]] == [f"{v.name} ({v.code})" for v in area.views]
    total = rows[-1]
    assert total[0] == ctx.labels.get("deck.combined.money_total")
    assert total[1:] == [fi_number(area.new_fte), euro(area.money.one_off.value, ctx),
                         euro(area.money.yearly_cost.value, ctx), euro(area.money.savings, ctx)]


def test_county_deck_gives_areas_lines_money_by_area_and_dependencies(ctx, renders):
    areas, county = scopes(renders)
    prs = reopen(renders.county_deck())
    c = ctx.labels.node("deck.combined")
    assert titles(prs)[1:3] == [ctx.labels.get("overview.opening.heading"), c["overview_title"]]
    overview = prs.slides[2]                                   # after the opening slide (tests/test_opening.py)
    assert body_text(overview).split("\n")[:3] == headline(county, ctx)
    assert [r[0] for r in table_of(overview)[1:]] == [a.name for a in areas]
    lines = table_of(slide_titled(prs, c["status_title"]))
    assert len(lines) - 1 == len(county.rows)                          # every line on one slide
    money = table_of(slide_titled(prs, c["money_title"]))
    assert money.pop()[0] == "Ei arvioitu: AP, KOH, ERIT, ASO"          # the four lines without cost estimates
    assert [r[0] for r in money[1:len(areas) + 1]] == [a.name for a in areas]
    assert money[-1][0] == c["money_total"]
    assert money[-1][1:] == [fi_number(county.new_fte), euro(county.money.one_off.value, ctx),
                             euro(county.money.yearly_cost.value, ctx), euro(county.money.savings, ctx)]
    assert sum(a.money.one_off.value or 0 for a in areas) == county.money.one_off.value
    dependencies = table_of(slide_titled(prs, c["dependencies_title"]))
    nao = next(r for r in dependencies if r[0] == "NAO")
    assert nao[2] == "KAT, AP" and "puolesta-asiointi" in nao[1]
    shared = {p.name for p in county.shared_systems}
    assert shared and all(any(r[1].startswith(name + " (") for r in dependencies) for name in shared)


def test_decisions_slide_lists_the_waiting_decisions_soonest_first(ctx, renders):
    """The county deck asks only the county level's pending decisions (issue 19: a line's one was mixed in) and
    says how many are asked at the lines and areas."""
    prs = reopen(renders.county_deck())
    slide = slide_titled(prs, ctx.labels.get("deck.combined.decisions_title"))
    rows = table_of(slide)
    deciders = {r[2] for r in rows[1:]}
    assert not deciders & {"Palvelulinjan johto", "Palvelualueen johto"}
    assert 0 < len(rows) - 1 <= PENDING["county"]["county"]          # a long list continues on the next slide
    notes = slide.notes_slide.notes_text_frame.text
    assert "Päätöstä odottaa 10 asiaa, joista 3 on jo myöhässä." in notes
    assert "6 asiaa palvelulinjojen johdolla (myöhässä 1), 9 asiaa palvelualueen johdolla (myöhässä 1)" in notes


def test_an_invalid_and_a_missing_line_are_named(ctx, renders):
    results = [r for r in renders.results() if r.line_code not in ("KAT", "AP")]
    kat = renders.plan("KAT")
    broken = IntakeResult(Path("KAT-rikki.xlsx"), kat, [Problem("x", Severity.ERROR, "KAT-rikki.xlsx")],
                          completeness(kat))
    entries = collect_lines([*results, broken], ctx.reference, AS_OF)
    areas = area_scopes(entries, ctx.reference, AS_OF)
    county = county_scope(entries, ctx.reference, AS_OF)
    for data, title in ((render_area_deck(areas[0], ctx), "overview_title"),
                        (render_county_deck(county, areas, ctx), "status_title")):
        prs = reopen(data)
        rows = table_of(slide_titled(prs, ctx.labels.get(f"deck.combined.{title}")))
        kat_row = next(r for r in rows if "(KAT)" in r[0])
        assert ctx.labels.get("county.states.invalid") in kat_row[0]
        assert any("(AP)" in r[0] and ctx.labels.get("county.states.missing") in r[0] for r in rows)
        notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
        assert "KAT" in notes and "AP" in notes


def test_no_none_raw_codes_and_finnish_on_every_run(ctx, renders):
    areas, _ = scopes(renders)
    tag = ctx.labels.get("language.tag")
    for data in [renders.county_deck(), *(renders.area_deck(a.code) for a in areas)]:
        prs = reopen(data)
        for slide in prs.slides:
            text = body_text(slide) + slide.notes_slide.notes_text_frame.text
            assert not RAW.search(text), RAW.search(text)
            assert slide.notes_slide.notes_text_frame.text.strip()
            runs = [r for shape in slide.shapes if shape.has_text_frame
                    for p in shape.text_frame.paragraphs for r in p.runs]
            runs += [r for shape in slide.shapes if shape.has_table for row in shape.table.rows
                     for cell in row.cells for p in cell.text_frame.paragraphs for r in p.runs]
            assert runs and all(r._r.find(qn("a:rPr")).get("lang") == tag for r in runs)


def test_valid_results_helper_is_what_the_build_reads(renders):
    assert all(valid_result(renders.plan(c)).valid for c in renders.codes)


@pytest.mark.office
def test_every_combined_deck_renders_whole_in_libreoffice(renders):
    for name, pdf in renders.pdfs("area_county_decks").items():
        deck = renders.county_deck() if name == "county" else renders.area_deck(name)
        pages = pdf_pages(pdf)
        assert len(pages) == len(reopen(deck).slides), name
        assert not [w for page in pages for w in page.off_page()], name
