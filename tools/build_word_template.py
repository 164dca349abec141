"""Build the docxtpl templates of the Word documents: templates/word/plan.docx (a service line's implementation plan),
area.docx (a service area's combined plan), county.docx (the county's common implementation plan) and agenda.docx
(a workshop's one-page facilitator agenda, in the workshop kit) and readme.docx (a leadership package's one-page
"Lue minut": each file, what it is and who reads it).

Run: .venv/bin/python tools/build_word_template.py [OUTPUT_FOLDER]   (default: templates/word)

The .docx files are the committed artefacts: the renderers (pipeline/render/word/) read only them, and they may be
restyled in Word (keep the Jinja tags and the style ids). This script recreates them from python-docx's default
document: page setup, styles, settings and the XML helpers come from tools/word_template.py; below are the
headers, footers and bodies, Jinja tags only — all wording comes from templates/labels/word.fi.toml (the agenda's
from kit.fi.toml). Every plan
opens with the same decision layer (`decision_layer`). Running the script twice gives identical bytes.
"""
from __future__ import annotations

import sys
from pathlib import Path

from word_template import (
    BLUE,
    BREAK,
    GREY,
    ROOT,
    TAB,
    bullets,
    content,
    fields,
    figure,
    footer_with_pages,
    heading,
    loop,
    new_document,
    para,
    run,
    set_body,
    set_header_footer,
    shaded,
    strong,
    style,
    table,
    to_bytes,
    toc,
    when,
)

OUT = ROOT / "templates" / "word"
LATE = ("{%r if r.late %}", BREAK, run("{{ L.decision.late }}", "Overdue"), "{%r endif %}")


# --- shared by every plan --------------------------------------------------------------------------------------

def header_footer(doc, left: str) -> None:
    set_header_footer(doc, content(left, TAB, "{{ doc.header }}"),
                      footer_with_pages("{{ L.footer.version }} {{ doc.version }}"))


def cover(subtitle: str) -> list:
    return [para("LogoPlaceholder", "{{ doc.organisation }}"), para("Title", "{{ doc.title }}"),
            para("Subtitle", subtitle), fields("f in doc.cover_fields", "CoverInfo"),
            when("doc.history", para("Caption", "{{ L.control.history }}"),
                 table("doc.history", (1300, "version", "version"), (1400, "date", "date"),
                       (2200, "author", "author"), (4738, "history_changes", "changes"))),
            when("doc.note", para("CoverNote", "{{ doc.note }}"))]


def decision_layer(dl: str, level: int) -> list:
    """What leadership decides with, from the context dict DL: the key message, the status lights with their
    reasons, the decisions asked, the top risks, the money and the next milestones (headings at LEVEL)."""
    return [
        when(f"{dl}.key_message", para("KeyMessage", f"{{{{ {dl}.key_message }}}}"),
             otherwise=[para("Note", "{{ L.decision.no_key_message }}")]),
        heading(level, "{{ L.decision.lights }}"),
        table(f"{dl}.lights", (1700, "dimension", "dimension"), (1150, "light", shaded("r.fill", "{{ r.light }}")),
              (6788, "reason", "reason"), keep=True),
        heading(level, "{{ L.decision.decisions }}"),
        when(f"{dl}.decisions",
             table(f"{dl}.decisions", (4200, "decision", "decision"), (2000, "decider", "decider"),
                   (1500, "decision_due", ("{{ r.due }}", *LATE)), (1938, "status", "status")),
             otherwise=[para("Normal", f"{{{{ {dl}.no_decisions }}}}")]),
        when(f"{dl}.decisions_note", para("Normal", f"{{{{ {dl}.decisions_note }}}}")),
        heading(level, "{{ L.decision.risks }}"),
        when(f"{dl}.risks",
             table(f"{dl}.risks", (3600, "risk", "description"), (1000, "score", shaded("r.fill", "{{ r.score }}")),
                   (1500, "owner", "owner"), (3538, "mitigation", "mitigation")),
             para("Note", f"{{{{ {dl}.risk_scale }}}}"),
             otherwise=[para("Normal", "{{ L.decision.no_risks }}")]),
        heading(level, "{{ L.decision.money }}"),
        table(f"{dl}.money", *[(2410, f"L.decision.{key}", key) for key in ("one_off", "yearly", "savings")],
              (2408, "L.decision.new_fte", "new_fte")),
        when(f"{dl}.cost_basis", para("Note", f"{{{{ {dl}.cost_basis }}}}")),
        heading(level, "{{ L.decision.milestones }}"),
        when(f"{dl}.milestones",
             table(f"{dl}.milestones", (1500, "date", "date"), (5400, "milestone", "name"),
                   (2738, "channel", "channel"), keep=True),
             otherwise=[para("Normal", "{{ L.decision.no_milestones }}")]),
    ]


