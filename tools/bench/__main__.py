"""`make bench`: timing figures of the build, printed, never asserted (a shared machine is no stopwatch).

1. per step, in one process: write, read, Word, deck of each sample and of the stress line;
2. the 15 samples as `make` builds them: cold build, a rebuild with nothing changed, pandoc as the yardstick;
3. county scale: synthetic lines at the stress line's shape (15 and 300 by default): wall time, time per line per
   step, the combined documents, peak memory, the ratio to pandoc;
4. the --pdf pass on its own: one LibreOffice start, then per document; a cold build with PDFs and one edited
   workbook rebuilt with PDFs;
5. the user's waits of issue 25 beside their targets.

Run: python -m tools.bench [--repeat N] [--lines 15 300] [--skip steps,samples,county,pdf]
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pipeline.paths import DEFAULT_INPUT
from pipeline.render import oxml
from tools.bench import pandoc
from tools.bench.runs import (
    Measured,
    cli_build,
    combined,
    county_build,
    per_line_ms,
    read_ms,
    synthetic_county,
)

WAITS: dict[str, str] = {}      # the table: wait → what was measured now
TARGETS = {"pdf_cold": ("cold build with PDFs, 15 samples", "≤ 12 s"),
           "pdf_edit": ("one workbook edited, rebuilt with PDFs", "≤ 4 s"),
           "ratio": ("cold build without PDFs vs pandoc (15 plans' text, 2 at a time)", "ratio ≤ 1.0"),
           "per_line": ("per line read + Word + deck, one process", "≤ 150 ms"),
           "county": ("300 lines without PDFs", "≤ 45 s, ≤ 400 MB"),
           "unchanged": ("rebuild with nothing changed", "≤ 0.3 s")}


def waits_table() -> None:
    """The user's waits beside their targets (the issue's table), with the load the machine had."""
    print(f"\nThe waits (load average {os.getloadavg()[0]:.1f} now; a shared machine makes wall times longer)")
    width = max(len(name) for name, _ in TARGETS.values())
    print(f"| {'wait':{width}} | {'now':>18} | {'target':>17} |")
    print(f"|{'-' * (width + 2)}|{'-' * 20}|{'-' * 19}|")
    for key, (name, target) in TARGETS.items():
        print(f"| {name:{width}} | {WAITS.get(key, 'not measured'):>18} | {target:>17} |")


_PANDOC: dict[tuple[int, bool], float] = {}       # pandoc's time per (plans, county shape), measured once


def _pandoc_seconds(plans: int, county: bool) -> float:
    """pandoc's time for the text of PLANS plans (the samples in turn; the stress shape with COUNTY), 2 at a time."""
    if (plans, county) not in _PANDOC:
        from pipeline.samples import load_sample, sample_codes
        from tools.stress import stress_plan
        codes = sample_codes()
        plans_text = [load_sample(codes[n % len(codes)]) for n in range(plans)]
        if county:
            plans_text = [stress_plan(p) for p in plans_text]
        _PANDOC[(plans, county)] = pandoc.pandoc_seconds(plans_text)
    return _PANDOC[(plans, county)]


def _ratio_value(seconds: float, plans: int, county: bool = False) -> float | None:
    return seconds / _pandoc_seconds(plans, county) if pandoc.available() else None


def _ratio(seconds: float, plans: int, say: str) -> str:
    if not pandoc.available():
        return f"{say}: pandoc not installed, no ratio (apt-get install pandoc)"
    base = _pandoc_seconds(plans, say.startswith("county"))
    return f"{say}: pandoc {base:.2f} s for {plans} plans, 2 at a time → ratio {seconds / base:.2f}"


def _memory(run: Measured) -> str:
    return (f"peak RSS {run.peak_process_mb:.0f} MB (largest process), {run.peak_total_mb:.0f} MB PSS (the build and "
            "its workers together)")


