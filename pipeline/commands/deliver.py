"""After rendering: the PDF copies (one LibreOffice per worker, page numbers written into the Word plans' contents)
and the packages (one per service area, one for the county), each made again only when something in it changed.

A PDF belongs to the document it was made from: it is current while that document renders to the same bytes. A
build without --pdf keeps the current PDF copies and removes those whose document changed (a PDF that no longer
matches its document would tell leadership something the plan does not say).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.incremental import temporary_beside
from pipeline.packages import Member, write_package
from pipeline.pdf.pool import OfficePool, Request, Result
from pipeline.pdf.session import OfficeUnavailable

if TYPE_CHECKING:
    from pipeline.commands.build import Builder, Job

PDF_SUFFIXES = (".docx", ".pptx")         # Word and PowerPoint get PDF copies; the county workbook stays a workbook


def _documents(builder: Builder) -> list[Job]:
    return [job for job in builder.jobs if job.path.suffix in PDF_SUFFIXES and job.package is not None]


def _pdf_name(builder: Builder, job: Job) -> str:
    return builder.name(builder.layout.pdf(job.path))


def open_office(builder: Builder, todo: list[Job], workers: int = 1) -> OfficePool | None:
    """LibreOffice, one per worker (at most one per document that may need a PDF copy), started now (they start
    while the documents render) when some PDF copy is to be made."""
    rendering = {id(job) for job in todo}
    old = builder.ledger.old
    needed = [job for job in _documents(builder)
              if builder.ledger.force or id(job) in rendering or builder.name(job.path) not in old.outputs
              or not old.current(_pdf_name(builder, job), old.outputs[builder.name(job.path)].rendered,
                                 builder.layout.root)]
    if not needed:
        return None
    try:
        return OfficePool(min(workers, len(needed)))
    except OfficeUnavailable as unavailable:
        builder.outcome.pdf_unavailable = (unavailable.reason, unavailable.detail)
        return None


def make_pdfs(builder: Builder, office: OfficePool | None, wanted: bool) -> None:
    """Every document's PDF copy: kept when current, made with OFFICE (WANTED: --pdf), else a stale copy is
    removed (no --pdf, or no LibreOffice)."""
    ledger = builder.ledger
    documents = [job for job in _documents(builder) if builder.name(job.path) in ledger.new.outputs]
    pending = [job for job in documents
               if not ledger.keep(_pdf_name(builder, job), ledger.new.outputs[builder.name(job.path)].rendered,
                                  builder.owner(job))]
    if office is None:
        _remove_stale(builder, pending)
        ledger.new.pdf = wanted and not pending
        return
    builder.progress.phase("pdf", len(documents))
    waiting = {id(job) for job in pending}
    for job in documents:
        if id(job) not in waiting:
            builder.progress.step(_pdf_name(builder, job), "unchanged")
    root = builder.layout.root
    requests = [Request(job, root / builder.name(job.path), temporary_beside(root / _pdf_name(builder, job)),
                        job.path.suffix == ".docx") for job in pending]
    made = 0
    try:
        for result in office.convert_all(requests):
            if result.unavailable is not None:        # no LibreOffice left for this one: it stays undone
                builder.outcome.pdf_unavailable = (result.unavailable.reason, result.unavailable.detail)
                _remove_stale(builder, [result.item])
                continue
            made += _finish(builder, result)
    finally:
        for request in requests:
            request.target.unlink(missing_ok=True)
    ledger.new.pdf = made == len(pending)


def _remove_stale(builder: Builder, jobs: list[Job]) -> None:
    """The PDF copies of JOBS that were not made now: an earlier copy (of an earlier document) is removed."""
    ledger, root = builder.ledger, builder.layout.root
    for job in jobs:
        name = _pdf_name(builder, job)
        if name in ledger.old.outputs and ledger.old.intact(name, root):
            (root / name).unlink()
            builder.outcome.pdfs_removed += 1


def _finish(builder: Builder, result: Result[Job]) -> bool:
    """One converted document: its page numbers written into the Word plan, its PDF copy put in place."""
    from pipeline.pdf.contents import with_page_numbers

    job = result.item
    ledger, root = builder.ledger, builder.layout.root
    name, pdf_name = builder.name(job.path), _pdf_name(builder, job)
    document = ledger.new.outputs[name]
    temporary, seconds = result.request.target, result.seconds
    if result.failure is not None:
        temporary.unlink(missing_ok=True)
        builder.outcome.failures.append((root / pdf_name, str(result.failure)))
        builder.progress.step(pdf_name, "failed", seconds)
        return False
    if job.path.suffix == ".docx":
        data = (root / name).read_bytes()
        numbered = with_page_numbers(data, result.contents or [])
        if numbered != data:
            ledger.rewrite(name, numbered)
    outcome = ledger.put_file(pdf_name, temporary, document.rendered, document.owner, seconds)
    builder.progress.step(pdf_name, outcome, seconds)
    return True


def make_packages(builder: Builder) -> None:
    """One package per service area (its lines' and its own documents, with their PDF copies) and the county's
    (its documents, the county workbook and every area's package); each with its list of contents."""
    groups: dict[str, list[Job]] = {}
    for job in builder.jobs:
        if job.package is not None and builder.name(job.path) in builder.ledger.new.outputs:
            groups.setdefault(job.package, []).append(job)
    order = [area.code for area in builder.ctx.reference.organisation.areas]
    areas = sorted((code for code in groups if code), key=lambda c: (c not in order, order.index(c) if c in order
                                                                     else 0, c))
    builder.progress.phase("package", len(areas) + 1)
    county = _members(builder, groups.get("", []))
    for code in areas:
        members = _members(builder, groups[code])
        path = builder.layout.area_package(code)
        if _package(builder, path, members):
            county.append(Member(builder.name(path), path, tuple(sorted({s for m in members for s in m.sources}))))
    _package(builder, builder.layout.county_package(), county)


def _members(builder: Builder, jobs: list[Job]) -> list[Member]:
    root, outputs = builder.layout.root, builder.ledger.new.outputs
    members = []
    for job in jobs:
        for path in (job.path, builder.layout.pdf(job.path)):
            if builder.name(path) in outputs:
                members.append(Member(builder.name(path), root / builder.name(path), job.sources))
    return members


def _package(builder: Builder, path: Path, members: list[Member]) -> bool:
    from pipeline.incremental import temporary_beside

    ledger, name, ctx = builder.ledger, builder.name(path), builder.ctx
    temporary = temporary_beside(path)
    start = time.perf_counter()
    try:
        write_package(temporary, members, builder.layout.package_manifest(), builder.hashes, ctx.as_of, ctx.labels)
        outcome = ledger.put_file(name, temporary, "", "", time.perf_counter() - start)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        builder.outcome.failures.append((path, f"{type(error).__name__}: {error}"))
        builder.progress.step(name, "failed")
        return False
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    builder.progress.step(name, outcome, time.perf_counter() - start)
    return True
