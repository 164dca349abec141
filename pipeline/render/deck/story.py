"""The change story a director presents in fifteen minutes: one idea per slide, from the line's plan.

Title; the key message and the status lights; the decisions asked; why we change; who it concerns and what they
gain; what changes and what stays, paired per service; the services of each wave; the goals and metrics; the
timeline; the risks; readiness and the legacy systems; resources and costs; the next steps. A slide with too little
to say is merged into its neighbour or left out; the speaker notes are talking points in full sentences.
Nothing here measures or draws (no python-pptx): `build.py` hands these specs to the pager, the chart and the
timeline. The opening slides are here; the follow-up slides (goals to next steps) in story_followup.py."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.formatting import fi_date
from pipeline.render.asked import elsewhere_text, outcomes_text
from pipeline.render.deck.opening import opening_slide
from pipeline.render.deck.specs import Cell, Columns, Cover, Status, Table, clean
from pipeline.render.deck.story_followup import FollowUpSlides
from pipeline.render.opening import opening_text
from pipeline.schema import DeciderLevel, Priority, Service, StoryStage
from pipeline.view.opening import line_opening
from pipeline.words import Words

MIN_WORDS = 30                    # a content slide with fewer words is merged or left out
TWO_WAVE_ROWS = 10                # up to this many services, both waves share one slide
SMALL_LINE = 4                    # up to this many services, their changes and go-lives share one slide


def words(*texts: str) -> int:
    return sum(len(re.findall(r"\w+", t)) for t in texts)


@dataclass
class Story(FollowUpSlides):
    """The whole story: the opening slides here, the follow-up slides in story_followup.py."""

    # -- the story ------------------------------------------------------------------------------------------------
    def slides(self) -> list:
        """Every slide's spec in the story's order; slides with nothing to say are left out."""
        decisions = self.decisions()
        if decisions and len(decisions.rows) <= 2 and words(*(str(c) for r in decisions.rows for c in r)) < MIN_WORDS:
            decisions = None                  # too little for a slide of its own: the status slide says them
        opening = opening_slide(opening_text(line_opening(self.view), DeciderLevel.LINE, self.ctx.labels,
                                             elsewhere=self.view.asked_elsewhere),
                                self.ctx.labels, self.t("decisions.title"))
        out: list = [self.title_slide(), opening, self.status(merge_decisions=decisions is None)]
        out += [decisions] if decisions else []
        services = [self.services_and_changes()] if len(self.plan.services) <= SMALL_LINE else \
            [self.changes(), *self.waves()]
        out += [self.why(), self.people(), *services, self.goals(), self.timeline(), self.risks(), self.readiness(),
                self.money(), self.next_steps()]
        return [spec for spec in out if spec is not None]

    def title_slide(self) -> Cover:
        lines = [self.t("title.subtitle"), clean(self.view.area_name), self.ctx.reference.organisation.name,
                 self.t("title.date", date=fi_date(self.date))]
        notes = self.t("title.notes", line=self.line, area=clean(self.view.area_name) or self.t("no_value"),
                       date=fi_date(self.date), facilitator=clean(self.plan.basics.facilitator) or self.t("no_value"))
        return Cover("title", self.line, [x for x in lines if x], notes)

    # -- status and decisions ---------------------------------------------------------------------------------------
    def decider(self, decision) -> str:
        name = clean(decision.decider_name)
        if decision.decider is DeciderLevel.BODY and name:
            return name
        return self.join([self.enum(decision.decider), name])

    def due(self, decision) -> str:
        due = fi_date(decision.due) or self.t("no_value")
        return self.t("decisions.late", date=due) if self.view.is_late(decision) else due

    def status(self, merge_decisions: bool) -> Status:
        view, style = self.view, self.ctx.reference.document_style.lights
        words = self.words
        message = [view.key_message or self.t("status.no_key_message")]
        if merge_decisions:
            for d in self.view.asks[:2]:
                message.append(self.t("status.one_decision", decision=clean(d.decision).rstrip("."),
                                      decider=self.decider(d), due=self.due(d)))
        rows: list[list[str | Cell]] = []
        for s in view.lights:
            rows.append([words.dimension(s.dimension), Cell(words.light_or_unassessed(s.light),
                                                            Words.light_colour(s.light, style)),
                         s.reason or self.t("no_value")])
        lights = Table(self.t("status.title"), self.headers("status.headers"), [2.0, 1.6, 8.4], rows, "")
        notes = " ".join([self.status_notes(), *(self.elsewhere_notes() if merge_decisions else [])])
        return Status(self.t("status.title"), message, lights, notes)

    def status_notes(self) -> str:
        view = self.view
        notes = [self.t("status.notes_message", message=view.key_message) if view.key_message
                 else self.talk("no_message")]
        overall = view.lights[0]
        if overall.light:
            notes.append(self.t("status.notes_overall", light=self.enum(overall.light).lower(),
                                reason=overall.reason or self.t("no_value")))
        attention = [s for s in view.lights[1:] if s.light and s.light.value != "green"]
        if attention:
            notes.append(self.talk("attention", items=self.t("list_separator").join(
                self.t("status.attention_item", dimension=self.words.dimension(
                    s.dimension), light=self.enum(s.light).lower(),
                    reason=s.reason.rstrip(".")) for s in attention)))
        elif all(s.light for s in view.lights):
            notes.append(self.t("status.notes_all_green"))
        else:
            notes.append(self.talk("not_assessed"))
        if not view.has_costs:
            notes.append(self.t("status.notes_costs_missing"))
        return " ".join(notes)

    def elsewhere_notes(self) -> list[str]:
        """What the line asks at the area and county level, and what is already settled."""
        labels = self.ctx.labels
        return [t for t in (elsewhere_text(self.view.asked_elsewhere, labels),
                            outcomes_text(self.view.outcomes, labels)) if t]

    def decisions(self) -> Table | None:
        """The decisions asked, waiting first by date; None when there are fewer than two (the status slide says
        the one there is)."""
        asked = self.view.asks
        if len(asked) < 2:
            return None
        rows: list[list[str | Cell]] = [[d.decision, self.decider(d), self.due(d), self.enum(d.status), d.notes]
                                        for d in asked]
        first = asked[0]
        if first.due:
            notes = [self.t("decisions.notes", count=len(asked), first=clean(first.decision).rstrip("."),
                            due=fi_date(first.due), decider=self.decider(first))]
        else:
            notes = [self.t("decisions.notes_undated", count=len(asked))]
        late = [clean(d.decision).rstrip(".") for d in asked if self.view.is_late(d)]
        if late:
            notes.append(self.talk("decisions_late", count=len(late), items="; ".join(late)))
        notes += self.elsewhere_notes()
        return Table(self.t("decisions.title"), self.headers("decisions.headers"), [4.2, 2.2, 1.7, 1.3, 3.2], rows,
                     " ".join(notes), self.more(len(rows), "decisions.chapter"))

    # -- why, who, what changes ------------------------------------------------------------------------------------
    def why(self) -> Columns | None:
        texts = {stage: [s.text for s in self.plan.story if s.stage == stage and clean(s.text)]
                 for stage in StoryStage}
        if not any(texts.values()):
            return None
        items = [[[(x, False)] for x in texts[stage]] for stage in (StoryStage.BEFORE, StoryStage.CHANGES,
                                                                    StoryStage.DRIVERS)]
        notes = [self.talk("story")]
        if texts[StoryStage.DRIVERS]:
            notes.append(self.t("why.notes_driver", driver=clean(texts[StoryStage.DRIVERS][0])))
        return Columns(self.t("why.title"), [self.t("why.before"), self.t("why.changes"), self.t("why.drivers")],
                       items, " ".join(notes), self.more(sum(len(v) for v in texts.values()), "changes.chapter"))

    def _grouped(self, group_field: str, value_field: str) -> list[list[tuple[str, bool]]]:
        """One bullet per group of people (near-duplicate names merged), with the distinct values services give."""
        groups: dict[frozenset[str], tuple[str, list[str]]] = {}
        for service in self.view.services_in_order:
            group, value = clean(getattr(service, group_field)), clean(getattr(service, value_field))
            if not group or not value:
                continue
            key = _group_key(group)
            name, values = groups.setdefault(key, (group, []))
            if value not in values:
                values.append(value)
        ordered = sorted(groups.values(), key=lambda g: -len(g[1]))
        return [[(f"{name}: ", True), (" ".join(_sentence(v) for v in values), False)] for name, values in ordered]

    def people(self) -> Columns | None:
        customers = self._grouped("customer_groups", "customer_value")
        professionals = self._grouped("professionals", "professional_values")
        if not customers and not professionals:
            return None
        notes = [self.talk("who", customers=self.join(g[0][0].rstrip(": ") for g in customers[:3]),
                        professionals=self.join(g[0][0].rstrip(": ") for g in professionals[:3]))]
        use_case = next((clean(s.use_case) for s in self.view.services_in_order if clean(s.use_case)), "")
        if use_case:
            notes.append(self.t("people.notes_example", use_case=use_case.replace("\n", " ")))
        return Columns(self.t("people.title"), [self.t("people.customers"), self.t("people.professionals")],
                       [customers, professionals], " ".join(notes),
                       self.more(len(customers) + len(professionals), "changes.chapter"))

    def _by_priority(self) -> list[Service]:
        rank = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
        return sorted(self.view.services_in_order, key=lambda s: rank.get(s.priority, 3) if s.priority else 3)

    def changes(self) -> Table | None:
        rows: list[list[str | Cell]] = []
        for s in self._by_priority():
            change = [self.t(f"changes.{who}", text=clean(getattr(s, f"{who}_changes")))
                      for who in ("customer", "professional") if clean(getattr(s, f"{who}_changes"))]
            stays = [self.t(f"changes.{who}", text=clean(getattr(s, f"{who}_stays")))
                     for who in ("customer", "professional") if clean(getattr(s, f"{who}_stays"))]
            if change or stays:
                rows.append([s.name, "\n".join(change), "\n".join(stays)])
        if not rows:
            return None
        return Table(self.t("changes.title"), self.headers("changes.headers"), [2.2, 4.9, 4.9], rows,
                     self.talk("change"), self.more(len(rows), "changes.chapter"))

    def services_and_changes(self) -> Table | None:
        """A small line's services on one slide: when each goes live and what changes and stays with it."""
        changes = {row[0]: row for row in (self.changes() or Table("", [], [], [], "")).rows}
        rows: list[list[str | Cell]] = []
        for s in self._by_priority():
            change = changes.get(s.name, [s.name, "", ""])
            rows.append([s.name, self.join([self.channel(s.channel), fi_date(s.target_golive)]), change[1],
                         change[2]])
        if not rows:
            return None
        notes = " ".join([self.talk("change"), *(self._wave_notes(w, codes) for w, codes in self.view.waves)])
        return Table(self.t("changes.small_title"), self.headers("changes.small_headers"), [2.2, 1.8, 4.0, 4.0],
                     rows, notes, self.more(len(rows), "changes.chapter"))

    # -- services, goals, timeline ------------------------------------------------------------------------------------
    def _service_row(self, s: Service) -> list[str | Cell]:
        return [self.channel(s.channel), s.name, self.enum(s.phase), fi_date(s.target_golive)]

    def _wave_notes(self, wave: int, codes: list[str]) -> str:
        services = [s for c in codes for s in self.plan.services_in(c)]
        dated = sorted((s for s in services if s.target_golive), key=lambda s: s.target_golive or dt.date.max)
        values = {"wave": wave, "count": len(services), "channel_count": len(codes),
                  "channels": self.ctx.labels.listing([self.channel(c) for c in codes])}
        if dated:
            return self.t("waves.notes", **values, date=fi_date(dated[0].target_golive), service=clean(dated[0].name))
        return self.t("waves.notes_undated", **values)

    def waves(self) -> list[Table]:
        waves = self.view.waves
        if not waves:
            return []
        total = sum(len(self.plan.services_in(c)) for _, codes in waves for c in codes)
        if len(waves) == 1 or total <= TWO_WAVE_ROWS:
            rows: list[list[str | Cell]] = [[self.t("waves.wave", number=w), *self._service_row(s)]
                                            for w, codes in waves for c in codes for s in self.plan.services_in(c)]
            notes = " ".join(self._wave_notes(w, codes) for w, codes in waves)
            return [Table(self.t("waves.title_all"), self.headers("waves.headers_all"), [1.2, 2.2, 3.6, 2.6, 1.6],
                          rows, notes, self.more(len(rows), "waves.chapter"))]
        return [Table(self.t("waves.title", wave=w), self.headers("waves.headers"), [2.4, 4.4, 3.0, 1.8],
                      [self._service_row(s) for c in codes for s in self.plan.services_in(c)],
                      self._wave_notes(w, codes), self.more(sum(len(self.plan.services_in(c)) for c in codes),
                                                            "waves.chapter"))
                for w, codes in waves]

_FILLER = {"ja", "sekä", "tai", "heidän", "ja/tai"}


def _group_key(group: str) -> frozenset[str]:
    """A group of people compared by its words, so "Ikääntyneet ja heidän läheisensä" and "ikääntyneet, läheiset"
    are told apart but "Omaishoitajat" and "omaishoitajat." are one."""
    return frozenset(w for w in re.findall(r"\w+", group.casefold()) if w not in _FILLER)


def _sentence(text: str) -> str:
    text = text.replace("\n", " ").strip()
    return text if text.endswith((".", "!", "?")) else text + "."
