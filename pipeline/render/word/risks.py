"""The risk section of the area and county plans: every risk of their lines scored at least the high level, highest
first, with its owner and mitigation; a risk without mitigation flagged in its row and counted in the lead-in."""
from __future__ import annotations

from typing import Any

from pipeline.render.word.decision import light_fill, risk_fill
from pipeline.render.word.text import WordText
from pipeline.schema import Light
from pipeline.view.scope import Scope


def risk_section(scope: Scope, w: WordText) -> dict[str, Any]:
    labels = w.ctx.labels
    threshold = scope.reference.reporting.risk_levels.high
    rows = []
    for found in scope.high_risks:
        risk, mitigated = found.risk, bool(found.risk.mitigation.strip())
        rows.append({"line": found.line.code, "description": w.cell(risk.description),
                     "score": w.text(risk.score), "fill": risk_fill(risk.score, w),
                     "owner": risk.owner.strip() or labels.get("overview.risks.no_owner"),
                     "mitigation": risk.mitigation.strip() if mitigated else labels.get("overview.risks.no_mitigation"),
                     "mitigation_fill": "FFFFFF" if mitigated else light_fill(Light.RED, w)})
    unmitigated = len(scope.unmitigated_risks)
    if rows:
        intro = " ".join((labels.get("overview.risks.intro", count=len(rows), threshold=threshold),
                          labels.get("overview.risks.unmitigated", count=unmitigated) if unmitigated
                          else labels.get("overview.risks.all_mitigated")))
    else:
        intro = labels.get("overview.risks.none", threshold=threshold)
    return {"heading": labels.get("overview.risks.heading"), "intro": intro, "rows": rows,
            "L": labels.node("overview.risks.columns")}