def line_summary() -> list:
    """A line plan's summary, each thing said once: the opening's answers first — the verdict, the key message, the
    asks of the line's leadership (each with its consequence) and what waits elsewhere, the money with its net,
    the high risks counted above the top risks — then the settled decisions, the status lights and the next
    milestones."""
    dl = "dl"
    return [
        heading(1, "{{ L.h.decision }}", new_page=True),                  # the page after the cover
        para("KeyMessage", "{{ opening.verdict }}"),
        when(f"{dl}.key_message", para("Normal", f"{{{{ {dl}.key_message }}}}"),
             otherwise=[para("Note", "{{ L.decision.no_key_message }}")]),
        para("Normal", "{{ opening.asks_intro }}"), bullets("t in opening.asks"),
        when(f"{dl}.decisions_note", para("Normal", f"{{{{ {dl}.decisions_note }}}}")),
        heading(2, "{{ L.decision.money }}"),
        table(f"{dl}.money", *[(2410, f"L.decision.{key}", key) for key in ("one_off", "yearly", "savings")],
              (2408, "L.decision.new_fte", "new_fte")),
        when("opening.net", para("Normal", "{{ opening.net }}")),
        when(f"{dl}.cost_basis", para("Note", f"{{{{ {dl}.cost_basis }}}}")),
        heading(2, "{{ L.decision.risks }}"),
        para("Normal", "{{ opening.risks_count }}"),
        when(f"{dl}.risks",
             table(f"{dl}.risks", (3600, "risk", "description"), (1000, "score", shaded("r.fill", "{{ r.score }}")),
                   (1500, "owner", "owner"), (3538, "mitigation", "mitigation")),
             para("Note", f"{{{{ {dl}.risk_scale }}}}"), otherwise=[para("Normal", "{{ L.decision.no_risks }}")]),
        when(f"{dl}.outcomes", heading(2, "{{ L.decision.outcomes }}"),
             table(f"{dl}.outcomes", (4200, "decision", "decision"), (2000, "decider", "decider"),
                   (1500, "decision_due", "due"), (1938, "status", "status"))),
        heading(2, "{{ L.decision.lights }}"),
        table(f"{dl}.lights", (1700, "dimension", "dimension"), (1150, "light", shaded("r.fill", "{{ r.light }}")),
              (6788, "reason", "reason"), keep=True),
        heading(2, "{{ L.decision.milestones }}"),
        when(f"{dl}.milestones",
             table(f"{dl}.milestones", (1500, "date", "date"), (5400, "milestone", "name"),
                   (2738, "channel", "channel"), keep=True),
             otherwise=[para("Normal", "{{ L.decision.no_milestones }}")]),
    ]


def opening() -> list:
    """The opening page for this document's audience: the verdict with its reason, the decisions asked of it (late
    first; the decisions' one place in an area or county plan, with what waits at other levels and what is settled
    under them), net money, the top high risks and (area and county) the lines that are red or missing."""
    return [heading(1, "{{ opening.heading }}", new_page=True),          # the page after the cover
            para("KeyMessage", "{{ opening.verdict }}"),
            para("Normal", "{{ opening.asks_intro }}"), bullets("t in opening.asks"),
            when("decisions and decisions.note", para("Normal", "{{ decisions.note }}")),
            para("Normal", "{{ opening.money }}"),
            para("Normal", "{{ opening.risks_intro }}"), bullets("t in opening.risks"),
            when("opening.lines", para("Normal", "{{ opening.lines }}"))]


