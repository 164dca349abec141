"""The risk slide of the area and county decks: every risk of their lines scored at least the high level, highest
first, with its owner and mitigation; a risk without mitigation flagged in red. The notes say it as the talk."""
from __future__ import annotations

from pipeline.render.context import RenderContext
from pipeline.render.deck.specs import Cell, Table, clean
from pipeline.view.scope import Scope
from pipeline.words import Words

WIDTHS = [1.0, 4.6, 1.0, 2.0, 3.4]


def risk_slide(scope: Scope, ctx: RenderContext, more: str) -> Table | None:
    """The slide, or None when no line has a high risk (the plan says so). MORE: what the slide says when rows
    had to be left out (where the rest is)."""
    found = scope.high_risks
    if not found:
        return None
    labels, style = ctx.labels, ctx.reference.document_style
    reporting = ctx.reference.reporting
    rows: list[list[str | Cell]] = []
    for item in found:
        risk = item.risk
        mitigation = clean(risk.mitigation)
        rows.append([item.line.code, clean(risk.description),
                     Cell(str(risk.score), Words.risk_colour(risk.score, reporting, style.risks)),
                     clean(risk.owner) or labels.get("overview.risks.no_owner"),
                     mitigation or Cell(labels.get("overview.risks.no_mitigation"), style.lights.red)])
    top = found[0]
    owner = clean(top.risk.owner) or labels.get("overview.risks.no_owner").lower()
    notes = [labels.get("overview.deck.notes", count=len(found), line=top.line.code,
                        top=clean(top.risk.description).rstrip("."), score=top.risk.score, owner=owner)]
    top_mitigation = clean(top.risk.mitigation).rstrip(".")
    notes.append(labels.get("overview.deck.notes_mitigation", mitigation=top_mitigation) if top_mitigation
                 else labels.get("overview.deck.notes_no_mitigation"))
    unmitigated = scope.unmitigated_risks
    notes.append(labels.get("overview.deck.notes_unmitigated", count=len(unmitigated),
                            lines=", ".join(sorted({r.line.code for r in unmitigated})))
                 if unmitigated else labels.get("overview.deck.notes_all_mitigated"))
    headers = list(labels.node("overview.risks.columns").values())
    return Table(labels.get("overview.deck.title"), headers, WIDTHS, rows, " ".join(notes), more)
