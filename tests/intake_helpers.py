"""Helpers for intake tests: write a plan to a workbook file and edit it the way a user would."""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from pipeline.intake.writer import write_workbook
from pipeline.samples import load_sample

_WRITTEN: dict[tuple[str, int, int], tuple[object, object, bytes]] = {}    # keeps its reference and labels alive


def write_plan(plan, path: Path, reference, labels) -> Path:
    """PLAN's intake workbook at PATH. The writer's bytes are reproducible, so a plan written before in this process
    (the same plan, reference and labels) is copied instead of written again."""
    key = (plan.model_dump_json(), id(reference), id(labels))
    if key not in _WRITTEN:
        _WRITTEN[key] = (reference, labels, write_workbook(plan, reference, labels))
    path.write_bytes(_WRITTEN[key][2])
    return path


def sample_file(tmp_path: Path, reference, labels, code: str = "NAO") -> Path:
    return write_plan(load_sample(code), tmp_path / f"{code}.xlsx", reference, labels)


def edit(path: Path, change) -> Path:
    """Open PATH with openpyxl, let CHANGE(book) edit it, save it back (the test's own copy)."""
    book = load_workbook(io.BytesIO(path.read_bytes()))
    change(book)
    book.save(path)
    return path


def header_column(sheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value and str(cell.value).rstrip(" *") == header:
            return cell.column
    raise KeyError(header)