def samples(folder: Path) -> Path:
    out = folder / "samples"
    cold = cli_build(DEFAULT_INPUT, out)
    print(f"cold build, every deliverable ({len(cold.state.outputs)} files): {cold.wall:.2f} s wall, "
          f"{cold.cpu:.1f} s CPU; {_memory(cold)}")
    print(f"  read+validate {read_ms(cold.state):.0f} ms/line, Word {per_line_ms(cold.state, '.docx'):.0f} ms/line, "
          f"deck {per_line_ms(cold.state, '.pptx'):.0f} ms/line (in a worker, wall)")
    print("  combined: " + ", ".join(f"{Path(n).name} {s:.2f} s" for n, s in combined(cold.state).items()))
    again = cli_build(DEFAULT_INPUT, out)
    said = "nothing changed" if "Ei muutoksia" in again.output else "REBUILT SOMETHING"
    print(f"rebuild with nothing changed: {again.wall:.2f} s wall, {again.cpu:.2f} s CPU ({said}; target ≤ 0.3 s)")
    WAITS["unchanged"] = f"{again.wall:.2f} s"
    print(_ratio(cold.wall, 15, "cold build of the 15 samples") + " (target ≤ 1.0)")
    ratio = _ratio_value(cold.wall, 15)
    if ratio is not None:
        WAITS["ratio"] = f"ratio {ratio:.2f}"
    return out


def county(folder: Path, lines: list[int]) -> None:
    print(f"{'lines':>6}{'wall s':>9}{'CPU s':>8}{'s/line':>8}{'read ms':>9}{'Word ms':>9}{'deck ms':>9}"
          f"{'combined s':>12}{'RSS MB':>8}{'PSS MB':>8}")
    walls = {}
    for count in lines:
        place = folder / f"county{count}"
        place.mkdir()
        start = time.perf_counter()
        templates, inputs = synthetic_county(place, count)
        made = time.perf_counter() - start
        run = county_build(templates, inputs, place / "out")
        walls[count] = run.wall
        if count == 300:
            WAITS["county"] = f"{run.wall:.0f} s, {run.peak_process_mb:.0f} MB"
        together = combined(run.state)
        print(f"{count:>6}{run.wall:>9.1f}{run.cpu:>8.1f}{run.wall / count:>8.2f}{read_ms(run.state):>9.0f}"
              f"{per_line_ms(run.state, '.docx'):>9.0f}{per_line_ms(run.state, '.pptx'):>9.0f}"
              f"{sum(together.values()):>12.1f}{run.peak_process_mb:>8.0f}{run.peak_total_mb:>8.0f}"
              f"   (workbooks written in {made:.0f} s, not timed)")
        if '"failures": []' not in run.output:
            print("   the build reported: " + run.output.strip().splitlines()[-1][:300])
        slowest = sorted(together.items(), key=lambda item: -item[1])[:3]
        print("   slowest combined: " + ", ".join(f"{Path(n).name} {s:.1f} s" for n, s in slowest))
        print("   " + _ratio(run.wall, count, f"county build of {count} lines"))
    if len(walls) > 1:
        small, large = min(walls), max(walls)
        print(f"time per line {small} → {large} lines: {walls[small] / small:.2f} → {walls[large] / large:.2f} s "
              f"(linear if equal); target for 300 lines ≤ 45 s and ≤ 400 MB")


