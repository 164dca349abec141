"""A workshop as an iCalendar file (RFC 5545) that Outlook, Teams, Google and Apple calendars import.

The `icalendar` library writes it (escaping, line folding, CRLF). Times are local to the time zone of
templates/kit/timezone.ics (Europe/Helsinki), whose VTIMEZONE every file carries: the rule form (yearly last Sundays
of March and October) that calendar clients have long read without trouble; a test checks it against the system's
time-zone database. METHOD:PUBLISH, no organizer and no attendees: the facilitator imports the entry and invites
from the calendar. The UID is derived from the organisation, the line and the workshop number, so a second import
updates the same entry; DTSTAMP is the plan's version date, so the same input gives the same bytes."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from pipeline.exceptions import ConfigError
from pipeline.kit.facts import KitFacts, KitWorkshop
from pipeline.kit.texts import Message

TIMEZONE_FILE = Path("kit") / "timezone.ics"


@dataclass(frozen=True)
class KitZone:
    """The kit's time zone: its VTIMEZONE component and the matching zone for computing times."""
    component: Timezone
    zone: ZoneInfo

    @classmethod
    def load(cls, templates: Path) -> KitZone:
        path = templates / TIMEZONE_FILE
        try:
            component = Calendar.from_ical(path.read_bytes()).walk("VTIMEZONE")[0]
            if not isinstance(component, Timezone):
                raise ValueError("not a VTIMEZONE")
            return cls(component, ZoneInfo(str(component["TZID"])))
        except FileNotFoundError:
            raise ConfigError(code="file_missing", file=str(path)) from None
        except (ValueError, IndexError, KeyError, ZoneInfoNotFoundError):
            raise ConfigError(code="template_unreadable", file=str(path)) from None


def workshop_uid(organisation: str, code: str, number: int) -> str:
    """The same UID for the same line's same workshop, whatever its date: a re-import moves the entry."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:digiplan:{organisation}:{code}:workshop:{number}"))


def ics(facts: KitFacts, workshop: KitWorkshop, message: Message, location: str, organisation: str,
        language: str, zone: KitZone) -> bytes:
    """The calendar entry of WORKSHOP: summary and description from MESSAGE, the Teams link as its address."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{organisation}//digiplan//{language.split('-')[0].upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(zone.component)
    event = Event()
    event.add("uid", workshop_uid(organisation, facts.code, workshop.number))
    event.add("dtstamp", dt.datetime.combine(facts.version_date, dt.time(0, 0), tzinfo=dt.UTC))
    event.add("dtstart", workshop.start.astimezone(zone.zone))
    event.add("dtend", workshop.end.astimezone(zone.zone))
    event.add("summary", message.subject, parameters={"LANGUAGE": language})
    event.add("description", message.body, parameters={"LANGUAGE": language})
    event.add("location", location, parameters={"LANGUAGE": language})
    event.add("url", facts.teams_link)
    event.add("sequence", 0)
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical()
