"""Every sample plan rendered once per test process and shared by the test modules.

`make test` runs the modules in parallel, one module per worker (`--dist loadfile`), so a deliverable's tests find
its renders here instead of rendering the same plan again. Tests that change a plan render their own copy. PDF
copies come from one LibreOffice call per kind of document."""
from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.intake.completeness import completeness
from pipeline.intake.result import IntakeResult
from pipeline.render.context import RenderContext
from pipeline.render.county.workbook import render_county_workbook
from pipeline.render.deck.build import render_deck
from pipeline.render.deck.combined import render_area_deck, render_county_deck
from pipeline.render.word.combined import render_area_plan, render_county_plan
from pipeline.render.word.line import render_word_plan
from pipeline.samples import load_sample, sample_codes
from pipeline.schema import LinePlan, Term
from pipeline.view.county import collect_lines
from pipeline.view.scope import Scope, area_scopes, county_scope
from tools.stress import stress_plan

STRESS = "STRESS"          # the hostile 30-service variant of NAO
HUGE = "HUGE"              # NAO with 30 services, texts of 10 000 characters and end markers (Word layout only)
# The samples whose line documents LibreOffice lays out in the tests (with STRESS and HUGE): in CI every sample
# (DIGIPLAN_ALL_SAMPLES=1, set by .ci/run); in a local `make test` a spread — the smallest plan, a small line whose
# deck merges slides, the golden one and the largest plan —, which keeps the suite near 90 s on two cores.
PDF_SAMPLES = tuple(sample_codes()) if os.environ.get("DIGIPLAN_ALL_SAMPLES") else ("ASO", "KAT", "NAO", "AVO")


def valid_result(plan: LinePlan, name: str | None = None) -> IntakeResult:
    """PLAN as if read from a valid workbook."""
    return IntakeResult(Path(name or f"{plan.basics.line_code}.xlsx"), plan, [], completeness(plan))


def huge_plan() -> LinePlan:
    """NAO at 30 services with texts of 10 000 characters: the end of a long text, of a goal and of a tall table
    cell carry markers a test finds in the laid-out pages."""
    plan = stress_plan(load_sample("NAO"), services=30, text_length=10_000)
    plan.services[0] = plan.services[0].model_copy(
        update={"description": plan.services[0].description + " LOPPUMERKKI"})
    plan.goals[0] = plan.goals[0].model_copy(update={"goal": plan.services[0].description + " TAVOITEMERKKI"})
    plan.terms = [Term(professional="Termi", customer="Sana", notes="Rivi\n" * 200 + "TERMIMERKKI")]
    return plan


class Renders:
    def __init__(self, ctx: RenderContext, folder: Path, load: Callable[[str], LinePlan] | None = None) -> None:
        self.ctx = ctx
        self.folder = folder
        self.load = load or load_sample          # a sample's plan by its code (the sample file, or a workbook read)
        self.codes = sample_codes()
        self._made: dict[tuple[str, ...], Any] = {}

    def _once(self, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def plan(self, code: str) -> LinePlan:
        made = {STRESS: lambda: stress_plan(load_sample("NAO")), HUGE: huge_plan}
        return self._once(("plan", code), made.get(code, partial(self.load, code)))

    def word(self, code: str) -> bytes:
        return self._once(("word", code), lambda: render_word_plan(self.plan(code), self.ctx))

    def deck(self, code: str) -> bytes:
        return self._once(("deck", code), lambda: render_deck(self.plan(code), self.ctx))

    def results(self) -> list[IntakeResult]:
        return self._once(("results",), lambda: [valid_result(self.plan(code)) for code in self.codes])

    def county(self) -> bytes:
        return self._once(("county",), lambda: render_county_workbook(self.results(), self.ctx))

    def scopes(self) -> tuple[list[Scope], Scope]:
        def make() -> tuple[list[Scope], Scope]:
            entries = collect_lines(self.results(), self.ctx.reference, self.ctx.as_of)
            return (area_scopes(entries, self.ctx.reference, self.ctx.as_of),
                    county_scope(entries, self.ctx.reference, self.ctx.as_of))
        return self._once(("scopes",), make)

    def area_plan(self, code: str) -> bytes:
        area = next(a for a in self.scopes()[0] if a.code == code)
        return self._once(("area_plan", code), lambda: render_area_plan(area, self.ctx))

    def county_plan(self) -> bytes:
        areas, county = self.scopes()
        return self._once(("county_plan",), lambda: render_county_plan(county, areas, self.ctx))

    def area_deck(self, code: str) -> bytes:
        area = next(a for a in self.scopes()[0] if a.code == code)
        return self._once(("area_deck", code), lambda: render_area_deck(area, self.ctx))

    def county_deck(self) -> bytes:
        areas, county = self.scopes()
        return self._once(("county_deck",), lambda: render_county_deck(county, areas, self.ctx))

    def pdfs(self, kind: str, extra: dict[str, bytes] | None = None) -> dict[str, Path]:
        """The PDFs of KIND, with a test's own EXTRA documents (file name → bytes) in the same LibreOffice call."""
        made = self._once(("pdfs", kind), lambda: self._convert(kind, extra or {}))
        missing = {name: data for name, data in (extra or {}).items() if Path(name).stem not in made}
        return {**made, **(self._convert(kind, missing, only=True) if missing else {})}

    def _convert(self, kind: str, extra: dict[str, bytes], only: bool = False) -> dict[str, Path]:
        """The PDF of the PDF_SAMPLES' documents of KIND (word; deck with STRESS) from one LibreOffice call;
        "area_county_plans" / "area_county_decks": every area's and the county's plan or deck."""
        from conftest import convert

        folder = self.folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        documents = {} if only else self._documents(kind)
        documents.update({name: partial(bytes, data) for name, data in extra.items()})
        sources = []
        for name, make in documents.items():
            sources.append(folder / name)
            sources[-1].write_bytes(make())
        pdfs = convert(sources, "pdf", folder / "pdf")
        return {source.stem: pdf for source, pdf in zip(sources, pdfs, strict=True)}

    def _documents(self, kind: str) -> dict[str, Callable[[], bytes]]:
        """File name → how to make it, for the documents of KIND."""
        areas = [a.code for a in self.scopes()[0]] if kind.startswith("area_county") else []
        if kind == "area_county_plans":
            return {**{f"{code}.docx": partial(self.area_plan, code) for code in areas},
                    "county.docx": self.county_plan}
        if kind == "area_county_decks":
            return {**{f"{code}.pptx": partial(self.area_deck, code) for code in areas},
                    "county.pptx": self.county_deck}
        if kind == "word":                  # HUGE: a larger plan than STRESS, with markers at its texts' ends
            return {f"{code}.docx": partial(self.word, code) for code in [*PDF_SAMPLES, HUGE]}
        return {f"{code}.pptx": partial(self.deck, code) for code in [*PDF_SAMPLES, STRESS]}