def pdf_pass(out: Path, folder: Path) -> None:
    from pipeline.build.pdf.session import OfficeSession, OfficeUnavailable
    try:
        start = time.perf_counter()
        with OfficeSession() as office:
            office.wait_ready()
            print(f"LibreOffice start (UNO, private profile): {time.perf_counter() - start:.2f} s")
    except OfficeUnavailable as unavailable:
        print(f"no PDF pass: {unavailable}")
        return
    run = cli_build(DEFAULT_INPUT, out, "--pdf")
    pdfs = {name: r.seconds for name, r in run.state.outputs.items() if name.endswith(".pdf")}
    print(f"--pdf after the cold build (read, {len(pdfs)} PDF copies, packages): {run.wall:.1f} s wall, "
          f"{run.cpu:.1f} s CPU")
    kinds = {"line Word plan": lambda n: "/" in n and n.count("/") == 1 and "kayttoonotto" in n
             and not n.startswith(("palvelualueet", "hva")),
             "line deck": lambda n: "muutoksen-tarina" in n,
             "area plan": lambda n: n.startswith("palvelualueet/"),
             "county plan": lambda n: n.startswith("hva/")}
    for kind, belongs in kinds.items():
        times = [s for n, s in pdfs.items() if belongs(n)]
        if times:
            print(f"  {kind}: {statistics.median(times):.2f} s median, {sum(times):.1f} s for {len(times)}")
    inputs = folder / "pdf-inputs"
    shutil.copytree(DEFAULT_INPUT, inputs)
    cold = cli_build(inputs, folder / "pdf-cold", "--pdf")
    print(f"cold build with PDFs (every deliverable and its PDF copy): {cold.wall:.1f} s wall, {cold.cpu:.1f} s CPU")
    WAITS["pdf_cold"] = f"{cold.wall:.1f} s"
    edited = sorted(inputs.glob("*.xlsx"))[0]
    _edit_key_message(edited)
    again = cli_build(inputs, folder / "pdf-cold", "--pdf")
    print(f"{edited.name} edited, rebuilt with PDFs: {again.wall:.1f} s wall, {again.cpu:.1f} s CPU")
    WAITS["pdf_edit"] = f"{again.wall:.1f} s"


def _edit_key_message(path: Path) -> None:
    """A user's edit: the key message of the workbook at PATH (its summary sheet's first answer) changed."""
    import io

    from openpyxl import load_workbook

    from pipeline.catalog import Labels
    from pipeline.intake.fields import sheet_name
    from pipeline.schema import sheet
    book = load_workbook(io.BytesIO(path.read_bytes()))
    cell = book[sheet_name(sheet("summary"), Labels.load())].cell(2, 2)     # the key message's answer
    cell.value = f"{cell.value or ''} Muutettu.".strip()
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lines", type=int, nargs="+", default=[15, 300])
    parser.add_argument("--skip", default="")
    parser.add_argument("--build", nargs=3, type=Path, help=argparse.SUPPRESS)     # TEMPLATES INPUT OUTPUT
    args = parser.parse_args()
    oxml.install()          # the library patches, as the build installs them: the steps below render directly
    if args.build:
        from tools.bench.runs import build_in_process
        build_in_process(*args.build)
        return
    skip = set(args.skip.split(","))
    print(f"digiplan bench: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at start; figures are printed, never asserted")
    with tempfile.TemporaryDirectory(prefix="digiplan-bench-") as name:
        folder = Path(name)
        # the builds as a user's: the read results kept between builds in a cache of this run's own (a cold build
        # reads every workbook, the edited one's rebuild finds the others'), and the program's bytecode written
        # (`make` writes it even where the shell says not to, as this machine's does)
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        os.environ["PYTHONDONTWRITEBYTECODE"] = ""
        if "steps" not in skip:
            from tools.bench.steps import steps
            print("\n1. Per step, one process, CPU ms (median of", args.repeat, "runs)")
            WAITS["per_line"] = f"{steps(args.repeat):.0f} ms"
        out = None
        if "samples" not in skip:
            print("\n2. The 15 samples, built as `make` builds them (a fresh process each)")
            out = samples(folder)
        if "county" not in skip:
            print("\n3. County scale: synthetic lines at the stress line's shape")
            county(folder, args.lines)
        if "pdf" not in skip:
            if out is None:
                print("\n2. The 15 samples, built as `make` builds them (for the --pdf pass below)")
                out = samples(folder)
            print("\n4. The --pdf pass on its own (after the cold build of the 15 samples)")
            pdf_pass(out, folder)
    waits_table()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
