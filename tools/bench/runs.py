"""Whole builds, each in a fresh process as `make` runs them: wall time, peak memory of the process tree, and the
time of each step from the build's own manifest (read and validate per workbook, each deliverable's rendering, each
PDF copy).

County scale: synthetic lines at the stress line's shape (30 services, very long and hostile texts), spread over the
five service areas of an organisation that lists them (a copy of templates/ with its own organisation.toml).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.build.incremental import BuildState
from pipeline.paths import PROJECT_ROOT, TEMPLATES

AS_OF = "25.11.2026"
SAMPLE_SECONDS = 0.05


@dataclass
class Measured:
    wall: float                                      # the process, start to end (interpreter start included)
    peak_total_mb: float                             # the largest sum over the build and its workers of their
                                                     # proportional set size (shared pages counted once)
    peak_process_mb: float                           # the largest RSS of one process
    cpu: float = 0.0                                 # user + system seconds of the build and all its processes
    state: BuildState = field(default_factory=BuildState)
    output: str = ""


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_mb(pid: int, file: str, key: str) -> float:
    try:
        with open(f"/proc/{pid}/{file}", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_measured(command: list[str], out: Path, env: dict[str, str] | None = None) -> Measured:
    """Run COMMAND (a build writing into OUT), sampling the memory of its process tree."""
    log = out.with_name(out.name + ".log")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w+", encoding="utf-8") as said:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=said, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})})
        total = single = 0.0
        sampling = os.path.isdir("/proc")
        while process.poll() is None:
            if sampling:
                pids = _tree(process.pid)
                total = max(total, sum(_memory_mb(pid, "smaps_rollup", "Pss:") for pid in pids))
                single = max([single, *(_memory_mb(pid, "status", "VmRSS:") for pid in pids)])
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - start
        said.seek(0)
        output = said.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    manifest = next(out.glob(".*.json"), None)
    return Measured(wall, total, single, cpu, BuildState.load(manifest) if manifest else BuildState(), output)


def cli_build(inputs: Path, out: Path, *extra: str) -> Measured:
    return run_measured([sys.executable, "-m", "pipeline", "build", str(inputs), "-o", str(out), "--as-of", AS_OF,
                         *extra], out)


# --- synthetic county ------------------------------------------------------------------------------------------

def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def synthetic_templates(folder: Path, lines: int) -> tuple[Path, list[tuple[str, str]]]:
    """A copy of templates/ whose organisation has LINES lines spread over its areas; the (line, area name) pairs."""
    import tomllib
    templates = folder / "templates"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("samples"))
    path = templates / "data" / "organisation.toml"
    organisation = tomllib.loads(path.read_text(encoding="utf-8"))
    areas = organisation["areas"]
    codes = [f"S{n:03d}" for n in range(1, lines + 1)]
    text = [f"{key} = {_toml_string(organisation[key])}" for key in ("name", "short_name", "website")]
    for table, values in organisation.items():          # the organisation's other tables as they are
        if isinstance(values, dict):                     # (decision_bodies: lists of words)
            text += ["", f"[{table}]"] + [f"{key} = " + (f"[{', '.join(map(_toml_string, value))}]"
                                                         if isinstance(value, list) else _toml_string(value))
                                          for key, value in values.items()]
    pairs = []
    for number, area in enumerate(areas):
        own = codes[number::len(areas)]
        pairs += [(code, area["name"]) for code in own]
        text += ["", "[[areas]]", f"code = {_toml_string(area['code'])}", f"name = {_toml_string(area['name'])}",
                 f"lines = [{', '.join(_toml_string(c) for c in own)}]"]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return templates, sorted(pairs)


def _write_line(task: tuple[Path, Path, str, str, str]) -> None:
    from pipeline.catalog import Labels
    from pipeline.intake.writer import write_workbook
    from pipeline.reference import Reference
    from pipeline.samples import load_sample
    from tools.stress import stress_plan

    templates, target, code, area, base = task
    plan = stress_plan(load_sample(base))
    plan.basics = plan.basics.model_copy(update={"line_code": code, "area": area,
                                                  "line_name": f"{plan.basics.line_name} {code}"})
    target.write_bytes(write_workbook(plan, Reference.load(templates), Labels.load("fi", templates)))


def synthetic_county(folder: Path, lines: int) -> tuple[Path, Path]:
    """(templates, input folder) of LINES synthetic lines, written two at a time."""
    from pipeline.samples import sample_codes

    templates, pairs = synthetic_templates(folder, lines)
    inputs = folder / "in"
    inputs.mkdir()
    bases = sample_codes()
    tasks = [(templates, inputs / f"{code}.xlsx", code, area, bases[n % len(bases)])
             for n, (code, area) in enumerate(pairs)]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_write_line, tasks, chunksize=8))
    return templates, inputs


def county_build(templates: Path, inputs: Path, out: Path) -> Measured:
    """The build of the synthetic county, in a fresh process (see `build_in_process`)."""
    return run_measured([sys.executable, "-m", "tools.bench", "--build", str(templates), str(inputs), str(out)],
                        out)


def build_in_process(templates: Path, inputs: Path, out: Path) -> None:
    """What `digiplan build` does, with the given templates (the synthetic organisation)."""
    from pipeline.commands.build import build
    from pipeline.render.context import RenderContext

    ctx = RenderContext.load(dt.datetime.strptime(AS_OF, "%d.%m.%Y").date(), templates)
    run = build([inputs], out, ctx)
    print(json.dumps({"failures": [str(p) for p, _ in run.failures], "valid": sum(r.valid for r in run.results)}))


# --- figures from a manifest -----------------------------------------------------------------------------------

def per_line_ms(state: BuildState, suffix: str) -> float:
    """Mean time of a line's deliverable of SUFFIX (a line's own files have their workbook as owner)."""
    times = [r.seconds for name, r in state.outputs.items() if r.owner and name.endswith(suffix)]
    return statistics.mean(times) * 1000 if times else float("nan")


def read_ms(state: BuildState) -> float:
    times = [r.seconds for r in state.inputs.values()]
    return statistics.mean(times) * 1000 if times else float("nan")


def combined(state: BuildState) -> dict[str, float]:
    """Seconds of each combined deliverable (not the reports or packages)."""
    return {name: r.seconds for name, r in sorted(state.outputs.items())
            if not r.owner and name.endswith((".docx", ".pptx", ".xlsx"))}
