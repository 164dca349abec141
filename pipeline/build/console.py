"""What a build shows as it goes (a bar on a terminal, a line per file otherwise) and the table at its end.

Words come from templates/labels/build.fi.toml. The build core calls `phase` and `step` (the `Progress` protocol of
pipeline/build/outcome.py, which `Progress` here implements); it never prints, and never imports this module.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import TextIO

from pipeline.build.outcome import BuildRun, Row
from pipeline.catalog import Labels
from pipeline.words import Words

REDRAW_SECONDS = 0.1            # a terminal bar is drawn at most this often (and at the end of each phase)
BAR_WIDTH = 24


class Progress:
    """Progress of a build on STREAM: a bar redrawn in place when STREAM is a terminal, plain lines otherwise."""

    def __init__(self, labels: Labels, stream: TextIO) -> None:
        self.labels = labels
        self.stream = stream
        self.tty = stream.isatty()
        self._phase = ""
        self._total = self._done = 0
        self._drawn = 0.0

    def phase(self, name: str, total: int) -> None:
        """A phase of TOTAL steps begins (read, render, pdf, package)."""
        self._end_bar()
        self._phase, self._total, self._done = self.labels.get(f"build.phases.{name}"), total, 0
        if self.tty:
            self._draw("", force=True)
        else:
            self._line(self.labels.get("build.progress.phase", phase=self._phase, total=total))

    def step(self, item: str, outcome: str, seconds: float = 0.0) -> None:
        """One step of the phase done: ITEM (a file) with its OUTCOME (read, written, unchanged, failed)."""
        self._done += 1
        if self.tty:
            self._draw(item, force=self._done == self._total)
        else:
            self._line(self.labels.get("build.progress.step", done=self._done, total=self._total, item=item,
                                       outcome=self.labels.get(f"build.outcomes.{outcome}")))

    def close(self) -> None:
        self._end_bar()

    def _end_bar(self) -> None:
        if self.tty and self._phase:
            self._draw("", force=True)
            self.stream.write("\n")
            self.stream.flush()
            self._phase = ""

    def _draw(self, item: str, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        filled = BAR_WIDTH * self._done // self._total if self._total else BAR_WIDTH
        bar = (self.labels.get("build.progress.bar_full") * filled
               + self.labels.get("build.progress.bar_empty") * (BAR_WIDTH - filled))
        text = self.labels.get("build.progress.bar", phase=self._phase, bar=bar, done=self._done, total=self._total,
                               item=item)
        width = shutil.get_terminal_size((100, 24)).columns - 1
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def _files(row: Row, labels: Labels) -> str:
    parts = [labels.get(f"build.table.{kind}", count=count)
             for kind, count in (("written", row.written), ("unchanged", row.unchanged)) if count]
    return ", ".join(parts) or labels.get("build.table.none")


def end_table(rows: list[Row], labels: Labels) -> list[str]:
    """The table as lines: line, status, errors, warnings, completeness, files written or unchanged."""
    none = labels.get("build.table.none")
    header = [labels.get(f"build.table.{key}")
              for key in ("line", "status", "errors", "warnings", "completeness", "files")]
    body = [[row.line or labels.get("build.table.combined"),
             labels.get(f"report.{row.status}") if row.status else "",
             none if row.errors is None else str(row.errors),
             none if row.warnings is None else str(row.warnings),
             Words(labels).percent(row.completeness) or none,
             _files(row, labels)] for row in rows]
    widths = [max(len(cells[n]) for cells in [header, *body]) for n in range(len(header))]
    right = (False, False, True, True, True, False)

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True))

    return [line(header).rstrip(), "  ".join("-" * w for w in widths), *(line(cells).rstrip() for cells in body)]


def _problems(run: BuildRun, labels: Labels) -> list[tuple[str, bool]]:
    """Each workbook's errors and its warnings about the workbook as a whole (which of two is used), then the files
    of the input folders that were not read."""
    # deferred: the report loads the schema, which a build with nothing to do never needs
    from pipeline.report import problem_line, shown_in_summary, skipped_line, workbook_line
    said: list[tuple[str, bool]] = []
    for result in run.results:
        shown = [p for p in result.problems if shown_in_summary(p)]
        if shown:
            said.append((workbook_line(result, labels), False))
            said += [(problem_line(problem, labels), False) for problem in shown]
    return said + [(skipped_line(problem, labels), False) for problem in run.skipped]


def build_summary(run: BuildRun, labels: Labels, report: Path, folder: Path) -> list[tuple[str, bool]]:
    """What a build says when it ends, as (line, to standard error): each invalid workbook's errors, what could
    not be made, then the end table, the totals and the report's path."""
    said: list[tuple[str, bool]] = []
    if run.results or run.skipped:         # a build that changed nothing reads nothing and imports no report
        said += _problems(run, labels)
    said += [(labels.get("build.messages.failed", path=path, detail=detail), True) for path, detail in run.failures]
    said += [(labels.get("build.messages.locked", path=path), True) for path in run.locked]
    if run.pdf_unavailable:
        reason, detail = run.pdf_unavailable
        said.append((labels.get("build.messages.pdf_unavailable",
                                reason=labels.get(f"build.pdf_reasons.{reason}", detail=detail)), True))
    if run.pdfs_removed:
        said.append((labels.get("build.messages.pdf_removed", count=run.pdfs_removed), False))
    if run.interrupted:
        return [*said, (labels.get("build.messages.interrupted"), True)]
    if run.nothing_changed:
        said.append((labels.get("build.messages.nothing_changed"), False))
    said += [(line, False) for line in end_table(run.rows, labels)]
    lines = [row for row in run.rows if row.status]
    valid = sum(1 for row in lines if row.status == "valid")
    said.append((labels.get("report.summary", total=len(lines), valid=valid, invalid=len(lines) - valid), False))
    if run.areas_without_plan:
        said.append((labels.get("report.areas_without_plan", areas="; ".join(run.areas_without_plan)), False))
    if not run.nothing_changed:
        said.append((labels.get("build.messages.done", written=len(run.written), unchanged=len(run.unchanged),
                                folder=folder), False))
    said.append((labels.get("report.report_file", path=report), False))
    return said
