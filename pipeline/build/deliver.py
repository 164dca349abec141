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

from pipeline.build.incremental import temporary_beside
from pipeline.build.packages import Member, readme_context, render_readme, sources_list, write_package
from pipeline.build.pdf.pool import OfficePool, Request, Result
from pipeline.build.pdf.session import ConversionFailed, OfficeUnavailable

if TYPE_CHECKING:
    from pipeline.build.stages import Builder, Job

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
    from pipeline.build.pdf.contents import with_page_numbers

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
    try:
        if job.path.suffix == ".docx":
            data = (root / name).read_bytes()
            numbered = with_page_numbers(data, result.contents or [])
            if numbered != data:
                ledger.rewrite(name, numbered)
        outcome = ledger.put_file(pdf_name, temporary, document.rendered, document.owner, seconds)
    except OSError:                     # the PDF (or its document) open elsewhere or read-only: the old one stays
        temporary.unlink(missing_ok=True)
        builder.outcome.locked.append(root / pdf_name)
        builder.progress.step(pdf_name, "failed", seconds)
        return False
    builder.progress.step(pdf_name, outcome, seconds)
    return True


def make_packages(builder: Builder, office: OfficePool | None, pdf: bool) -> OfficePool | None:
    """One package per recipient: each service area's (its lines' and its own documents, with their PDF copies)
    and the county's (its documents, the county workbook, every area's and every line's documents), in plain
    folders, each with its readme and list of sources. With PDF the readme gets a PDF copy too (LibreOffice is
    started for it when no document needed one). Returns the LibreOffice session, to be closed by the caller."""
    groups: dict[str, list[Job]] = {}
    for job in builder.jobs:
        if job.package is not None and builder.name(job.path) in builder.ledger.new.outputs:
            groups.setdefault(job.package, []).append(job)
    areas = {area.code: area for area in builder.ctx.reference.organisation.areas}
    order = list(areas)
    codes = sorted((code for code in groups if code), key=lambda c: (c not in order, order.index(c) if c in order
                                                                     else 0, c))
    builder.progress.phase("package", len(codes) + 1)
    if pdf and office is None:
        try:
            office = OfficePool(1)
        except OfficeUnavailable:
            office = None
    everything = _members(builder, groups.get("", []))
    for code in codes:
        members = _members(builder, groups[code])
        everything += members
        name = areas[code].name if code in areas else code
        _package(builder, builder.layout.area_package(code), members, f"{name} ({code})", office)
    _package(builder, builder.layout.county_package(), everything, builder.ctx.reference.organisation.name, office)
    return office


def _members(builder: Builder, jobs: list[Job]) -> list[Member]:
    from pipeline.build.packages import LINE

    root, outputs, layout = builder.layout.root, builder.ledger.new.outputs, builder.layout
    folders = layout.package_folders()
    reference = builder.ctx.reference
    areas = {area.code: area.name for area in reference.organisation.areas}
    members = []
    for job in jobs:
        for path in (job.path, layout.pdf(job.path)):
            name = builder.name(path)
            if name not in outputs:
                continue
            if job.kind == LINE:
                inside, code = f"{folders['lines']}/{name}", path.parent.name
                title = reference.line_name(code) or job.title
            elif job.package:
                inside, code, title = name, job.package, areas.get(job.package, job.package)
            else:
                inside, code, title = f"{folders['county']}/{path.name}", "", ""
            members.append(Member(inside, root / name, job.provenance, job.kind, code, title))
    return members


def _package(builder: Builder, path: Path, members: list[Member], title: str, office: OfficePool | None) -> bool:
    from pipeline.build.incremental import temporary_beside

    ledger, name, ctx, layout = builder.ledger, builder.name(path), builder.ctx, builder.layout
    temporary = temporary_beside(path)
    start = time.perf_counter()
    try:
        readme = render_readme(readme_context(title, members, layout.package_folders(), layout.package_sources(),
                                              ctx.as_of, ctx.labels), ctx)
        extras = {f"{layout.package_readme()}.docx": readme,
                  layout.package_sources(): sources_list(members, builder.hashes, ctx.as_of, ctx.labels)}
        if office is not None:
            extras[f"{layout.package_readme()}.pdf"] = _readme_pdf(office, readme)
        write_package(temporary, members, extras, ctx.as_of)
        outcome = ledger.put_file(name, temporary, "", "", time.perf_counter() - start)
    except OSError:                     # open elsewhere or read-only: the old package stays
        temporary.unlink(missing_ok=True)
        builder.outcome.locked.append(path)
        builder.progress.step(name, "failed")
        return False
    except (ConversionFailed, OfficeUnavailable) as error:
        temporary.unlink(missing_ok=True)
        builder.outcome.failures.append((path, f"{type(error).__name__}: {error}"))
        builder.progress.step(name, "failed")
        return False
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    builder.progress.step(name, outcome, time.perf_counter() - start)
    return True


def _readme_pdf(office: OfficePool, readme: bytes) -> bytes:
    """The readme's PDF copy, made by LibreOffice in a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="digiplan-") as folder:
        source, target = Path(folder) / "readme.docx", Path(folder) / "readme.pdf"
        source.write_bytes(readme)
        [result] = list(office.convert_all([Request("readme", source, target, False)]))
        if result.failure is not None:
            raise result.failure
        if result.unavailable is not None:
            raise result.unavailable
        return target.read_bytes()
