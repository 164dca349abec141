"""The yardstick: pandoc writing the same number of plans' text as .docx, two at a time (the build's two cores).

A plan's text is every text of its workbook, in sheet order, as Markdown: a heading per sheet and per item, a
paragraph per field. pandoc does no layout, tables, pictures or validation: it is the floor of "writing a Word file
from the plan", not an equal.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pipeline.schema import LinePlan


def available() -> bool:
    return shutil.which("pandoc") is not None


def _markdown(value: Any, level: int, title: str) -> list[str]:
    if isinstance(value, dict):
        out = [f"{'#' * min(level, 6)} {title}", ""] if title else []
        for key, item in value.items():
            out += _markdown(item, level + 1, key)
        return out
    if isinstance(value, list):
        out = [f"{'#' * min(level, 6)} {title}", ""]
        for n, item in enumerate(value, start=1):
            out += _markdown(item, level + 1, f"{title} {n}")
        return out
    if value in (None, ""):
        return []
    return [f"**{title}:** {value}", ""]


def plan_text(plan: LinePlan) -> str:
    return "\n".join(_markdown(plan.model_dump(mode="json"), 1, ""))


def pandoc_seconds(plans: list[LinePlan]) -> float:
    """Wall time for pandoc to write every plan of PLANS as .docx, two at a time."""
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for n, plan in enumerate(plans):
            source = Path(folder) / f"plan{n}.md"
            source.write_text(plan_text(plan), encoding="utf-8")
            sources.append(source)

        def convert(source: Path) -> None:
            subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(source.with_suffix(".docx")),
                            str(source)], check=True)

        start = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(convert, sources))
        return time.perf_counter() - start
