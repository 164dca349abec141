"""diff: what changed between two versions of one line's workbook, by the same comparison as the build's."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.exceptions import UsageProblem
from pipeline.render.changes_text import ChangeText
from pipeline.render.context import RenderContext
from pipeline.view.changes import Comparison, compare
from pipeline.view.snapshot import snapshot


def workbook_facts(path: Path, ctx: RenderContext) -> dict:
    from pipeline.intake.load import read_intake  # deferred: the reader loads openpyxl
    result = read_intake(path, ctx.reference, ctx.labels, as_of=ctx.as_of)
    if result.plan is None:
        raise UsageProblem(ctx.labels.get("changes.cli.unreadable", file=str(path)))
    return snapshot([ctx.view(result.plan)], ctx.as_of)


def diff_workbooks(old: Path, new: Path, ctx: RenderContext) -> Comparison:
    """The changes from workbook OLD to workbook NEW, both judged at the context's as-of date."""
    before, after = workbook_facts(old, ctx), workbook_facts(new, ctx)
    if len(before["lines"]) == 1 and len(after["lines"]) == 1:        # one line's versions, even if recoded
        before["lines"] = {next(iter(after["lines"])): next(iter(before["lines"].values()))}
    return compare(before, after)


def diff_text(comparison: Comparison, ctx: RenderContext, fmt: str = "text") -> str:
    """The changes as terminal lines, or (FMT json) as a list of objects with the values and the sentence."""
    words = ChangeText(ctx.labels)
    every = [(line, change) for line in comparison.lines for change in line.changes]
    if fmt == "json":
        rows = [{"line": line.code, "kind": change.kind, "subject": change.subject,
                 "old": words.value(change, change.old) if change.old is not None else None,
                 "new": words.value(change, change.new) if change.new is not None else None,
                 "days": change.days, "text": words.sentence(change)} for line, change in every]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    lines = [f"{words.line_heading(line)}" for line in comparison.lines]
    lines += [f"  {words.sentence(change)}" for _, change in every] or [f"  {words('cli.diff_none')}"]
    return "\n".join(lines)
