"""The kit's words: every sentence from the label catalogue (templates/labels/kit.*.toml), filled with a line's facts.

Dates and times are Finnish ("torstaina 20.8.2026 klo 9.00–12.00"); the names of weekdays and months, and how a
span of months is said, come from the catalogue too, so another language needs only its own catalogue."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.catalog import Labels
from pipeline.exceptions import ConfigError
from pipeline.formatting import fi_date, fi_time, quantity
from pipeline.kit.facts import KitFacts, KitWorkshop
from pipeline.reference import Reference

_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


@dataclass(frozen=True)
class AgendaItem:
    item: str
    minutes: int


@dataclass(frozen=True)
class WorkshopTexts:
    """A workshop's own texts (kit.workshops.N): the invitation's topic and goal, the agenda table's goals and
    items, the facilitator's notes, and whether its invitation lists the pre-tasks."""
    topic: str
    goal: str
    goals: list[str]
    agenda: list[AgendaItem]
    notes: list[str]
    pretasks: bool


class KitText:
    def __init__(self, facts: KitFacts, reference: Reference, labels: Labels) -> None:
        self.facts, self.reference, self.labels = facts, reference, labels

    def __call__(self, key: str, **values: Any) -> str:
        return self.labels.get(f"kit.{key}", **values)

    def items(self, key: str) -> list[str]:
        return [str(item) for item in self.labels.node(f"kit.{key}")]

    # -- dates and times -------------------------------------------------------------------------------------------
    def when(self, workshop: KitWorkshop) -> str:
        """'torstaina 20.8.2026 klo 9.00–12.00'."""
        start, end = workshop.start, workshop.end
        return self("when", weekday=self.items("weekdays")[start.weekday()], date=fi_date(start.date()),
                    start=fi_time(start.time()), end=fi_time(end.time()))

    def duration(self, minutes: int) -> str:
        """'15 min', '3 h', '1 h 15 min' (no-break spaces before the units)."""
        hours, rest = divmod(minutes, 60)
        parts = [quantity(hours, self("units.hours"))] if hours else []
        parts += [quantity(rest, self("units.minutes"))] if rest or not hours else []
        return " ".join(parts)

    def period(self) -> str:
        """The months of the workshops: 'elokuussa 2026', 'elo–lokakuussa 2026', 'joulukuusta 2026 helmikuuhun 2027'."""
        months = self.items("months")
        first, last = self.facts.workshops[0].start, self.facts.workshops[-1].start
        if (first.year, first.month) == (last.year, last.month):
            return self("period.same_month", first=months[first.month - 1], year=first.year)
        if first.year == last.year:
            return self("period.same_year", first=months[first.month - 1], last=months[last.month - 1],
                        year=first.year)
        return self("period.years", first=months[first.month - 1], first_year=first.year,
                    last=months[last.month - 1], last_year=last.year)

    # -- blocks ----------------------------------------------------------------------------------------------------
    def bullets(self, items: list[str]) -> str:
        return "\n".join(self("bullet", text=item) for item in items)

    def pretasks(self, intro_key: str) -> str:
        return f"{self(intro_key)}\n{self.bullets(self.items('pretasks'))}"

    def signature(self) -> str:
        return self("signature", own_name=self.facts.facilitator, line_name=self.facts.line_name,
                    organisation=self.reference.organisation.name)

    def workshop_texts(self, number: int) -> WorkshopTexts:
        node = self.labels.node(f"kit.workshops.{number}")
        try:
            return WorkshopTexts(topic=node["topic"], goal=node["goal"], goals=list(node["goals"]),
                                 agenda=[AgendaItem(str(a["item"]), int(a["minutes"])) for a in node["agenda"]],
                                 notes=list(node.get("notes", [])), pretasks=bool(node.get("pretasks", False)))
        except KeyError as missing:
            raise ConfigError(code="key_missing", file=self._file(), key=f"workshops.{number}.{missing.args[0]}",
                              value="") from None
        except (TypeError, ValueError):
            raise ConfigError(code="value_invalid", file=self._file(), key=f"workshops.{number}.agenda",
                              value=repr(node.get("agenda"))) from None

    def _file(self) -> str:
        return f"templates/labels/kit.{self.labels.language}.toml"

    # -- the messages ----------------------------------------------------------------------------------------------
    def _common(self) -> dict[str, str]:
        return {"line_name": self.facts.line_name, "teams_link": self.facts.teams_link,
                "own_name": self.facts.facilitator, "signature": self.signature(),
                "organisation": self.reference.organisation.name}

    def welcome(self) -> Message:
        """The guide's message to a new participant: the workshops with their times, the pre-tasks, the Teams space."""
        workshops = "\n".join(self("welcome.workshop", number=w.number, name=w.name, when=self.when(w))
                              for w in self.facts.workshops)
        body = self("welcome.body", period=self.period(), workshops=workshops,
                    pretasks=self.pretasks("welcome.pretasks_intro"), **self._common())
        return Message(self("welcome.subject", **self._common()), _tidy(body))

    def invitation(self, workshop: KitWorkshop) -> Message:
        """The guide's workshop invitation, every placeholder filled; the pre-tasks where the catalogue asks."""
        texts = self.workshop_texts(workshop.number)
        values = {"number": workshop.number, "name": workshop.name, **self._common()}
        pretasks = self.pretasks("invitation.pretasks_intro") if texts.pretasks else ""
        body = self("invitation.body", topic=texts.topic, goal=texts.goal, when=self.when(workshop),
                    pretasks=pretasks, **values)
        return Message(self("invitation.subject", **values), _tidy(body))


def _tidy(text: str) -> str:
    """One blank line between paragraphs (an empty block leaves none behind), one newline at the end."""
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip() + "\n"
