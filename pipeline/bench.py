"""`make bench`: timing figures for reading, writing and rendering, printed, never asserted.

Run: python -m pipeline.bench [--repeat N]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pipeline.intake.load import read_intake
from pipeline.intake.writer import write_workbook
from pipeline.render.context import RenderContext
from pipeline.samples import load_sample, sample_codes, stress_plan


def _time(action, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from pipeline.render.county.workbook import render_county_workbook
    from pipeline.render.deck.build import render_deck
    from pipeline.render.word.line import render_word_plan

    ctx = RenderContext.load()
    plans = {code: load_sample(code) for code in sample_codes()}
    plans["STRESS"] = stress_plan(plans["NAO"])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        results = []
        for code, plan in plans.items():
            path = Path(folder) / f"{code}.xlsx"
            write_ms = _time(lambda p=path, x=plan: p.write_bytes(write_workbook(x, ctx.reference, ctx.labels)),
                             args.repeat)
            read_ms = _time(lambda p=path: read_intake(p, ctx.reference, ctx.labels), args.repeat)
            results.append(read_intake(path, ctx.reference, ctx.labels))
            word_ms = _time(lambda x=plan: render_word_plan(x, ctx), args.repeat)
            deck_ms = _time(lambda x=plan: render_deck(x, ctx), args.repeat)
            rows.append((code, len(plan.services), write_ms, read_ms, word_ms, deck_ms))
        county_ms = _time(lambda: render_county_workbook(results[:-1], ctx), args.repeat)
    print(f"{'line':8}{'services':>9}{'write ms':>10}{'read ms':>9}{'word ms':>9}{'deck ms':>9}")
    for code, services, *figures in rows:
        print(f"{code:8}{services:>9}" + "".join(f"{f:>9.0f} " for f in figures))
    totals = [sum(float(r[i]) for r in rows[:-1]) for i in range(2, 6)]
    print(f"{'15 lines':17}" + "".join(f"{f:>9.0f} " for f in totals))
    print(f"county workbook: {county_ms:.0f} ms (median of {args.repeat})")


if __name__ == "__main__":
    main()
