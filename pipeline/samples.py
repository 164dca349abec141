"""The sample plans kept in the repository (templates/samples/*.toml), from which input_workbooks/ is generated."""
from __future__ import annotations

import tomllib
from pathlib import Path

from pipeline.paths import TEMPLATES
from pipeline.schema import LinePlan


def sample_dir(templates: Path = TEMPLATES) -> Path:
    return templates / "samples"


def sample_codes(templates: Path = TEMPLATES) -> list[str]:
    return sorted(p.stem for p in sample_dir(templates).glob("*.toml"))


def load_sample(code: str, templates: Path = TEMPLATES) -> LinePlan:
    with (sample_dir(templates) / f"{code}.toml").open("rb") as handle:
        return LinePlan.model_validate(tomllib.load(handle))
