"""The suite's own accounting, summed over the xdist workers in the run's shared folder: each test's wall and CPU
time (its process and the children it waited for, LibreOffice among them), the documents rendered, the builds run
and the LibreOffice calls. The main process prints one line at the end; DIGIPLAN_TEST_SLOWEST=N adds the N tests
that took the most CPU (the machine may be shared: CPU seconds compare between runs where wall seconds do not)."""
from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

SLOWEST = "DIGIPLAN_TEST_SLOWEST"
FOLDER: Path | None = None        # the run's shared folder (tests/conftest.py makes it in the main process)


def cpu(children: bool = True) -> float:
    """CPU seconds of this process and (unless CHILDREN is false) of the children it has waited for."""
    t = os.times()
    return t.user + t.system + (t.children_user + t.children_system if children else 0.0)


def log(folder: Path | None, name: str, *fields: object) -> None:
    """One tab-separated line in the run's log NAME (appends are atomic for lines this short)."""
    if folder is not None:
        with open(folder / f"{name}.log", "a", encoding="utf-8") as out:
            out.write("\t".join(map(str, fields)) + "\n")


def read(folder: Path, name: str) -> list[list[str]]:
    path = folder / f"{name}.log"
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


class Clock:
    """Times one test (setup, call and teardown: a module fixture's work is charged to the first test using it)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.monotonic(), cpu()

    def stop(self, folder: Path | None, nodeid: str) -> None:
        log(folder, "tests", f"{time.monotonic() - self.wall:.2f}", f"{cpu() - self.cpu:.2f}", nodeid)


def summary(folder: Path | None, started: float) -> list[str]:
    """The lines the main process prints at the end of the run."""
    if folder is None:
        return []
    calls = read(folder, "calls")
    seconds, files = sum(float(c[0]) for c in calls), sum(int(c[1]) for c in calls)
    workers = read(folder, "workers")
    used = ", ".join(f"{w[0]} {float(w[2]):.0f} s" + (f" ending at {float(w[1]):.0f} s" if w[0] != "main" else "")
                     for w in sorted(workers))
    made = Counter(kind for kind, *_ in read(folder, "rendered"))
    builds = len(read(folder, "builds"))
    lines = [f"Test run: {time.monotonic() - started:.0f} s; CPU: {sum(float(w[2]) for w in workers):.0f} s "
             f"({used}); LibreOffice: {len(calls)} soffice call(s), {files} files, {seconds:.0f} s; "
             f"builds: {builds}; rendered: {sum(made.values())} ({', '.join(f'{k} {n}' for k, n in made.items())})"]
    count = int(os.environ.get(SLOWEST) or 0)
    tests = read(folder, "tests")
    files: Counter[str] = Counter()
    for _, cpu_s, nodeid in tests:
        files[nodeid.split("::")[0]] += float(cpu_s)
    lines += [f"{cpu_s:7.1f} s CPU  {name}" for name, cpu_s in files.most_common(count)]
    if count:
        per_file = Counter(b[0] for b in read(folder, "builds"))
        lines.append("builds: " + ", ".join(f"{name} {n}" for name, n in per_file.most_common()))
        lines += [f"{float(c[0]):7.1f} s soffice: {c[1]} file(s) to {c[2]} ({c[3] if len(c) > 3 else ''})"
                  for c in calls]
    slowest = sorted(tests, key=lambda t: -float(t[1]))[:count]
    lines += [f"{float(cpu_s):7.1f} s CPU {float(wall):7.1f} s  {nodeid}" for wall, cpu_s, nodeid in slowest]
    return lines
