"""Values shared by a build's jobs (pipeline/build/shared.py): pickled once into a file, whatever their size or the
number of jobs; read once per worker; resolved in place when rendering in the build's own process; the file gone
with the build's jobs."""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor

from pipeline.build.shared import Part, Shared, resolved

BIG = [f"rivi {n} " * 50 for n in range(20_000)]     # about 7 MB pickled


def _in_worker(part: Part) -> tuple[int, int, str]:
    return os.getpid(), id(part.shared.values), part.get()


def test_a_job_carries_a_reference_not_the_values():
    shared = Shared({"lines": BIG, "names": {"NAO": "Neuvonta"}})
    first, second = pickle.dumps(Part(shared, "lines", 3)), pickle.dumps(Part(shared, "names", "NAO"))
    assert len(first) < 1_000 and len(second) < 1_000
    path = shared._path
    assert path is not None and os.path.getsize(path) > 1_000_000
    assert pickle.loads(second).get() == "Neuvonta"
    assert pickle.loads(first).get() == BIG[3]


def test_each_worker_reads_the_values_once():
    shared = Shared({"codes": ["NAO", "KAT", "EHK"]})
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        done = list(pool.map(_in_worker, [Part(shared, "codes", n) for n in range(3)]))
    assert [value for _, _, value in done] == ["NAO", "KAT", "EHK"]
    assert len({(pid, values) for pid, values, _ in done}) == 1      # one worker, one copy of the values


def test_in_the_build_process_the_values_are_used_as_they_are():
    plans = [object(), object()]
    shared = Shared({"plans": plans})
    render, part = print, Part(shared, "plans", 1)
    assert resolved((render, part, "x")) == (render, plans[1], "x")
    assert shared._path is None                   # nothing pickled, no file


def test_an_attribute_of_an_item():
    shared = Shared({"entries": [complex(1, 2), complex(3, 4)]})
    assert Part(shared, "entries", 1, "imag").get() == 4


def test_the_file_goes_with_the_jobs():
    shared = Shared({"lines": BIG})
    pickle.dumps(Part(shared, "lines"))
    path = shared._path
    assert path is not None and os.path.exists(path)
    del shared
    gc.collect()
    assert not os.path.exists(path)


def _after(parts: list[Part]) -> bool:
    """In a worker: the jobs' arguments resolved in turn; whether the shared values are still kept after."""
    from pipeline.build import shared

    for part in parts:
        resolved((part,) if part is not None else ("oma suunnitelma",))
    return bool(shared._in_worker)


def test_a_worker_lets_the_values_go_once_it_renders_the_lines():
    shared = Shared({"codes": ["NAO", "KAT"]})
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(_after, [Part(shared, "codes", 0)]).result()
        assert not pool.submit(_after, [Part(shared, "codes", 1), None]).result()


def test_a_line_document_needs_no_shared_value(tmp_path):
    """Only the combined documents and the reports use the shared values: a line's documents, hundreds of them,
    would otherwise make every worker read (and keep) every plan."""
    from pipeline.build.jobs import jobs_for
    from pipeline.build.outcome import COUNTY
    from pipeline.intake.load import checked_together, read_intake
    from pipeline.paths import DEFAULT_INPUT, OutputLayout
    from pipeline.render.context import RenderContext
    from pipeline.view.county import collect_lines

    ctx = RenderContext.load()
    results = checked_together([read_intake(path, ctx.reference, ctx.labels) for path in
                                sorted(DEFAULT_INPUT.glob("*.xlsx"))[:2]], ctx.labels, ctx.reference)
    jobs, _ = jobs_for(collect_lines(results, ctx.reference, ctx.as_of), results, [],
                       OutputLayout.of(tmp_path, ctx.labels), ctx, None)
    lines = [job for job in jobs if job.owner]
    combined = [job for job in jobs if job.package is not None and not job.owner]
    assert len(lines) == 4 and {job.package for job in combined} >= {COUNTY}
    assert not any(isinstance(arg, Part) for job in lines for arg in job.args)
    assert all(any(isinstance(arg, Part) for arg in job.args) for job in combined)


def test_a_killed_builds_file_is_removed_by_the_next(tmp_path, monkeypatch):
    import subprocess
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f"digiplan-shared-{gone.stdout.strip()}-abc.pickle"      # its process has ended
    running = tmp_path / f"digiplan-shared-{os.getpid()}-def.pickle"            # a build still running
    left.write_bytes(b"x")
    running.write_bytes(b"x")
    shared = Shared({"codes": ["NAO"]})
    pickle.dumps(Part(shared, "codes"))
    assert not left.exists() and running.exists()
    assert shared._path is not None and shared._path.startswith(str(tmp_path))
