"""What every renderer receives besides the plan: reference data, labels, the build date, the templates folder."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.catalog import Labels
from pipeline.paths import TEMPLATES
from pipeline.reference import Reference

if TYPE_CHECKING:                       # imported when used: a build with nothing to do never loads the schema
    from pipeline.schema import LinePlan
    from pipeline.view.changes import Comparison
    from pipeline.view.line import LineView


@dataclass(frozen=True)
class RenderContext:
    reference: Reference
    labels: Labels
    as_of: dt.date                      # "today" of the build: overdue tasks, the build-date marker
    templates: Path = field(default=TEMPLATES)
    changes: Comparison | None = None   # what changed since the earlier build (a build's documents; None: not shown)

    @classmethod
    def load(cls, as_of: dt.date | None = None, templates: Path = TEMPLATES, language: str = "fi") -> RenderContext:
        return cls(Reference.load(templates), Labels.load(language, templates), as_of or dt.date.today(), templates)

    def view(self, plan: LinePlan) -> LineView:
        """The shared view of PLAN that every renderer reads (names, orderings, totals)."""
        from pipeline.view.line import LineView  # deferred: the schema (see TYPE_CHECKING above)
        return LineView(plan, self.reference, self.as_of)
