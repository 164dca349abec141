"""The area and county decks read against the samples: the headline figures, every line named, the decisions,
the money by line (area) or by area (county) with its total, the dependencies between lines, an invalid and a
missing line named, and every slide whole in LibreOffice."""
from __future__ import annotations

import re
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
from pipeline.schema import DecisionStatus, Light
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


def headline(scope: Scope, ctx) -> list[str]:
    waiting = [a for a in scope.decisions if a.decision.status in (None, DecisionStatus.WAITING)]
    c = ctx.labels.node("deck.combined")
    return [c["headline_plans"].format(valid=len(scope.views), total=len(scope.rows), complete=len(scope.complete),
                                       on_schedule=len(scope.on_schedule), red=len(scope.lines_with(Light.RED))),
            ctx.labels.fill(c["headline_decisions"], count=len(waiting), late=sum(a.late for a in waiting)),
            c["headline_money"].format(one_off=euro(scope.total("cost_one_off"), ctx),
                                       yearly=euro(scope.total("cost_yearly"), ctx),
                                       savings=euro(scope.total("savings_yearly"), ctx),
                                       fte=fi_number(scope.new_fte))]


@pytest.mark.parametrize("index", range(5))
def test_area_deck_opens_with_the_figures_then_every_line(index, ctx, renders):
    areas, _ = scopes(renders)
    area = areas[index]
    prs = reopen(renders.area_deck(area.code))
    c = ctx.labels.node("deck.combined")
    assert titles(prs)[:2] == [area.name, c["overview_title"]]
    overview = prs.slides[1]
    assert body_text(overview).split("\n")[:3] == headline(area, ctx)
    names = [row[0] for row in table_of(overview)[1:]]
    assert [n for n in names] == [f"{v.name} ({v.code})" for v in area.views]
    for view in area.views:                                    # each line has its own slide with its message
        slide = slide_titled(prs, f"{view.name} ({view.code})")
        assert " ".join(view.key_message.split())[:40] in " ".join(body_text(slide).split())


@pytest.mark.parametrize("index", range(5))
def test_area_deck_money_sums_its_lines(index, ctx, renders):
    area = scopes(renders)[0][index]
    prs = reopen(renders.area_deck(area.code))
    rows = table_of(slide_titled(prs, ctx.labels.get("deck.combined.money_title")))
    assert [r[0] for r in rows[1:-1]] == [f"{v.name} ({v.code})" for v in area.views]
    total = rows[-1]
    assert total[0] == ctx.labels.get("deck.combined.money_total")
    assert total[1:] == [fi_number(area.new_fte), euro(area.total("cost_one_off"), ctx),
                         euro(area.total("cost_yearly"), ctx), euro(area.total("savings_yearly"), ctx)]


def test_county_deck_gives_areas_lines_money_by_area_and_dependencies(ctx, renders):
    areas, county = scopes(renders)
    prs = reopen(renders.county_deck())
    c = ctx.labels.node("deck.combined")
    assert titles(prs)[1] == c["overview_title"]
    overview = prs.slides[1]
    assert body_text(overview).split("\n")[:3] == headline(county, ctx)
    assert [r[0] for r in table_of(overview)[1:]] == [a.name for a in areas]
    lines = table_of(slide_titled(prs, c["status_title"]))
    assert len(lines) - 1 == len(county.rows)                          # every line on one slide
    money = table_of(slide_titled(prs, c["money_title"]))
    assert [r[0] for r in money[1:]] == [a.name for a in areas] + [c["money_total"]]
    assert money[-1][1:] == [fi_number(county.new_fte), euro(county.total("cost_one_off"), ctx),
                             euro(county.total("cost_yearly"), ctx), euro(county.total("savings_yearly"), ctx)]
    assert sum(a.total("cost_one_off") or 0 for a in areas) == county.total("cost_one_off")
    dependencies = table_of(slide_titled(prs, c["dependencies_title"]))
    nao = next(r for r in dependencies if r[0] == "NAO")
    assert nao[2] == "KAT, AP" and "puolesta-asiointi" in nao[1]
    shared = {p.name for p in county.shared_systems}
    assert shared and all(any(r[1].startswith(name + " (") for r in dependencies) for name in shared)


def test_decisions_slide_lists_the_waiting_decisions_soonest_first(ctx, renders):
    _, county = scopes(renders)
    prs = reopen(renders.county_deck())
    rows = table_of(slide_titled(prs, ctx.labels.get("deck.combined.decisions_title")))
    waiting = [a for a in county.decisions if a.decision.status in (None, DecisionStatus.WAITING)]
    assert [r[0] for r in rows[1:]] == [a.line.code for a in waiting][:len(rows) - 1]
    assert rows[1][1].rstrip("…")[:30] == " ".join(waiting[0].decision.decision.split())[:30]


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
