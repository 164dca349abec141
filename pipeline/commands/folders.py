"""Checking the folders and files a command is told to write to, before anything is read or written: a folder that
cannot be used is a usage error (one Finnish line, exit status 2), never a traceback or a run that writes nothing."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.catalog import Labels
from pipeline.exceptions import UsageProblem
from pipeline.paths import DEFAULT_INPUT, INPUT_FOLDER


def output_folder(path: Path, labels: Labels) -> Path:
    """PATH as a folder that exists and can be written to (created when missing)."""
    if path.exists() and not path.is_dir():
        raise UsageProblem(labels.get("report.folder_is_file", path=path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UsageProblem(labels.get("report.folder_under_file", path=path)) from None
    except OSError:
        raise UsageProblem(labels.get("report.folder_unusable", path=path)) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise UsageProblem(labels.get("report.folder_not_writable", path=path))
    return path


def output_file(path: Path, labels: Labels) -> Path:
    """PATH as a file that can be written: not a folder, in a usable folder."""
    if path.is_dir():
        raise UsageProblem(labels.get("report.file_is_folder", path=path))
    output_folder(path.parent, labels)
    return path


def input_folders(inputs: list[Path]) -> set[Path]:
    """The folders workbooks are read from: the folders given, the folders of the files given, input_workbooks/."""
    folders = {p if p.is_dir() else p.parent for p in inputs} | {DEFAULT_INPUT, INPUT_FOLDER}
    return {f.resolve() for f in folders}


def within_inputs(target: Path, inputs: list[Path]) -> bool:
    """TARGET is a folder workbooks are read from, or under one (subfolders are read too)."""
    resolved = target.resolve()
    folders = input_folders(inputs)
    given = {p.resolve() for p in inputs if p.is_dir()} | {INPUT_FOLDER.resolve()}
    return resolved in folders or any(folder in resolved.parents for folder in given)


def build_apart_from_inputs(target: Path, inputs: list[Path], default: Path, labels: Labels) -> Path:
    """TARGET, refused when workbooks are read from it (or from a folder above it): the county workbook written
    there would be read as a line's workbook by every later build."""
    if within_inputs(target, inputs):
        raise UsageProblem(labels.get("report.build_into_input", path=target, default=default))
    return target


def apart_from_inputs(target: Path, inputs: list[Path], default: Path, labels: Labels) -> Path:
    """TARGET, refused when it is a folder workbooks are read from: a copy written there would be read again."""
    if within_inputs(target, inputs):
        raise UsageProblem(labels.get("report.writes_into_input", path=target, default=default))
    return target
