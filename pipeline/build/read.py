"""The build's read stage: every workbook read in the worker processes, then checked together (one workbook per
line), each one's summary recorded in the ledger for the end table and the next run's quick check."""
from __future__ import annotations

from pathlib import Path

from pipeline.build.incremental import InputRecord, Ledger
from pipeline.build.outcome import Progress
from pipeline.build.readcache import cached_reads
from pipeline.build.workers import Workers, in_worker
from pipeline.intake import guard
from pipeline.intake.load import checked_together, guarded_result, read_guarded, reader
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.paths import shown_name
from pipeline.render.context import RenderContext
from pipeline.report import status_key

_reader: list[guard.Reader] = []            # a worker's long-lived reader, made at its first workbook


def read_workbook(path: Path, ctx: RenderContext) -> IntakeResult:
    """PATH read in a guarded process: in a worker (which has one render context all its life), by its long-lived
    reader; in the build's own process (a small batch), by a process of its own."""
    if not in_worker(ctx):
        return read_guarded(path, ctx.reference, ctx.labels, as_of=ctx.as_of)
    if not _reader:
        _reader.append(reader(ctx.reference, ctx.labels, as_of=ctx.as_of))
    return guarded_result(path, _reader[0].run(path), ctx.labels)


def unread(path: Path, error: str, ctx: RenderContext) -> IntakeResult:
    """A workbook whose reading failed for a reason of the program's own: reported as unreadable."""
    labels = ctx.labels
    return IntakeResult(path, None, [Problem("read.failed", Severity.ERROR, shown_name(path),
                                             message=labels.get("build.messages.read_failed", detail=error),
                                             hint=labels.get("build.messages.read_failed_hint"))])


def read_stage(pool: Workers, files: list[Path], hashes: dict[Path, str], ledger: Ledger, ctx: RenderContext,
               progress: Progress) -> list[IntakeResult]:
    """FILES read (HASHES: their content hashes; an unchanged one's result kept from an earlier build,
    pipeline/build/readcache.py) and checked together, in the order given."""
    progress.phase("read", len(files))
    found: dict[Path, IntakeResult] = {}
    seconds: dict[Path, float] = {}
    for path, result, error, took in cached_reads(pool, read_workbook, files, hashes, ledger.new.fingerprint,
                                                  ledger.force):
        found[path] = result if result is not None else unread(path, error, ctx)
        seconds[path] = took
        progress.step(shown_name(path), "read", took)
    results = checked_together([found[path] for path in files], ctx.labels, ctx.reference)
    for result in results:
        ledger.new.inputs[str(result.path)] = InputRecord(
            hashes[result.path], shown_name(result.path), result.line_code, status_key(result),
            len(result.errors), len(result.warnings),
            result.overall_completeness if result.completeness else None, round(seconds[result.path], 4))
    return results
