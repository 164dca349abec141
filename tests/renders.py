"""Every sample plan's documents rendered once per test run and shared by the test modules and the xdist workers.

`make test` spreads the tests over the workers (`--dist loadgroup`, see tests/conftest.py), so a deliverable's
tests find its renders here — in this process, or in the run's shared folder when another worker rendered them —
instead of rendering the same plan again. Tests that change a plan render their own copy. PDF copies come from
one LibreOffice call per kind of document, made by one worker for the whole run."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import timing
from office import convert

from pipeline.catalog import Labels
from pipeline.intake.completeness import completeness
from pipeline.intake.load import read_intake
from pipeline.intake.result import IntakeResult
from pipeline.reference import Reference
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

ROOT = Path(__file__).resolve().parents[1]
# The kinds of PDF laid out together in one LibreOffice call (Renders.pdfs).
PLANS, DECKS = ("word", "area_county_plans"), ("deck", "area_county_decks")
BATCHES = {"word": PLANS, "area_county_plans": PLANS, "deck": DECKS, "area_county_decks": DECKS}
# A test module's own documents in a kind's LibreOffice call: kind → file name → how to make it in a render context.
# Modules add theirs when imported, and every test process imports every module before its first test, so the first
# test to ask lays them all out (the same call, byte for byte, whichever worker makes it).
EXTRA: dict[str, dict[str, Callable[[RenderContext], bytes]]] = {}
STRESS = "STRESS"          # the hostile 30-service variant of NAO
HUGE = "HUGE"              # NAO with 30 services, texts of HUGE_TEXT characters and end markers (Word layout only)
# The samples whose line documents LibreOffice lays out in the tests (with STRESS and HUGE): in CI every sample
# (DIGIPLAN_ALL_SAMPLES=1, set by .ci/run); in a local `make test` a spread — the smallest plan, a small line whose
# deck merges slides, the golden one and the largest plan —, which keeps the suite near 90 s on two cores.
ALL_SAMPLES = bool(os.environ.get("DIGIPLAN_ALL_SAMPLES"))
PDF_SAMPLES = tuple(sample_codes()) if ALL_SAMPLES else ("ASO", "KAT", "NAO", "AVO")
# The areas whose plans and decks LibreOffice lays out (with the county's): in CI every area; locally a multi-line
# area and a single-line one (the others are laid out by the same code with other numbers).
PDF_AREAS = ("IKA", "VAM")
# HUGE's long texts: 10 000 characters in CI; locally 5 000, still a paragraph over a page break, which LibreOffice
# lays out in half the time (a 10 000-character paragraph alone took 3 of the call's CPU seconds).
HUGE_TEXT = 10_000 if ALL_SAMPLES else 5_000


def valid_result(plan: LinePlan, name: str | None = None) -> IntakeResult:
    """PLAN as if read from a valid workbook."""
    return IntakeResult(Path(name or f"{plan.basics.line_code}.xlsx"), plan, [], completeness(plan))


def read_sample_workbook(reference: Reference, labels: Labels, code: str) -> LinePlan:
    """A sample's plan as read from its workbook in input_workbooks/ (in the language of LABELS)."""
    result = read_intake(ROOT / "input_workbooks" / f"{code}-esimerkki-tietopohja.xlsx", reference, labels)
    assert result.plan is not None and not result.errors, [p.message for p in result.errors]
    return result.plan


def huge_plan() -> LinePlan:
    """NAO at 30 services with texts of HUGE_TEXT characters: the end of a long text, of a goal and of a tall table
    cell carry markers a test finds in the laid-out pages."""
    plan = stress_plan(load_sample("NAO"), services=30, text_length=HUGE_TEXT)
    plan.services[0] = plan.services[0].model_copy(
        update={"description": plan.services[0].description + " LOPPUMERKKI"})
    plan.goals[0] = plan.goals[0].model_copy(update={"goal": plan.services[0].description + " TAVOITEMERKKI"})
    plan.terms = [Term(professional="Termi", customer="Sana", notes="Rivi\n" * 200 + "TERMIMERKKI")]
    return plan


