"""Per step, in one process: writing, reading, Word and deck of each sample and of the stress line; the county
workbook. CPU time, median of REPEAT runs (a machine shared with other work distorts wall time, not CPU time)."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from pipeline.render.context import RenderContext


def _time(action, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        runs.append(time.process_time() - start)
    return statistics.median(runs) * 1000


def steps(repeat: int) -> float:
    from pipeline.intake.load import read_intake
    from pipeline.intake.writer import write_workbook
    from pipeline.render.county.workbook import render_county_workbook
    from pipeline.render.deck.build import render_deck
    from pipeline.render.word.line import render_word_plan
    from pipeline.samples import load_sample, sample_codes
    from tools.stress import stress_plan

    ctx = RenderContext.load()
    plans = {code: load_sample(code) for code in sample_codes()}
    plans["STRESS"] = stress_plan(plans["NAO"])
    render_word_plan(plans["NAO"], ctx)                 # first use: imports and template caches, not timed
    render_deck(plans["NAO"], ctx)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        results = []
        for code, plan in plans.items():
            path = Path(folder) / f"{code}.xlsx"
            write_ms = _time(lambda p=path, x=plan: p.write_bytes(write_workbook(x, ctx.reference, ctx.labels)),
                             repeat)
            read_ms = _time(lambda p=path: read_intake(p, ctx.reference, ctx.labels), repeat)
            results.append(read_intake(path, ctx.reference, ctx.labels))
            word_ms = _time(lambda x=plan: render_word_plan(x, ctx), repeat)
            deck_ms = _time(lambda x=plan: render_deck(x, ctx), repeat)
            rows.append((code, len(plan.services), write_ms, read_ms, word_ms, deck_ms))
        county_ms = _time(lambda: render_county_workbook(results[:-1], ctx), repeat)
    print(f"{'line':8}{'services':>9}{'write ms':>10}{'read ms':>9}{'word ms':>9}{'deck ms':>9}{'r+w+d ms':>10}")
    for code, services, *figures in rows:
        print(f"{code:8}{services:>9}" + "".join(f"{f:>9.0f} " for f in figures) + f"{sum(figures[1:]):>9.0f}")
    lines = rows[:-1]
    means = [statistics.mean(float(r[i]) for r in lines) for i in range(2, 6)]
    print(f"{'mean 15':17}" + "".join(f"{f:>9.0f} " for f in means) + f"{sum(means[1:]):>9.0f}   (target ≤ 150)")
    print(f"county workbook of the 15 samples: {county_ms:.0f} ms")
    return sum(means[1:])