def changes_section() -> list:
    """What changed since the earlier build (`delta`: only in a build's documents), a level 1 section."""
    return when("delta", heading(1, "{{ delta.heading }}", new_page=False), para("Normal", "{{ delta.intro }}"),
                loop("grp in delta.groups", when("grp.heading", heading(2, "{{ grp.heading }}")),
                     bullets("t in grp.entries")))


def changes_top() -> list:
    """The three most important changes since the earlier build, on a combined plan's opening page."""
    return when("delta and delta.top", heading(2, "{{ delta.top_heading }}"), bullets("t in delta.top"))


# --- the line plan ---------------------------------------------------------------------------------------------

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
            when("ch.goals", table("ch.goals", (2300, "goal", "goal"), (2000, "metric", "metric"),
                                   (1250, "baseline", "baseline"), (1250, "target", "target"),
                                   (1200, "target_date", "target_date"), (1638, "data", "data")),
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
            when("ch.path", table("ch.path", (2400, "path_name", "name"), (1300, "kind", "kind"),
                                  (1700, "when", "when"), (2038, "intermediate_goal", "intermediate_goal"),
                                  (1300, "owner", "owner"), (900, "status", "status")),
                 otherwise=[para("Normal", "{{ L.channel.no_path }}")]),
        ]),
    ]


def grouped(name: str, none: str) -> list:
    """Groups of bullets under level 3 headings (the story, the perspectives), or one sentence."""
    return when(name, loop(f"grp in {name}", heading(3, "{{ grp.heading }}"), bullets("t in grp.entries")),
                otherwise=[para("Normal", f"{{{{ L.change.{none} }}}}")])


