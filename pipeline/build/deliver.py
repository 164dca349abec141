"""After rendering: the PDF copies (one LibreOffice per worker, page numbers written into the Word plans' contents)
and the packages (one per service area, one for the county), each made again only when something in it changed.

A PDF belongs to the document it was made from: it is current while that document renders to the same bytes. A
build without --pdf keeps the current PDF copies and removes those whose document changed (a PDF that no longer
matches its document would tell leadership something the plan does not say).
"""
from __future__ import annotations

import hashlib
import json
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.incremental import Ledger, temporary_beside
from pipeline.build.outcome import COUNTY, BuildRun, Job, Progress
from pipeline.build.packages import LINE, Member, readme_context, render_readme, sources_list, write_package
from pipeline.build.pdf.contents import index_lines
from pipeline.build.pdf.pool import OfficePool, Request, Result
from pipeline.build.pdf.session import OfficeUnavailable
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext
from pipeline.render.word.paging import with_page_numbers

PDF_SUFFIXES = (".docx", ".pptx")         # Word and PowerPoint get PDF copies; the county workbook stays a workbook


def _documents(jobs: list[Job]) -> list[Job]:
    return [job for job in jobs if job.path.suffix in PDF_SUFFIXES and job.package is not None]


def _pdf_name(layout: OutputLayout, job: Job) -> str:
    return layout.relative(layout.pdf(job.path))


def open_office(jobs: list[Job], todo: list[Job], layout: OutputLayout, ledger: Ledger, run: BuildRun,
                started: OfficePool | OfficeUnavailable, workers: int = 1) -> OfficePool | None:
    """The LibreOffice sessions STARTED at the build's start (pipeline/build/pdf/pool.py `start_early`; or why they
    could not start), one per worker up to one per document, when some document of JOBS may need a PDF copy
    (rendered now, TODO, or without a current copy); else None (the caller ends them). Why none could be started
    is noted in RUN when one was needed."""
    rendering = {id(job) for job in todo}
    old = ledger.old
    needed = [job for job in _documents(jobs)
              if ledger.force or id(job) in rendering or layout.relative(job.path) not in old.outputs
              or not old.current(_pdf_name(layout, job), old.outputs[layout.relative(job.path)].rendered,
                                 layout.root)]
    if not needed:
        return None
    if isinstance(started, OfficeUnavailable):
        run.pdf_unavailable = (started.reason, started.detail)
        return None
    started.grow(min(workers, len(needed)))
    return started


class PdfFeed:
    """The PDF copies made while the other documents render: a document whose copy is not current is handed to
    LibreOffice (OFFICE; None: no copies now) as soon as it is written; `pdf_stage` collects them."""

    def __init__(self, office: OfficePool | None, layout: OutputLayout, ledger: Ledger) -> None:
        self.office, self.layout, self.ledger = office, layout, ledger
        self.requests: dict[int, Request[Job]] = {}        # by id(job)

    def order(self, job: Job) -> int:
        """Where JOB goes in the rendering order, before the usual one (combined documents first): with PDF copies
        to make, the documents that get one first, so that LibreOffice starts on them early; of those, a county
        document made before goes last (it hangs on every workbook, and an edit seldom changes it)."""
        if self.office is None:
            return 0
        if job.path.suffix not in PDF_SUFFIXES or job.package is None:
            return 2
        again = job.package == COUNTY and self.layout.relative(job.path) in self.ledger.old.outputs
        return 1 if again else 0

    def rendered(self, job: Job) -> None:
        """JOB's document was written (or found the same): its PDF copy started when it is not current."""
        layout, ledger = self.layout, self.ledger
        record = ledger.new.outputs.get(layout.relative(job.path))
        if (self.office is None or record is None or job.path.suffix not in PDF_SUFFIXES or job.package is None
                or id(job) in self.requests):
            return
        name = _pdf_name(layout, job)
        if not ledger.force and ledger.old.current(name, record.rendered, layout.root):
            return
        request = Request(job, layout.root / layout.relative(job.path), temporary_beside(layout.root / name),
                          job.path.suffix == ".docx")
        self.requests[id(job)] = request
        self.office.submit(request)

    def discard(self) -> None:
        """The PDF copies still being made removed (the build cut short; LibreOffice closed first)."""
        for request in self.requests.values():
            request.target.unlink(missing_ok=True)


