"""build [PATHS]: the folders checked, the workbooks found, then the build stage (pipeline/build/stages.py) —
read, render, PDF copies, packages — into the output folder."""
from __future__ import annotations

from pathlib import Path

from pipeline.build.outcome import BuildRun, Progress
from pipeline.build.stages import run_build
from pipeline.commands.folders import build_apart_from_inputs, output_folder
from pipeline.commands.validate import collect
from pipeline.paths import OUTPUT_FOLDER, OutputLayout
from pipeline.render.context import RenderContext


def build(inputs: list[Path], out_dir: Path, ctx: RenderContext, jobs: int | None = None, *, force: bool = False,
          pdf: bool = False, progress: Progress | None = None, compare_to: str | None = None) -> BuildRun:
    """Build every deliverable from the workbooks of INPUTS into OUT_DIR with JOBS worker processes (see
    `run_build`). A folder that cannot be used, or no workbook to read, is a usage problem."""
    build_apart_from_inputs(out_dir, inputs, OUTPUT_FOLDER, ctx.labels)
    layout = OutputLayout.of(output_folder(out_dir, ctx.labels), ctx.labels)
    files, skipped = collect(inputs, ctx.labels)
    return run_build(files, skipped, layout, ctx, jobs, force=force, pdf=pdf, progress=progress,
                     compare_to=compare_to)