def line_body() -> list:
    overdue = ("{{ r.due }}", "{%r if r.overdue %}", BREAK, run("{{ L.tasks.overdue_mark }}", "Overdue"),
               "{%r endif %}")
    return [
        cover("{{ L.cover.subtitle }}"),
        line_summary(),
        changes_section(),
        toc(),
        heading(1, "{{ L.h.summary }}"),
        para("Normal", "{{ L.summary.intro }}"),
        loop("q in summary", heading(2, "{{ q.heading }}"),                # answered, not repeated
             loop("b in q.blocks", when("b.intro", para("Normal", "{{ b.intro }}")),
                  loop("i in b.entries", para("ListBullet", "{%r if i.lead %}", strong("{{ i.lead }}: "),
                                              "{%r endif %}", "{{ i.text }}")))),
        heading(1, "{{ L.h.pictures }}"),
        heading(2, "{{ L.h.roadmap }}"),
        when("figures.roadmap", figure("figures.roadmap"), otherwise=[para("Normal", "{{ L.figures.no_roadmap }}")]),
        heading(2, "{{ L.h.metrics }}"),
        when("figures.metrics", figure("figures.metrics"), otherwise=[para("Normal", "{{ L.figures.no_metrics }}")]),
        heading(1, "{{ L.h.channels }}"),
        para("Normal", "{{ L.channel.intro }}"),
        loop("ch in channels", channel()),
        heading(1, "{{ L.h.change }}"),
        heading(2, "{{ L.h.story }}"), grouped("story", "no_story"),
        heading(2, "{{ L.h.perspectives }}"), grouped("perspectives", "no_perspectives"),
        heading(2, "{{ L.h.leader_support }}"),
        when("leader_support",
             table("leader_support", (2900, "measure", "measure"), (1700, "audience", "audience"),
                   (1300, "timing", "timing"), (1400, "owner", "owner"), (2338, "tools", "tools")),
             otherwise=[para("Normal", "{{ L.change.no_leader_support }}")]),
        heading(2, "{{ L.h.communication }}"),
        when("terms", para("Normal", "{{ L.change.terms_intro }}"),
             table("terms", (3000, "professional_term", "professional"), (3000, "customer_term", "customer"),
                   (3638, "notes", "notes")),
             otherwise=[para("Normal", "{{ L.change.no_terms }}")]),
        heading(2, "{{ L.h.resources }}"),
        when("resources.rows",
             table("resources.rows", (1700, "service", "service"), (1500, "role", "role"),
                   (1900, "competence", "competence"), (1800, "people", "people"), (1100, "fte_met", "new_fte"),
                   (1638, "notes", "notes")),
             para("Normal", "{{ resources.total }}"),
             otherwise=[para("Normal", "{{ L.change.no_resources }}")]),
        heading(1, "{{ L.h.implementation }}"),
        heading(2, "{{ L.h.tasks }}"),
        when("tasks.rows", para("Normal", "{{ tasks.summary }}"),
             table("tasks.rows", (3100, "item", "item"), (1400, "kind", "kind"), (1600, "concerns", "concerns"),
                   (1400, "owner", "owner"), (1238, "due", overdue), (900, "status", "status")),
             otherwise=[para("Normal", "{{ L.tasks.none }}")]),
        heading(2, "{{ L.h.giveups }}"),
        when("giveups", table("giveups", (3500, "giveup", "item"), (1900, "concerns", "concerns"),
                              (1638, "system", "system"), (1100, "from_date", "from_date"), (1500, "owner", "owner")),
             otherwise=[para("Normal", "{{ L.giveups.none }}")]),
        heading(2, "{{ L.h.systems }}"),
        when("systems", para("Normal", "{{ L.systems.intro }}"),
             table("systems", (2400, "system", "name"), (1500, "system_decision", "decision"),
                   (2538, "replacement", "replacement"), (1600, "exit_date", "exit_date"), (1600, "status", "status")),
             loop("s in systems", heading(3, "{{ s.heading }}"), fields("f in s.fields", "FieldLine")),
             otherwise=[para("Normal", "{{ L.systems.none }}")]),
        heading(2, "{{ L.h.readiness }}"),
        when("readiness.rows", when("readiness.summary", para("Normal", "{{ readiness.summary }}")),
             table("readiness.rows", (4400, "readiness_item", "item"),
                   (1300, "status", shaded("r.fill", "{{ r.status }}")), (3938, "notes", "notes")),
             otherwise=[para("Normal", "{{ L.readiness.none }}")]),
        heading(2, "{{ L.h.risks }}"),
        when("risks.rows", para("Normal", "{{ risks.scale }}"),
             table("risks.rows", (1000, "risk_kind", "kind"), (2700, "description", "description"),
                   (1150, "likelihood", "likelihood"), (850, "impact", "impact"),
                   (850, "score", shaded("r.fill", "{{ r.score }}")), (1888, "mitigation", "mitigation"),
                   (1200, "owner", "owner")),
             otherwise=[para("Normal", "{{ L.risks.none }}")]),
        heading(1, "{{ L.h.appendix }}"),
        heading(2, "{{ L.h.participants }}"),
        when("participants", fields("f in participants", "FieldLine"),
             otherwise=[para("Normal", "{{ L.participants.none }}")]),
        heading(2, "{{ L.h.workshops }}"),
        when("workshops", table("workshops", (700, "number", "number"), (4300, "workshop", "name"),
                                (1300, "date", "date"), (3338, "notes", "notes")),
             otherwise=[para("Normal", "{{ L.workshops.none }}")]),
    ]


# --- the area and county plans ---------------------------------------------------------------------------------

def status_table(key_message: bool, area: bool = False) -> str:
    """One row per line: its status lights, completeness and late tasks; in an area's plan the overall and
    schedule lights (the other lights are on the line's own page), with the line's key message only where the line
    has no own page in the plan (a single-line area: KEY_MESSAGE), said once."""
    light = "{{ r.lights[%d].light }}"
    line = ("{{ r.name }}", BREAK, run("{{ r.state }}", "Overdue"))
    if area and not key_message:
        return table("lines", (4638, "line", line),
                     *[(1400, f"light_{n}", shaded(f"r.lights[{n}].fill", light % n)) for n in range(2)],
                     (1200, "completeness", "completeness"), (1000, "late_tasks", "late_tasks"))
    if key_message:
        return table("lines", (2000, "line", line),
                     *[(1000, f"light_{n}", shaded(f"r.lights[{n}].fill", light % n)) for n in range(2)],
                     (850, "completeness", "completeness"), (700, "late_tasks", "late_tasks"),
                     (4088, "key_message", "key_message"))
    return table("lines", (2738, "line", line),
                 *[(1000, f"light_{n}", shaded(f"r.lights[{n}].fill", light % n)) for n in range(5)],
                 (1000, "completeness", "completeness"), (900, "late_tasks", "late_tasks"))


