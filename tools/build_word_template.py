"""Build templates/word/plan.docx, the docxtpl template of a service line's Word implementation plan.

Run: .venv/bin/python tools/build_word_template.py [OUTPUT.docx]   (default: templates/word/plan.docx)

The .docx is the committed artefact: the renderer (pipeline/render/word.py) reads only it, and it may also be
restyled in Word (keep the Jinja tags and the style ids). This script recreates it from scratch, from python-docx's
default document: page setup, styles, settings and the helpers come from tools/word_template.py (shared with the
other plan templates); below are the header/footer and the body, Jinja tags only — all wording comes from
templates/labels/word.fi.toml. Running it twice gives identical bytes.
"""
from __future__ import annotations

import sys
from pathlib import Path

from word_template import (
    BREAK,
    ROOT,
    TAB,
    bullets,
    content,
    field,
    fields,
    heading,
    loop,
    new_document,
    para,
    run,
    set_body,
    set_header_footer,
    strong,
    table,
    to_bytes,
    when,
)

OUT = ROOT / "templates" / "word" / "plan.docx"


# --- the line plan: header/footer and body ---------------------------------------------------------------------

def plan_header_footer(doc) -> None:
    page_begin, page_end = field(" PAGE ", "1")
    set_header_footer(doc, content("{{ doc.line_label }}", TAB, "{{ L.header.title }}"),
                      content("{{ L.footer.version }} {{ doc.version }}", TAB, "{{ L.footer.page }} ", page_begin,
                              page_end))


def toc() -> list:
    """The table of contents, stored filled in (a TOC field Word updates on opening)."""
    toc_begin, toc_end = field(' TOC \\o "1-2" \\h \\z \\u ')
    h = "{{{{ L.h.{} }}}}".format
    return [para("TOCHeading", "{{ L.toc.heading }}"),
            para("TOC1", toc_begin, h("summary")), loop("q in summary", para("TOC2", "{{ q.heading }}")),
            para("TOC1", h("channels")), loop("ch in channels", para("TOC2", "{{ ch.heading }}")),
            para("TOC1", h("change")), [para("TOC2", h(k)) for k in ("story", "perspectives", "communication",
                                                                      "resources")],
            para("TOC1", h("implementation")), [para("TOC2", h(k)) for k in ("tasks", "giveups", "systems",
                                                                              "readiness", "risks")],
            para("TOC1", h("appendix")), para("TOC2", h("participants")), para("TOC2", h("workshops"), toc_end)]


def channel() -> list:
    """One channel (`ch`): its services, customers, changes, tools, goals, operations, tasks, path."""
    return [
        heading(2, "{{ ch.heading }}"),
        when("not ch.services", para("Normal", "{{ ch.empty }}"), otherwise=[
            heading(3, "{{ L.channel.services }}"),
            loop("s in ch.services", heading(4, "{{ s.heading }}"), fields("f in s.fields", "FieldLine")),
            heading(3, "{{ L.channel.customers }}"),
            table("ch.services", (2400, "service", "name"), (3000, "customer_groups", "customer_groups"),
                  (4238, "customer_value", "customer_value")),
            heading(3, "{{ L.channel.changes }}"),
            para("Caption", "{{ L.channel.changes_customer }}"),
            table("ch.services", (2400, "service", "name"), (3619, "changes", "customer_changes"),
                  (3619, "stays", "customer_stays")),
            para("Caption", "{{ L.channel.changes_professional }}"),
            table("ch.services", (2400, "service", "name"), (3619, "changes", "professional_changes"),
                  (3619, "stays", "professional_stays")),
            heading(3, "{{ L.channel.tools }}"),
            table("ch.services", (2400, "service", "name"), (4638, "current_tools", "current_tools"),
                  (2600, "systems", "systems")),
            heading(3, "{{ L.channel.goals }}"),
            when("ch.goals", table("ch.goals", (2300, "goal", "goal"), (1800, "metric", "metric"),
                                   (1150, "baseline", "baseline"), (1150, "target", "target"),
                                   (1100, "target_date", "target_date"), (2138, "data", "data")),
                 otherwise=[para("Normal", "{{ L.channel.no_goals }}")]),
            heading(3, "{{ L.channel.operations }}"),
            table("ch.services", (2000, "service", "name"), (2546, "professionals", "professionals"),
                  (2546, "professional_values", "professional_values"), (2546, "constraints", "constraints")),
            heading(4, "{{ L.channel.tasks }}"),
            when("ch.tasks", bullets("t in ch.tasks"), otherwise=[para("Normal", "{{ L.channel.no_tasks }}")]),
            heading(4, "{{ L.channel.giveups }}"),
            when("ch.giveups", bullets("g in ch.giveups", "g"),
                 otherwise=[para("Normal", "{{ L.channel.no_giveups }}")]),
            heading(3, "{{ L.channel.path }}"),
            when("ch.path", table("ch.path", (2300, "path_name", "name"), (1100, "kind", "kind"),
                                  (1500, "when", "when"), (2238, "intermediate_goal", "intermediate_goal"),
                                  (1400, "owner", "owner"), (1100, "status", "status")),
                 otherwise=[para("Normal", "{{ L.channel.no_path }}")]),
        ]),
    ]


