"""The intake schema as Markdown for people: every sheet and column, and the guide → column traceability."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.formatting import one_line
from pipeline.intake.fields import FieldCodec, field_codecs, sheet_name
from pipeline.reference import Reference
from pipeline.schema import SCHEMA_VERSION, SHEETS


def _cell(text: str) -> str:
    return one_line(str(text)).replace("|", "\\|")


def _row(values: list[str]) -> str:
    return "| " + " | ".join(_cell(v) for v in values) + " |"


def _kind(codec: FieldCodec, labels: Labels) -> str:
    kind = labels.get(f"intake.docs.kinds.{codec.kind}")
    return f"{kind}, {labels.get('intake.docs.kinds.list')}" if codec.is_list else kind


def schema_markdown(reference: Reference, labels: Labels) -> str:
    d = lambda key, **v: labels.get(f"intake.docs.{key}", **v)  # noqa: E731
    lines = [f"# {d('title')}", "", d("intro"), "", d("version", version=SCHEMA_VERSION), "",
             f"## {d('rules_heading')}", "", *[f"- {rule}" for rule in labels.node("intake.docs.rules")], ""]
    trace = []
    for spec in SHEETS:
        name = sheet_name(spec, labels)
        optional = " " + d("optional") if spec.model.optional else ""
        lines += [f"## {name}", "", labels.get(f"intake.sheets.{spec.key}.asks") + " "
                  + d("workshop", workshop=labels.get(f"intake.sheets.{spec.key}.workshop")) + optional, ""]
        lines.append(_row([d("column_col"), d("required_col"), d("kind_col"), d("help_col"), d("example_col")]))
        lines.append(_row(["---"] * 5))
        for codec in field_codecs(spec, reference, labels):
            lines.append(_row([codec.header, d("yes") if codec.required else d("no"), _kind(codec, labels),
                               codec.help, codec.example]))
            guide = labels.node(f"intake.sheets.{spec.key}.fields.{codec.name}").get("guide")
            if guide:
                trace.append([guide, name, codec.header])
        lines.append("")
    lines += [f"## {d('trace_heading')}", "", _row([d("guide_col"), d("sheet_col"), d("column_col")]),
              _row(["---"] * 3)]
    lines += [_row(item) for item in trace]
    return "\n".join(lines) + "\n"
