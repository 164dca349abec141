"""Small text helpers shared by the Word plan's context builders: labels of the `word` namespace, empty values."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pipeline.formatting import fi_date, fi_number, quantity
from pipeline.render.context import RenderContext
from pipeline.schema import LinePlan
from pipeline.words import Words


class WordText:
    """Wording for one render: `word.*` labels, enum names, channel names, dates and numbers in Finnish."""

    def __init__(self, plan: LinePlan, ctx: RenderContext) -> None:
        self.plan = plan
        self.ctx = ctx
        self.view = ctx.view(plan)
        self.labels = ctx.labels
        self.words = Words(ctx.labels)

    def __call__(self, key: str, **values: Any) -> str:
        return self.labels.get(f"word.{key}", **values)

    @property
    def dash(self) -> str:
        return self("empty")

    def cell(self, value: Any) -> str:
        """A table cell: the value as text, or a dash when empty."""
        return self.text(value) or self.dash

    def text(self, value: Any) -> str:
        """Any value as display text: enums by name, dates d.m.yyyy, numbers Finnish; '' for empty."""
        if value is None:
            return ""
        if isinstance(value, Enum):
            return self.labels.enum(value)
        if isinstance(value, dt.date):
            return fi_date(value)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)):
            return fi_number(value)
        return str(value).strip()

    def channel(self, code: str) -> str:
        return self.view.channel_name(code)

    def service(self, service_id: str) -> str:
        return self.view.service_name(service_id)

    def system(self, system_id: str) -> str:
        return self.view.system_name(system_id)

    def joined(self, parts: list[str]) -> str:
        return self.words.join(parts)

    def quantity(self, value: float | None, unit: str) -> str:
        """'25 min', or '' when the value is missing."""
        return quantity(value, unit)

    def span(self, start: dt.date | None, end: dt.date | None) -> str:
        if start and end and end != start:
            return self("date_range", start=fi_date(start), end=fi_date(end))
        return fi_date(start or end)

    def fields(self, pairs: list[tuple[str, Any]]) -> list[dict[str, str]]:
        """Label/value pairs for a 'Label: value' paragraph list, empty values left out."""
        rows = [{"label": self(f"fields.{key}"), "value": self.text(value)} for key, value in pairs]
        return [r for r in rows if r["value"]]
