"""Count the samples' key figures straight from the intake workbooks with openpyxl, without importing `pipeline`.

Run `python tests/data/count_facts.py` to print the counts `tests/data/facts.toml` holds; the consistency suite
checks the documents against that table, never against this script's run."""
from __future__ import annotations

import datetime as dt
import sys
import tomllib
from collections import Counter
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
CHANNELS = tomllib.loads((ROOT / "templates/data/channels.toml").read_text(encoding="utf-8"))["channels"]
CODE_OF = {name: c["code"] for c in CHANNELS for name in (c["name"], c["name_sv"])}
WAVE_OF = {c["code"]: c["wave"] for c in CHANNELS}


def rows(path: Path, sheet: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path, read_only=True, data_only=True)[sheet]
    table = list(ws.iter_rows(values_only=True))
    header = [str(h or "").replace("*", "").strip() for h in table[0]]
    return [dict(zip(header, r, strict=False)) for r in table[1:] if any(v not in (None, "") for v in r)]


def services(path: Path) -> Counter[str]:
    return Counter(CODE_OF[str(r["Kanava"])] for r in rows(path, "Palvelut"))


AS_OF = dt.datetime(2026, 11, 26)         # the tests' build date (tests/conftest.py)
ORGANISATION = tomllib.loads((ROOT / "templates/data/organisation.toml").read_text(encoding="utf-8"))
AREA_OF = {line: a["code"] for a in ORGANISATION["areas"] for line in a["lines"]}
DECIDER = {"Palvelulinjan johto": "line", "Palvelualueen johto": "area", "Hyvinvointialueen johto": "county"}


def level(decider: str, body: str) -> str:
    """The level by hand: a body is the county's when it is the board, council or steering group, an area's
    management team otherwise; a body without a name is the line's."""
    if decider in DECIDER:
        return DECIDER[decider]
    body = (body or "").casefold()
    if any(w in body for w in ("aluehallitus", "aluevaltuusto", "ohjausryhmä")):
        return "county"
    return "area" if "johtoryhmä" in body else "line"


def decisions(path: Path) -> list[tuple[str, bool]]:
    """(level, late) of each pending decision."""
    return [(level(str(r["Päättäjä"]), str(r["Toimielin tai henkilö"] or "")),
             bool(r["Päätös tarvitaan viimeistään"] and r["Päätös tarvitaan viimeistään"] < AS_OF))
            for r in rows(path, "Päätösesitykset") if (r["Tila"] or "Odottaa") == "Odottaa"]


def staffing(path: Path) -> Counter[str]:
    """htv by kind: new need (new recruitment not rejected; of it unfunded = proposed or not stated), transfers,
    within existing, rejected."""
    out: Counter[str] = Counter()
    for r in rows(path, "Resursointi"):
        fte, how, funding = float(r["Resurssitarve (htv)"] or 0), r["Miten tarve katetaan"], r["Rahoitus"]
        if how == "Siirto muista tehtävistä":
            out["transfers"] += fte
        elif how == "Nykyisin resurssein":
            out["existing"] += fte
        elif funding == "Hylätty":
            out["rejected"] += fte
        else:
            out["new_need"] += fte
            out["unfunded"] += fte if funding in (None, "Esitetty") else 0
    return out


def line_facts(path: Path) -> tuple[str, str]:
    """The line's name and its schedule light (in the workbook's words)."""
    basics = {str(r["Tieto"]).replace("*", "").strip(): r["Arvo"] for r in rows(path, "Perustiedot")}
    summary = {str(r["Tieto"]).strip(): r["Arvo"] for r in rows(path, "Johdon yhteenveto")}
    return str(basics["Palvelulinjan nimi"]), str(summary["Aikataulu"])


def main(folder: Path) -> None:
    total: Counter[str] = Counter()
    pending: dict[str, Counter[str]] = {}
    staff_totals: dict[str, Counter[str]] = {}
    for path in sorted(folder.glob("*-tietopohja.xlsx")):
        line = path.name.split("-")[0]
        counts = services(path)
        total += counts
        print(line, "name and schedule", line_facts(path))
        waves = Counter(WAVE_OF[c] for c in counts.elements())
        print(line, dict(sorted(counts.items())), "waves", dict(sorted(waves.items())))
        staff = staffing(path)
        print("   staffing", {k: round(v, 2) for k, v in sorted(staff.items()) if v})
        for key in (f"staff {AREA_OF[line]}", "staff county"):
            staff_totals.setdefault(key, Counter()).update(staff)
        asked = decisions(path)
        levels = Counter(lv for lv, _ in asked)
        late = Counter(lv for lv, is_late in asked if is_late)
        print("   pending by level", dict(levels), "late", dict(late))
        for key in (f"line {line}", f"area {AREA_OF[line]}", "county"):
            pending.setdefault(key, Counter()).update(levels)
            pending[key].update({f"{lv}_late": n for lv, n in late.items()})
    print("county", sum(total.values()), dict(sorted(total.items())))
    for key, counts in staff_totals.items():
        print(key, {k: round(v, 2) for k, v in sorted(counts.items()) if v})
    for key, counts in pending.items():
        print("pending", key, dict(sorted(counts.items())))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "input_workbooks")