class Renders:
    """A variant's documents, each rendered once per run: in memory for this process and, when VARIANT names the
    variant (its language, date and plans), on disk in the run's shared folder for the other workers — the first
    worker that needs a document renders it while another that needs it too waits and reads its bytes (the
    documents are byte-reproducible, so a copy is the document)."""

    def __init__(self, ctx: RenderContext, folder: Path, load: Callable[[str], LinePlan] | None = None,
                 variant: str | None = None) -> None:
        self.ctx = ctx
        self.folder = folder
        self.load = load or load_sample          # a sample's plan by its code (the sample file, or a workbook read)
        self.variant = variant
        self.codes = sample_codes()
        self._made: dict[tuple[str, ...], Any] = {}

    def _once(self, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
        if key not in self._made:
            document = key[0] not in ("plan", "results", "scopes", "pdfs")
            self._made[key] = self._shared(key, make) if document else make()
        return self._made[key]

    def _shared(self, key: tuple[str, ...], make: Callable[[], bytes]) -> bytes:
        """A document's bytes: from the run's shared folder when another worker has rendered it, else rendered
        (and counted for the run's summary)."""
        if self.variant is None or timing.FOLDER is None:
            timing.log(timing.FOLDER, "rendered", key[0], self.variant, *key[1:])
            return make()
        shared = timing.FOLDER / "renders" / "-".join((self.variant, *key))
        shared.parent.mkdir(exist_ok=True)
        with open(shared.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if shared.exists():
                return shared.read_bytes()
            data = make()
            timing.log(timing.FOLDER, "rendered", key[0], self.variant, *key[1:])
            shared.with_suffix(".part").write_bytes(data)
            os.replace(shared.with_suffix(".part"), shared)
            return data

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

    def pdfs(self, kind: str) -> dict[str, Path]:
        """The PDFs of KIND (document code → PDF). The line plans ("word") and the area and county plans
        ("area_county_plans") are laid out in one LibreOffice call, the line decks ("deck") and the area and county
        decks ("area_county_decks") in another, each with the documents test modules add (EXTRA); the county
        workbook ("county") in a third, with the exit sheets test_exits_money adds."""
        batch = BATCHES.get(kind, (kind,))
        return self._once(("pdfs", *batch), lambda: self._convert(batch))[kind]

    def _convert(self, kinds: tuple[str, ...]) -> dict[str, dict[str, Path]]:
        """Kind → document code → PDF, for the documents of KINDS from one LibreOffice call. A kind's documents: the
        PDF_SAMPLES' line plans with HUGE ("word"), their decks with STRESS ("deck"), the areas' (every one in CI,
        PDF_AREAS locally) and the county's plan or deck ("area_county_…"), the county workbook ("county"), and the
        kind's EXTRA."""
        folder = self.folder / "-".join(kinds)
        folder.mkdir(parents=True, exist_ok=True)
        documents = {(kind, name): make for kind in kinds for name, make in self._documents(kind).items()}
        documents.update({(kind, name): partial(make, self.ctx) for kind in kinds
                          for name, make in EXTRA.get(kind, {}).items()})
        sources = []
        for (kind, name), make in documents.items():
            sources.append(folder / f"{kind}.{name}")            # VAM is a line and an area: "word.VAM.docx"
            sources[-1].write_bytes(make())
        pdfs = convert(sources, "pdf", folder / "pdf")
        out: dict[str, dict[str, Path]] = {kind: {} for kind in kinds}
        for (kind, name), pdf in zip(documents, pdfs, strict=True):
            out[kind][Path(name).stem] = pdf
        return out

    def county_spread(self) -> bytes:
        """The county workbook of the PDF_SAMPLES' lines (every sample's in CI): the one LibreOffice lays out."""
        def make() -> bytes:
            return render_county_workbook([valid_result(self.plan(code)) for code in PDF_SAMPLES], self.ctx)
        return self.county() if ALL_SAMPLES else self._once(("county_spread",), make)

    def _documents(self, kind: str) -> dict[str, Callable[[], bytes]]:
        """File name → how to make it, for the documents of KIND."""
        if kind == "county":
            return {"county.xlsx": self.county_spread}
        areas = [a.code for a in self.scopes()[0] if ALL_SAMPLES or a.code in PDF_AREAS] \
            if kind.startswith("area_county") else []
        if kind == "area_county_plans":
            return {**{f"{code}.docx": partial(self.area_plan, code) for code in areas},
                    "county.docx": self.county_plan}
        if kind == "area_county_decks":
            return {**{f"{code}.pptx": partial(self.area_deck, code) for code in areas},
                    "county.pptx": self.county_deck}
        if kind == "word":                  # HUGE: a larger plan than STRESS, with markers at its texts' ends
            return {f"{code}.docx": partial(self.word, code) for code in [*PDF_SAMPLES, HUGE]}
        return {f"{code}.pptx": partial(self.deck, code) for code in [*PDF_SAMPLES, STRESS]}