def pdf_stage(jobs: list[Job], feed: PdfFeed, wanted: bool, layout: OutputLayout, ledger: Ledger,
              run: BuildRun, progress: Progress) -> None:
    """Every document's PDF copy: kept when current, made with the FEED's LibreOffice (WANTED: --pdf; those
    started while the documents rendered, then the rest), else a stale copy is removed (no --pdf, or no
    LibreOffice)."""
    office = feed.office
    documents = [job for job in _documents(jobs) if layout.relative(job.path) in ledger.new.outputs]
    pending = [job for job in documents
               if not ledger.keep(_pdf_name(layout, job), ledger.new.outputs[layout.relative(job.path)].rendered,
                                  job.owner)]
    if office is None:
        _remove_stale(pending, layout, ledger, run)
        ledger.new.pdf = wanted and not pending
        return
    progress.phase("pdf", len(documents))
    waiting = {id(job) for job in pending}
    for job in documents:
        if id(job) not in waiting:
            progress.step(_pdf_name(layout, job), "unchanged")
    rest = sorted((job for job in pending if id(job) not in feed.requests),
                  key=lambda job: (-(layout.root / layout.relative(job.path)).stat().st_size, str(job.path)))
    for job in rest:
        feed.rendered(job)
    requests = list(feed.requests.values())
    made = 0
    try:
        for result in office.finish():
            if result.unavailable is not None:        # no LibreOffice left for this one: it stays undone
                run.pdf_unavailable = (result.unavailable.reason, result.unavailable.detail)
                _remove_stale([result.item], layout, ledger, run)
                continue
            made += _finish(result, layout, ledger, run, progress)
    finally:
        for request in requests:
            request.target.unlink(missing_ok=True)
    ledger.new.pdf = made == len(pending)


def _remove_stale(jobs: list[Job], layout: OutputLayout, ledger: Ledger, run: BuildRun) -> None:
    """The PDF copies of JOBS that were not made now: an earlier copy (of an earlier document) is removed."""
    root = layout.root
    for job in jobs:
        name = _pdf_name(layout, job)
        if name in ledger.old.outputs and ledger.old.intact(name, root):
            (root / name).unlink()
            run.pdfs_removed += 1


def _finish(result: Result[Job], layout: OutputLayout, ledger: Ledger, run: BuildRun, progress: Progress) -> bool:
    """One converted document: its page numbers written into the Word plan, its PDF copy put in place."""
    job = result.item
    root = layout.root
    name, pdf_name = layout.relative(job.path), _pdf_name(layout, job)
    document = ledger.new.outputs[name]
    temporary, seconds = result.request.target, result.seconds
    if result.failure is not None:
        temporary.unlink(missing_ok=True)
        run.failures.append((root / pdf_name, str(result.failure)))
        progress.step(pdf_name, "failed", seconds)
        return False
    try:
        if job.path.suffix == ".docx":
            data = (root / name).read_bytes()
            numbered = with_page_numbers(data, index_lines(result.contents or []))
            if numbered != data:
                ledger.rewrite(name, numbered)
        outcome = ledger.put_file(pdf_name, temporary, document.rendered, document.owner, seconds)
    except OSError:                     # the PDF (or its document) open elsewhere or read-only: the old one stays
        temporary.unlink(missing_ok=True)
        run.locked.append(root / pdf_name)
        progress.step(pdf_name, "failed", seconds)
        return False
    progress.step(pdf_name, outcome, seconds)
    return True


