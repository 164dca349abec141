"""Packages for leadership: one .zip per service area and one for the county, with a list of contents in each.

An area's package holds its lines' plans and decks, the area's own documents and their PDF copies when made; the
county's package holds the county documents, the county workbook and every area's package. Each package lists
every file in it with the workbook it is made from, that workbook's hash (SHA-256) and the build date. Paths in a
package are the paths under the output folder. Same files, same bytes: entries are sorted and carry a fixed time.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.officefiles import FIXED_ZIP_TIME

# Office files, PDFs and zips are compressed already: stored as they are, a package is made in a fraction of the time.
STORED = (".docx", ".pptx", ".xlsx", ".pdf", ".zip")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Member:
    name: str                       # its path in the package (and under the output folder)
    path: Path                      # the file on disk
    sources: tuple[Path, ...]       # the workbooks it is made from


def contents_list(members: list[Member], hashes: dict[Path, str], as_of: dt.date, labels: Labels) -> bytes:
    """The package's list of contents as CSV (semicolons, UTF-8 with a byte order mark: opens in Excel as such):
    one row per file and source workbook."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([labels.get(f"build.package.{key}") for key in ("file", "source", "source_hash", "date")])
    for member in sorted(members, key=lambda m: m.name):
        for source in sorted(member.sources, key=lambda s: (s.name, str(s))):
            writer.writerow([member.name, source.name, hashes[source], fi_date(as_of)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_package(target: Path, members: list[Member], list_name: str, hashes: dict[Path, str], as_of: dt.date,
                  labels: Labels) -> None:
    """The .zip of MEMBERS, with their list of contents (LIST_NAME) first, written to TARGET file by file (a county
    package holds every document: never all of it in memory)."""
    with zipfile.ZipFile(target, "w") as package:
        package.writestr(_info(list_name), contents_list(members, hashes, as_of, labels))
        for member in sorted(members, key=lambda m: m.name):
            with member.path.open("rb") as source, package.open(_info(member.name), "w") as entry:
                shutil.copyfileobj(source, entry, CHUNK)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
