"""build: the whole pipeline in order — read intake → validate → render Word / PowerPoint / Excel → report."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.commands.validate import collect
from pipeline.intake.load import read_intakes
from pipeline.intake.result import IntakeResult
from pipeline.officefiles import atomic_write
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext
from pipeline.render.deck import render_deck
from pipeline.render.roadmap import render_county_roadmap
from pipeline.render.word import render_word_plan
from pipeline.report import json_report, text_report


@dataclass
class BuildRun:
    results: list[IntakeResult]
    written: list[Path] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if all(r.valid for r in self.results) and not self.failures else 1


def build(inputs: list[Path], out_dir: Path, ctx: RenderContext) -> BuildRun:
    layout = OutputLayout.of(out_dir, ctx.labels)
    results = read_intakes(collect(inputs, ctx.labels), ctx.reference, ctx.labels)
    run = BuildRun(results)
    _write(run, layout.validation_report("txt"), lambda: text_report(results, ctx.labels).encode("utf-8"))
    _write(run, layout.validation_report("json"), lambda: json_report(results, ctx.labels).encode("utf-8"))
    for result in results:
        if result.valid:
            code = result.line_code
            _write(run, layout.word_plan(code), lambda: render_word_plan(result.plan, ctx))
            _write(run, layout.deck(code), lambda: render_deck(result.plan, ctx))
    _write(run, layout.county_roadmap(), lambda: render_county_roadmap(results, ctx))
    return run


def _write(run: BuildRun, path: Path, produce: Callable[[], bytes]) -> None:
    """Render and write one deliverable; a failure is recorded and never stops the other deliverables."""
    try:
        run.written.append(atomic_write(path, produce()))
    except Exception as exc:  # noqa: BLE001 — one broken document must not cost the county its others
        run.failures.append((path, f"{type(exc).__name__}: {exc}"))