def package_stage(jobs: list[Job], office: OfficePool | None, pdf: bool, layout: OutputLayout, ledger: Ledger,
                  hashes: dict[Path, str], ctx: RenderContext, run: BuildRun,
                  progress: Progress) -> OfficePool | None:
    """One package per recipient: each service area's (its lines' and its own documents, with their PDF copies)
    and the county's (its documents, the county workbook, every area's and every line's documents), in plain
    folders, each with its readme and list of sources. With PDF the readme gets a PDF copy too: the one in the
    earlier package while the readme is the same, else made by LibreOffice, all readmes at once (LibreOffice is
    started for them when no document needed it). Returns the LibreOffice session, to be closed by the caller."""
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        if job.package is not None and layout.relative(job.path) in ledger.new.outputs:
            groups.setdefault(job.package, []).append(job)
    areas = {area.code: area for area in ctx.reference.organisation.areas}
    order = list(areas)
    codes = sorted((code for code in groups if code), key=lambda c: (c not in order, order.index(c) if c in order
                                                                     else 0, c))
    progress.phase("package", len(codes) + 1)
    everything = _members(groups.get("", []), layout, ledger, ctx)
    packages = []
    for code in codes:
        members = _members(groups[code], layout, ledger, ctx)
        everything += members
        name = areas[code].name if code in areas else code
        packages.append((layout.area_package(code), members, f"{name} ({code})"))
    packages.append((layout.county_package(), everything, ctx.reference.organisation.name))
    keys = [_package_key(ledger, layout, members, title, hashes, pdf) for _, members, title in packages]
    todo = []
    for (path, members, title), key in zip(packages, keys, strict=True):
        if ledger.keep(layout.relative(path), key):
            progress.step(layout.relative(path), "unchanged")
        else:
            todo.append((path, members, title, key))
    readmes = [render_readme(readme_context(title, members, layout.package_folders(), layout.package_sources(),
                                            ctx.as_of, ctx.labels), ctx) for _, members, title, _ in todo]
    pdfs: list[bytes | Exception | None] = [None] * len(todo)
    if pdf:
        office, pdfs = _readme_pdfs(office, [path for path, _, _, _ in todo], readmes, layout, ledger)
    package = _Packager(layout, ledger, hashes, ctx, run, progress)
    for (path, members, _, key), readme, readme_pdf in zip(todo, readmes, pdfs, strict=True):
        package.write(path, members, readme, readme_pdf, key if readme_pdf is not None or not pdf else "")
    return office


