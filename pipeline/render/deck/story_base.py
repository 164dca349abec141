"""What every slide of the change story is written with: the plan, its view and the catalogue's words."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.render.context import RenderContext
from pipeline.render.deck.specs import clean
from pipeline.schema import LinePlan
from pipeline.view.line import LineView
from pipeline.words import Words


@dataclass
class StoryBase:
    plan: LinePlan
    ctx: RenderContext
    view: LineView = field(init=False)

    def __post_init__(self) -> None:
        self.view = self.ctx.view(self.plan)
        self.words = Words(self.ctx.labels)

    # -- helpers ----------------------------------------------------------------------------------------------------
    def t(self, key: str, **values) -> str:
        return self.ctx.labels.get(f"deck.{key}", **values)

    def talk(self, key: str, **values) -> str:
        """A speaker note said as the talk (overview.talk: full sentences, no instructions to the presenter)."""
        return self.ctx.labels.get(f"overview.talk.{key}", **values)

    def headers(self, key: str) -> list[str]:
        return list(self.ctx.labels.node(f"deck.{key}"))

    def channel(self, code: str) -> str:
        return self.view.channel_name(code)

    def enum(self, value) -> str:
        return self.ctx.labels.enum(value) if value is not None else ""

    def join(self, values) -> str:
        texts = (clean(v).replace("\n", " ").rstrip(" .") for v in values)
        unique = list(dict.fromkeys(text for text in texts if text))
        return self.t("list_separator").join(unique) or self.t("no_value")

    def more(self, count: int, chapter: str) -> str:
        return self.t("more", count=count, chapter=self.t(chapter), file=self.plan_file)

    @property
    def plan_file(self) -> str:
        """The line's Word plan as its file is named (the cross-references' target)."""
        return self.ctx.labels.get("output.word_plan", code=self.view.code)

    @property
    def date(self) -> dt.date:
        return self.view.version_date

    @property
    def line(self) -> str:
        return clean(self.view.name) or self.t("no_value")

    def euro(self, value: float | None) -> str:
        return self.words.money_or_missing(value)
