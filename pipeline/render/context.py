"""What every renderer receives besides the plan: reference data, labels, the build date, the templates folder."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.catalog import Labels
from pipeline.paths import TEMPLATES

if TYPE_CHECKING:                       # imported when used: a build with nothing to do never loads the schema
    from pipeline.reference import Reference
    from pipeline.schema import LinePlan
    from pipeline.view.changes import Comparison
    from pipeline.view.line import LineView


class DeferredReference:
    """The reference data of TEMPLATES in LANGUAGE, read when first asked for and then kept: a build with nothing
    to do (answered from its manifest) never reads it, nor imports its pydantic models."""

    def __init__(self, templates: Path, language: str) -> None:
        self.templates = templates
        self.language = language
        self._loaded: Reference | None = None

    def get(self) -> Reference:
        if self._loaded is None:
            from pipeline.reference import Reference  # deferred: pydantic models (see the class's text)
            self._loaded = Reference.load(self.templates, self.language)
        return self._loaded


@dataclass(frozen=True)
class RenderContext:
    source: Reference | DeferredReference   # the reference data, or what reads it when first used (`deferred`)
    labels: Labels
    as_of: dt.date                      # "today" of the build: overdue tasks, the build-date marker
    templates: Path = field(default=TEMPLATES)
    changes: Comparison | None = None   # what changed since the earlier build (a build's documents; None: not shown)

    @property
    def reference(self) -> Reference:
        return self.source.get() if isinstance(self.source, DeferredReference) else self.source

    def read_all(self) -> None:
        """The catalogue and the reference data read whole now (a build with nothing to do never reads them)."""
        self.labels.read_all()
        self.reference  # noqa: B018 — read here, once, before the workers start (forked, they share it)

    @classmethod
    def load(cls, as_of: dt.date | None = None, templates: Path = TEMPLATES, language: str = "fi") -> RenderContext:
        """A context with the catalogue and the reference data of LANGUAGE read now."""
        context = cls.deferred(Labels.load(language, templates), as_of or dt.date.today(), templates)
        context.read_all()
        return context

    @classmethod
    def deferred(cls, labels: Labels, as_of: dt.date, templates: Path = TEMPLATES) -> RenderContext:
        """A context whose reference data (in LABELS' language) is read when a renderer or reader first uses it."""
        return cls(DeferredReference(templates, labels.language), labels, as_of, templates)

    def view(self, plan: LinePlan) -> LineView:
        """The shared view of PLAN that every renderer reads (names, orderings, totals)."""
        from pipeline.view.line import LineView  # deferred: the schema (see TYPE_CHECKING above)
        return LineView(plan, self.reference, self.as_of)