def _package_key(ledger: Ledger, layout: OutputLayout, members: list[Member], title: str, hashes: dict[Path, str],
                 pdf: bool) -> str:
    """What a package is made of: its members' names and contents (the files as they are now: a Word plan with its
    page numbers), what the readme and the list of sources say of each (what it is, its workbooks and their
    hashes), its title and whether its readme gets a PDF copy; the rest (the date, the language, the folder names,
    the program) is in the build's fingerprint. A package whose key is the same is kept as it is."""
    digest = hashlib.sha256(json.dumps([ledger.new.fingerprint, title, pdf]).encode("utf-8"))
    for member in sorted(members, key=lambda m: m.name):
        record = ledger.new.outputs[layout.relative(member.path)]
        sources = sorted((source.name, hashes[source]) for source in member.sources)
        digest.update(json.dumps([member.name, record.sha256, member.kind, member.code, member.title, sources],
                                 ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def _readme_pdfs(office: OfficePool | None, paths: list[Path], readmes: list[bytes], layout: OutputLayout,
                 ledger: Ledger) -> tuple[OfficePool | None, list[bytes | Exception | None]]:
    """The PDF copy of each readme (READMES, of the packages at PATHS): the earlier package's copy when it holds the
    same readme, the others made by LibreOffice in one go (the sessions side by side); a readme LibreOffice could
    not convert gets the reason, and without LibreOffice a readme gets none. Returns the LibreOffice session
    (started here when none was, and some copy is to be made) with the copies."""
    stem = layout.package_readme()
    found: list[bytes | Exception | None] = [None if ledger.force else _earlier_readme_pdf(path, readme, stem, layout,
                                                                                           ledger)
                                             for path, readme in zip(paths, readmes, strict=True)]
    missing = [n for n, data in enumerate(found) if data is None]
    if not missing:
        if office is not None:
            office.end()                  # no more documents: LibreOffice ends while the packages are written
        return office, found
    if office is None:
        try:
            office = OfficePool(1)
        except OfficeUnavailable:             # no LibreOffice: the packages go without the readmes' PDF copies
            return None, found
    with tempfile.TemporaryDirectory(prefix="digiplan-") as name:
        folder = Path(name)
        requests = []
        for n in missing:
            source = folder / f"readme{n}.docx"
            source.write_bytes(readmes[n])
            requests.append(Request(n, source, folder / f"readme{n}.pdf", False))
        for result in office.convert_all(requests):
            if result.failure is not None or result.unavailable is not None:
                found[result.item] = result.failure or result.unavailable
            else:
                found[result.item] = result.request.target.read_bytes()
    return office, found


def _earlier_readme_pdf(path: Path, readme: bytes, stem: str, layout: OutputLayout, ledger: Ledger) -> bytes | None:
    """The readme PDF in the package this build left at PATH earlier, when that package's readme is README."""
    if not ledger.old.intact(layout.relative(path), layout.root):
        return None
    try:
        with zipfile.ZipFile(path) as earlier:
            if earlier.read(f"{stem}.docx") != readme:
                return None
            return earlier.read(f"{stem}.pdf")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def _members(jobs: list[Job], layout: OutputLayout, ledger: Ledger, ctx: RenderContext) -> list[Member]:
    root, outputs = layout.root, ledger.new.outputs
    folders = layout.package_folders()
    reference = ctx.reference
    areas = {area.code: area.name for area in reference.organisation.areas}
    members = []
    for job in jobs:
        for path in (job.path, layout.pdf(job.path)):
            name = layout.relative(path)
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


@dataclass
class _Packager:
    """What writing a package needs: where (LAYOUT, LEDGER), the workbooks' hashes for the list of sources, the
    context, and the run and progress told of each package."""
    layout: OutputLayout
    ledger: Ledger
    hashes: dict[Path, str]
    ctx: RenderContext
    run: BuildRun
    progress: Progress

    def write(self, path: Path, members: list[Member], readme: bytes, readme_pdf: bytes | Exception | None,
              key: str = "") -> bool:
        """The package at PATH of MEMBERS with the README (and its PDF copy README_PDF, or why it could not be
        made: then the package is not written and the failure noted), recorded with its KEY."""
        ledger, ctx, layout = self.ledger, self.ctx, self.layout
        name = layout.relative(path)
        if isinstance(readme_pdf, Exception):
            self.run.failures.append((path, f"{type(readme_pdf).__name__}: {readme_pdf}"))
            self.progress.step(name, "failed")
            return False
        temporary = temporary_beside(path)
        start = time.perf_counter()
        try:
            extras = {f"{layout.package_readme()}.docx": readme,
                      layout.package_sources(): sources_list(members, self.hashes, ctx.as_of, ctx.labels)}
            if readme_pdf is not None:
                extras[f"{layout.package_readme()}.pdf"] = readme_pdf
            write_package(temporary, members, extras, ctx.as_of)
            outcome = ledger.put_file(name, temporary, key, "", time.perf_counter() - start)
        except OSError:                     # open elsewhere or read-only: the old package stays
            temporary.unlink(missing_ok=True)
            self.run.locked.append(path)
            self.progress.step(name, "failed")
            return False
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        self.progress.step(name, outcome, time.perf_counter() - start)
        return True
