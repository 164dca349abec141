"""Packages for leadership: one .zip per recipient (each service area, the county), opening into plain folders.

A package holds folders, never another zip: the county's documents (and the county workbook) in the county folder,
the areas' documents in the areas folder, each line's documents in its own folder under the lines folder, with
their PDF copies when made. At its top: a one-page "Lue minut" (.docx, and .pdf with --pdf) telling what each file is
and who reads it, and the list of sources (CSV): each file with only the workbooks it is made from, their hashes
(SHA-256) and the as-of date. Every entry is dated with the build's as-of date; entries are sorted: same files,
same bytes.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.render.word.document import Properties, render_docx

if TYPE_CHECKING:
    from pipeline.render.context import RenderContext

# Office files, PDFs and zips are compressed already: stored as they are, a package is made in a fraction of the time.
STORED = (".docx", ".pptx", ".xlsx", ".pdf", ".zip")
CHUNK = 1 << 20
README_TEMPLATE = "readme.docx"
LINE = "line"                       # Member.kind of a line's documents (one row per line in the readme)


@dataclass(frozen=True)
class Member:
    name: str                       # its path in the package (folder / file)
    path: Path                      # the file on disk
    sources: tuple[Path, ...]       # the workbooks it is made from
    kind: str = ""                  # what it is: a key of package.readme.what
    code: str = ""                  # the line's or area's code ("" for the county's files)
    title: str = ""                 # the line's or area's name


def entry_time(as_of: dt.date) -> tuple[int, int, int, int, int, int]:
    """The time every entry of a package carries: the build's as-of date (a zip cannot hold a date before 1980)."""
    return (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)


def sources_list(members: list[Member], hashes: dict[Path, str], as_of: dt.date, labels: Labels) -> bytes:
    """The package's list of sources as CSV (semicolons, UTF-8 with a byte order mark: opens in Excel as such):
    one row per file and workbook it is made from."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([labels.get(f"package.sources.{key}") for key in ("file", "source", "source_hash", "date")])
    for member in sorted(members, key=lambda m: m.name):
        for source in sorted(member.sources, key=lambda s: (s.name, str(s))):
            writer.writerow([member.name, source.name, hashes[source], fi_date(as_of)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def readme_context(package: str, members: list[Member], folders: dict[str, str], sources_name: str,
                   as_of: dt.date, labels: Labels) -> dict[str, Any]:
    """What the readme says: folder by folder (a row naming the folder and what it holds), one row per county or
    area file and one per line's folder (its two documents are named in the introduction); the PDF copies and the
    list of sources in a note each."""
    text = labels.node("package.readme")
    documents = [m for m in members if not m.name.endswith(".pdf")]
    rows: list[dict[str, str]] = []
    for key, folder in folders.items():
        inside = sorted((m for m in documents if m.name.split("/", 1)[0] == folder), key=lambda m: m.name)
        if not inside:
            continue
        rows.append({"folder": f"{folder}/", "file": "", "what": text["folders"][key], "reader": ""})
        seen: set[str] = set()
        for member in inside:
            file = member.name.split("/", 1)[1]
            if member.kind == LINE:
                file = file.split("/", 1)[0] + "/"
                if file in seen:
                    continue
                seen.add(file)
            rows.append({"folder": "", "file": file,
                         "what": text["what"][member.kind].format(code=member.code, name=member.title).strip(),
                         "reader": text["reader"][member.kind]})
    notes = [text["pdf_note"]] if any(m.name.endswith(".pdf") for m in members) else []
    notes.append(text["sources_note"].format(sources=sources_name))
    return {
        "L": {"readme": text["columns"]},
        "doc": {"kicker": text["kicker"], "title": text["title"].format(package=package),
                "intro": text["intro"].format(date=fi_date(as_of)), "notes": notes},
        "files": rows,
    }


def render_readme(context: dict[str, Any], ctx: RenderContext) -> bytes:

    properties = Properties(title=context["doc"]["title"], subject=ctx.labels.get("package.readme.document_title"),
                            author=ctx.reference.organisation.name, date=ctx.as_of)
    return render_docx(ctx, README_TEMPLATE, lambda _pictures, _template: context, properties, contents=False)


def write_package(target: Path, members: list[Member], extras: dict[str, bytes], as_of: dt.date) -> None:
    """The .zip of EXTRAS (name → bytes: the readme and the list of sources, first) and MEMBERS, written to TARGET
    file by file (a county package holds every document: never all of it in memory)."""
    when = entry_time(as_of)
    with zipfile.ZipFile(target, "w") as package:
        for name in sorted(extras):
            package.writestr(_info(name, when), extras[name])
        for member in sorted(members, key=lambda m: m.name):
            with member.path.open("rb") as source, package.open(_info(member.name, when), "w") as entry:
                shutil.copyfileobj(source, entry, CHUNK)


def _info(name: str, when: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