def exits_table(rows: str) -> str:
    return table(rows, (2300, "system", "name"), (1800, "system_state", "state"), (1300, "shutdown", "shutdown"),
                 (2600, "lines_exits", "lines"), (1638, "saving", "saving"))


def money_table(rows: str) -> str:
    return table(rows, (2700, "line", "name"), (1300, "new_fte", "fte"), (1850, "cost_one_off", "one_off"),
                 (1850, "cost_yearly", "yearly"), (1938, "savings_yearly", "savings"))


def risk_section() -> list:
    """Every high risk of the lines, highest first; a missing mitigation flagged in its cell."""
    return [heading(1, "{{ risks.heading }}", new_page=False),
            para("Normal", "{{ risks.intro }}"),
            when("risks.rows",
                 table("risks.rows", (800, "risks.L.line", "line"), (3200, "risks.L.description", "description"),
                       (900, "risks.L.score", shaded("r.fill", "{{ r.score }}")), (1700, "risks.L.owner", "owner"),
                       (3038, "risks.L.mitigation", shaded("r.mitigation_fill", "{{ r.mitigation }}"))))]


def combined_sections(kind: str) -> list:
    """The sections an area plan and the county plan share, after their status pages and contents."""
    return [
        # a single-line area's plan is a short cover: its line's roadmap, exits and dependencies are in the
        # line's own documents (the area's status page names them)
        *when("not single", *roadmap_and_exits(kind)),
        *risk_section(),
        *when("not single", *dependencies_section()),
        heading(1, "{{ L.h.money }}", new_page=False),
        para("Normal", "{{ money.intro }}"),
        money_table("money.rows"),
        when("money.missing", para("Note", "{{ money.missing }}")),
        # the county's readiness checklist: items down, lines across (as many columns as lines: built by the
        # renderer and put in as a sub-document)
        *([heading(1, "{{ L.h.readiness }}"), para("Normal", "{{ readiness.intro }}"),
           when("readiness.matrix", para(None, "{{p readiness.matrix }}"), para("Note", "{{ readiness.legend }}"))]
          if kind == "county" else []),
    ]


def roadmap_and_exits(kind: str) -> list:
    """The roadmap and the exit plans; the county plan adds the notices due (its exits.notices subdocument)."""
    return [
        heading(1, "{{ L.h.roadmap }}"),
        para("Normal", "{{ roadmap.intro }}"),
        when("roadmap.figure", figure("roadmap.figure")),
        when("roadmap.rows", table("roadmap.rows", (1300, "quarter", "quarter"), (2300, "channel", "channel"),
                                   (6038, "golives", "golives")),
             otherwise=[para("Normal", "{{ L.combined.no_golives }}")]),
        heading(1, "{{ L.h.exits }}"),
        para("Normal", "{{ exits.intro }}"),
        when("exits.figure", figure("exits.figure")),
        when("exits.sequence", table("exits.sequence", (1300, "quarter", "quarter"),
                                     (6000, "systems_down", "systems"), (2338, "saving", "saving"))),
        when("exits.rows", when("exits.sequence", para("Normal", "{{ B.exit_systems }}")), exits_table("exits.rows"),
             otherwise=[para("Normal", "{{ L.combined.no_exits }}")]),
        *([para(None, "{{p exits.notices }}")] if kind == "county" else []),
    ]


def dependencies_section() -> list:
    return [
        heading(1, "{{ L.h.dependencies }}", new_page=False),         # short sections share a page
        para("Normal", "{{ dependencies.intro }}"),
        when("dependencies.risks",
             table("dependencies.risks", (1000, "line", "line"), (3400, "description", "description"),
                   (1400, "other_lines", "others"), (900, "score", shaded("r.fill", "{{ r.score }}")),
                   (2938, "mitigation", "mitigation"))),
        when("dependencies.systems", para("Normal", "{{ dependencies.systems }}")),   # their table: the exits'

    ]


def one_pagers() -> list:
    """Each line's own page: its decision layer."""
    return [heading(1, "{{ L.h.lines }}", new_page=False),
            para("Normal", "{{ L.combined.lines_intro }}"),
            loop("line in line_pages", heading(2, "{{ line.heading }}"),
                 para("Note", "{{ line.subtitle }}"), decision_layer("line.dl", 3))]