def grouped(name: str, none: str) -> list:
    """Groups of bullets under level 3 headings (the story, the perspectives), or one sentence."""
    return when(name, loop(f"grp in {name}", heading(3, "{{ grp.heading }}"), bullets("t in grp.entries")),
                otherwise=[para("Normal", f"{{{{ L.change.{none} }}}}")])


def plan_body() -> list:
    overdue = ("{{ r.due }}", "{%r if r.overdue %}", BREAK, run("{{ L.tasks.overdue_mark }}", "Overdue"),
               "{%r endif %}")
    return [
        # cover
        para("LogoPlaceholder", "{{ doc.organisation }}"),
        para("Title", "{{ doc.line_name }}"),
        para("Subtitle", "{{ L.cover.subtitle }}"),
        fields("f in doc.cover_fields", "CoverInfo"),
        when("doc.note", para("CoverNote", "{{ doc.note }}")),
        toc(),
        # 1 summary: the workshop questions and their answers
        heading(1, "{{ L.h.summary }}"),
        para("Normal", "{{ L.summary.intro }}"),
        loop("q in summary", heading(2, "{{ q.heading }}"), para("Question", "{{ q.question }}"),
             loop("b in q.blocks", when("b.intro", para("Normal", "{{ b.intro }}")),
                  loop("i in b.entries", para("ListBullet", "{%r if i.lead %}", strong("{{ i.lead }}: "),
                                              "{%r endif %}", "{{ i.text }}")))),
        # 2 channels
        heading(1, "{{ L.h.channels }}"),
        para("Normal", "{{ L.channel.intro }}"),
        loop("ch in channels", channel()),
        # 3 the change
        heading(1, "{{ L.h.change }}"),
        heading(2, "{{ L.h.story }}"), grouped("story", "no_story"),
        heading(2, "{{ L.h.perspectives }}"), grouped("perspectives", "no_perspectives"),
        heading(2, "{{ L.h.communication }}"),
        when("terms", para("Normal", "{{ L.change.terms_intro }}"),
             table("terms", (3000, "professional_term", "professional"), (3000, "customer_term", "customer"),
                   (3638, "notes", "notes")),
             otherwise=[para("Normal", "{{ L.change.no_terms }}")]),
        heading(2, "{{ L.h.resources }}"),
        when("resources.rows",
             table("resources.rows", (1600, "service", "service"), (1500, "role", "role"),
                   (1900, "competence", "competence"), (1900, "people", "people"), (1100, "new_fte", "new_fte"),
                   (1638, "notes", "notes")),
             para("Normal", "{{ resources.total }}"),
             otherwise=[para("Normal", "{{ L.change.no_resources }}")]),
        # 4 implementation
        heading(1, "{{ L.h.implementation }}"),
        heading(2, "{{ L.h.tasks }}"),
        when("tasks.rows", para("Normal", "{{ tasks.summary }}"),
             table("tasks.rows", (3200, "item", "item"), (1300, "kind", "kind"), (1500, "concerns", "concerns"),
                   (1400, "owner", "owner"), (1138, "due", overdue), (1100, "status", "status")),
             otherwise=[para("Normal", "{{ L.tasks.none }}")]),
        heading(2, "{{ L.h.giveups }}"),
        when("giveups", table("giveups", (3600, "giveup", "item"), (1800, "concerns", "concerns"),
                              (1638, "system", "system"), (1100, "from_date", "from_date"), (1500, "owner", "owner")),
             otherwise=[para("Normal", "{{ L.giveups.none }}")]),
        heading(2, "{{ L.h.systems }}"),
        when("systems", para("Normal", "{{ L.systems.intro }}"),
             table("systems", (2600, "system", "name"), (3038, "replacement", "replacement"),
                   (2000, "exit_date", "exit_date"), (2000, "status", "status")),
             loop("s in systems", heading(3, "{{ s.heading }}"), fields("f in s.fields", "FieldLine")),
             otherwise=[para("Normal", "{{ L.systems.none }}")]),
        heading(2, "{{ L.h.readiness }}"),
        when("readiness.rows", when("readiness.summary", para("Normal", "{{ readiness.summary }}")),
             table("readiness.rows", (4400, "readiness_item", "item"), (1300, "status", "status"),
                   (3938, "notes", "notes")),
             otherwise=[para("Normal", "{{ L.readiness.none }}")]),
        heading(2, "{{ L.h.risks }}"),
        when("risks", table("risks", (1100, "risk_kind", "kind"), (2600, "description", "description"),
                            (1400, "likelihood", "likelihood"), (1000, "impact", "impact"),
                            (2138, "mitigation", "mitigation"), (1400, "owner", "owner")),
             otherwise=[para("Normal", "{{ L.risks.none }}")]),
        # 5 appendix
        heading(1, "{{ L.h.appendix }}"),
        heading(2, "{{ L.h.participants }}"),
        when("participants", fields("f in participants", "FieldLine"),
             otherwise=[para("Normal", "{{ L.participants.none }}")]),
        heading(2, "{{ L.h.workshops }}"),
        when("workshops", table("workshops", (700, "number", "number"), (4000, "workshop", "name"),
                                (1300, "date", "date"), (3638, "notes", "notes")),
             otherwise=[para("Normal", "{{ L.workshops.none }}")]),
    ]


def build() -> bytes:
    doc = new_document("Digiasioinnin käyttöönottosuunnitelma")
    plan_header_footer(doc)
    set_body(doc, plan_body())
    return to_bytes(doc)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(target)
