"""The sample plans kept in the repository (templates/samples/*.toml), from which input_workbooks/ is generated."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.paths import TEMPLATES
from pipeline.schema import LinePlan


def sample_dir(templates: Path = TEMPLATES) -> Path:
    return templates / "samples"


def sample_codes(templates: Path = TEMPLATES) -> list[str]:
    return sorted(p.stem for p in sample_dir(templates).glob("*.toml"))


_PARSED: dict[tuple[str, int, int], dict[str, Any]] = {}     # a sample file's parsed text, while it stays as it is


def load_sample(code: str, templates: Path = TEMPLATES) -> LinePlan:
    """The sample plan CODE; its file is parsed once per process while it stays the same (a new plan each call)."""
    path = sample_dir(templates) / f"{code}.toml"
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        with path.open("rb") as handle:
            _PARSED[key] = tomllib.load(handle)
    return LinePlan.model_validate(_PARSED[key])