def area_body() -> list:
    return [cover("{{ L.cover.area_subtitle }}"),
            *opening(),
            heading(1, "{{ L.h.status }}"),
            para("Normal", "{{ status.intro }}"),
            when("status.not_valid", para("Note", "{{ status.not_valid }}")),
            when("single", status_table(key_message=True)), when("not single", status_table(False, area=True)),
            when("not single", para("Note", "{{ L.combined.area_lights_legend }}")),
            when("single", para("Note", "{{ L.combined.single_lights_legend }}")),
            when("single", para("Normal", "{{ single }}")),
            changes_top(), changes_section(), toc(),
            *combined_sections("area"), *when("not single", *one_pagers())]


def county_body() -> list:
    return [cover("{{ L.cover.county_subtitle }}"),
            *opening(),
            heading(1, "{{ L.h.status }}"),
            para("Normal", "{{ status.intro }}"),
            fields("f in status.figures", "FieldLine"),
            when("status.not_valid", para("Note", "{{ status.not_valid }}")),
            heading(2, "{{ L.h.areas }}"),
            table("areas", (2500, "area", "name"), (900, "lines_count", "lines"), (900, "valid_count", "valid"),
                  (1700, "lights_col", "lights"), (1100, "decisions_waiting", "waiting"), (900, "new_fte", "fte"),
                  (1638, "costs_col", "costs")),
            changes_top(), changes_section(), toc(),
            heading(1, "{{ L.h.lines_status }}"),
            status_table(key_message=False), para("Note", "{{ L.combined.lights_legend }}"),
            *combined_sections("county")]


# --- the workshop kit's facilitator agenda (one page, no header or footer) ----------------------------------------

def agenda_body() -> list:
    return [para("AgendaKicker", "{{ doc.kicker }}"),
            para("AgendaTitle", "{{ doc.title }}"),
            fields("f in doc.facts", "FieldLine"),
            heading(2, "{{ L.goals }}"), bullets("t in goals"),
            heading(2, "{{ L.agenda }}"),
            table("agenda", (1700, "time", "time"), (6338, "item", "item"), (1600, "duration", "duration")),
            when("notes", heading(2, "{{ L.notes }}"), bullets("t in notes")),
            heading(2, "{{ L.checklist }}"), bullets("t in checklist"),
            para("Note", "{{ doc.source }}")]


def agenda_styles(doc) -> None:
    style(doc, "AgendaKicker", "Agendan yläotsikko", bold=True, color=GREY, size=10, after=2)
    style(doc, "AgendaTitle", "Agendan otsikko", keep_next=True, bold=True, color=BLUE, size=18, after=10, line=1.0)


# --- a leadership package's one-page "Lue minut" (what each file is and who reads it) ---------------------------

def readme_body() -> list:
    return [para("AgendaKicker", "{{ doc.kicker }}"),
            para("AgendaTitle", "{{ doc.title }}"),
            para("Normal", "{{ doc.intro }}"),
            table("files", (3700, "L.readme.file", (strong("{{ r.folder }}"), "{{ r.file }}")),
                  (3838, "L.readme.what", "what"), (2100, "L.readme.reader", "reader")),
            loop("t in doc.notes", para("Note", "{{ t }}"))]


def build(body, title: str) -> bytes:
    doc = new_document(title)
    header_footer(doc, "{{ doc.label }}")
    set_body(doc, body())
    return to_bytes(doc)


def build_agenda(body, title: str) -> bytes:
    doc = new_document(title)
    agenda_styles(doc)
    set_body(doc, body())
    return to_bytes(doc)


TEMPLATES = {"plan.docx": (build, line_body, "Digiasioinnin käyttöönottosuunnitelma"),
             "area.docx": (build, area_body, "Palvelualueen digiasioinnin käyttöönottosuunnitelma"),
             "county.docx": (build, county_body, "HVA:n yhteinen digiasioinnin käyttöönottosuunnitelma"),
             "agenda.docx": (build_agenda, agenda_body, "Työpajan agenda"),
             "readme.docx": (build_agenda, readme_body, "Lue minut")}


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    folder.mkdir(parents=True, exist_ok=True)
    for name, (builder, body, title) in TEMPLATES.items():
        (folder / name).write_bytes(builder(body, title))
        print(folder / name)
