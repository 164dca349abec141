"""Every file of one line's workshop kit, rendered in memory: the message to a new participant, and per workshop its
invitation (.eml), calendar entry (.ics) and facilitator agenda (.docx)."""
from __future__ import annotations

from pathlib import Path

from pipeline.kit.agenda import render_agenda
from pipeline.kit.calendar import KitZone, ics
from pipeline.kit.facts import KitFacts
from pipeline.kit.mail import eml
from pipeline.kit.texts import KitText
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext


def kit_files(facts: KitFacts, ctx: RenderContext, zone: KitZone, layout: OutputLayout) -> dict[Path, bytes]:
    """Path → bytes of every file of the kit; nothing is written here, so a failure leaves no half a kit."""
    text = KitText(facts, ctx.reference, ctx.labels)
    language = ctx.labels.get("language.tag")
    organisation = ctx.reference.organisation.short_name
    files = {layout.kit_welcome(facts.code): eml(text.welcome(), language)}
    for workshop in facts.workshops:
        invitation = text.invitation(workshop)
        files[layout.kit_invitation(facts.code, workshop.number)] = eml(invitation, language)
        files[layout.kit_calendar(facts.code, workshop.number)] = ics(
            facts, workshop, invitation, text("invitation.location"), organisation, language, zone)
        files[layout.kit_agenda(facts.code, workshop.number)] = render_agenda(facts, workshop, text, ctx)
    return files
