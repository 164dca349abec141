"""Build templates/deck/deck.pptx once (the committed artefact is the .pptx; restyle it in PowerPoint).

Run: .venv/bin/python tools/build_deck_template.py [OUTPUT_FILE]   (default: templates/deck/deck.pptx)
Starts from python-pptx's default package, makes it 16:9, and replaces the theme colours/fonts, the master and the
layouts with the layouts the deck renderer uses. Every layout and shape is named by a language-neutral id (a
layout's also in its matchingName); the renderer gives them their names and prompts in the run's language from
templates/labels/deck.*.toml [layouts], [shapes] and [prompts], so no translation renames the template.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml

OUT = Path(__file__).resolve().parent.parent / "templates" / "deck" / "deck.pptx"
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W, H = 12192000, 6858000
IN = 914400
COLORS = {"dk1": "1E2A32", "lt1": "FFFFFF", "dk2": "0B3A53", "lt2": "E7EEF2", "accent1": "0B5E7E",
          "accent2": "00857C", "accent3": "6FA8BF", "accent4": "9CC5A1", "accent5": "E0A526", "accent6": "C4452F",
          "hlink": "0B5E7E", "folHlink": "5A4A7A"}
FONT = "Calibri"


def emu(inches: float) -> int:
    return int(round(inches * IN))


def xfrm(x, y, w, h) -> str:
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def ppr(sz: int, color: str = "tx1", bold: bool = False, bullet: bool = False, mar: int = 0, spc: int = 0,
        algn: str = "l") -> str:
    bu = ('<a:buClr><a:schemeClr val="accent2"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="•"/>'
          if bullet else "<a:buNone/>")
    ind = f' marL="{mar}" indent="-{mar}"' if bullet else ' marL="0" indent="0"'
    return (f'<a:lvl1pPr{ind} algn="{algn}"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{spc}"/></a:spcBef>{bu}'
            f'<a:defRPr sz="{sz}" b="{int(bold)}"><a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'
            f'</a:defRPr></a:lvl1pPr>')


def ph(sid: int, name: str, kind: str, idx: int | None, box, style: str, prompt: str, anchor: str = "t") -> str:
    idx_attr = f' idx="{idx}"' if idx is not None else ""
    type_attr = f' type="{kind}"' if kind else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph{type_attr}{idx_attr}/></p:nvPr></p:nvSpPr><p:spPr>{xfrm(*box)}</p:spPr>'
            f'<p:txBody><a:bodyPr anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle>{style}</a:lstStyle>'
            f'<a:p><a:r><a:rPr lang="fi-FI"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody></p:sp>')


def rect(sid: int, name: str, box, color: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fi-FI"/></a:p></p:txBody></p:sp>')


def logo(sid: int, box, color: str) -> str:
    """The organisation's logo place: its name as text; put the logo picture here once, in the master."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="logo"/><p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/>'
            f'</p:nvSpPr><p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            '<p:txBody><a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"><a:noAutofit/></a:bodyPr>'
            f'<a:lstStyle/><a:p><a:r><a:rPr lang="fi-FI" sz="1100" b="1"><a:solidFill><a:schemeClr val="{color}"/>'
            f'</a:solidFill></a:rPr><a:t>{ORGANISATION}</a:t></a:r></a:p></p:txBody></p:sp>')


def tree(shapes: str) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>'
            '<a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
            f'</a:xfrm></p:grpSpPr>{shapes}</p:spTree>')


def bg(color: str) -> str:
    return f'<p:bg><p:bgPr><a:solidFill><a:schemeClr val="{color}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'


ORGANISATION = "Länsi-Uudenmaan hyvinvointialue"    # the logo place: replace the text with the logo in the master
TITLE_BOX = (0.6, 0.2, 12.13, 1.05)
BODY_BOX = (0.6, 1.5, 12.13, 5.35)
NUM_BOX = (11.93, 7.0, 0.8, 0.35)
TITLE_STYLE = ppr(2800, "tx2", bold=True)
BODY_STYLE = ppr(2000, "tx1", bullet=True, mar=285750, spc=600)
COLUMN_STYLE = ppr(1800, "tx1", bullet=True, mar=285750, spc=600)
SMALL_STYLE = ppr(1400, "tx1")
THIRD_STYLE = ppr(1600, "tx1", bullet=True, mar=228600, spc=500)


def master_xml(layout_rids: list[str]) -> str:
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids))
    level = ('<a:lvl{n}pPr marL="{m}" indent="-285750" algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
             '<a:spcBef><a:spcPts val="600"/></a:spcBef><a:buClr><a:schemeClr val="accent2"/></a:buClr>'
             '<a:buFont typeface="Arial"/><a:buChar char="{c}"/><a:defRPr sz="{s}"><a:solidFill>'
             '<a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl{n}pPr>')
    body_levels = "".join(level.format(n=n, m=285750 + (n - 1) * 457200, c="•" if n % 2 else "–",
                                       s=max(2000 - (n - 1) * 200, 1400)) for n in range(1, 10))
    shapes = (ph(2, "title", "title", None, TITLE_BOX, "", "Otsikko", "b")
              + ph(3, "body", "body", 1, BODY_BOX, "", "Teksti")
              + ph(4, "slide_number", "sldNum", 12, NUM_BOX, ppr(1200, "tx2", algn="r"), "")
              .replace('<a:r><a:rPr lang="fi-FI"/><a:t></a:t></a:r>',
                       '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                       '<a:rPr lang="fi-FI"/><a:t>‹#›</a:t></a:fld>')
              + rect(5, "accent_line", (0.6, 1.3, 1.6, 0.05), "accent2")
              + logo(6, (0.6, 7.0, 6.0, 0.35), "tx2"))
    return (f'<p:sldMaster {NS}><p:cSld>{bg("bg1")}{tree(shapes)}</p:cSld>'
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
            f'folHlink="folHlink"/><p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
            '<p:txStyles><p:titleStyle><a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
            '<a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/><a:defRPr sz="2800" b="1"><a:solidFill>'
            '<a:schemeClr val="tx2"/></a:solidFill><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr>'
            f'</p:titleStyle><p:bodyStyle>{body_levels}</p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz="1400">'
            '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr>'
            '</a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>')


def layout_xml(name: str, kind: str, shapes: str, background: str = "", hide_master: bool = False) -> str:
    """A layout: NAME is its language-neutral id (the renderer's key, kept in matchingName) and its shown name until
    the renderer names it in the run's language (templates/labels/deck.*.toml [layouts])."""
    show = ' showMasterSp="0"' if hide_master else ""
    return (f'<p:sldLayout {NS} type="{kind}" preserve="1"{show} matchingName="{name}"><p:cSld name="{name}">'
            f'{background}'
            f'{tree(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def title_ph(style: str = TITLE_STYLE) -> str:
    number = ('<p:sp><p:nvSpPr><p:cNvPr id="9" name="slide_number"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
              '<p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody>'
              '<a:bodyPr/><a:lstStyle/><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
              '<a:rPr lang="fi-FI"/><a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>')
    return ph(2, "title", "title", None, TITLE_BOX, style, "Otsikko", "b") + number


def layouts() -> list[str]:
    half = (BODY_BOX[2] - 0.4) / 2
    right_x = BODY_BOX[0] + half + 0.4
    third = (BODY_BOX[2] - 0.8) / 3
    third_x = [BODY_BOX[0] + n * (third + 0.4) for n in range(3)]
    heading = ppr(2000, "accent1", bold=True)
    dark_title = ppr(4000, "bg1", bold=True)
    light_body = ppr(2000, "bg1")
    return [
        layout_xml("title", "title", rect(6, "accent_line", (0.8, 3.95, 2.0, 0.06), "accent2")
                   + ph(2, "title", "ctrTitle", None, (0.8, 1.4, 11.7, 2.4), dark_title, "Otsikko", "b")
                   + ph(3, "subtitle", "subTitle", 1, (0.8, 4.2, 11.7, 2.4), light_body, "Alaotsikko")
                   + logo(7, (0.8, 0.5, 8.0, 0.4), "bg1"),
                   bg("tx2"), hide_master=True),
        layout_xml("status", "obj", title_ph()
                   + ph(3, "key_message", "body", 1, (BODY_BOX[0], 1.5, BODY_BOX[2], 1.75),
                        ppr(2000, "tx2", bold=True), "Avainviesti")
                   + ph(4, "status_table", "tbl", 2, (BODY_BOX[0], 3.4, BODY_BOX[2], 3.45), SMALL_STYLE,
                        "Taulukko")),
        layout_xml("three", "obj", title_ph()
                   + "".join(ph(3 + 2 * n, f"heading_{n + 1}", "body", 13 + n, (third_x[n], 1.45, third, 0.8), heading,
                                "Otsikko", "b")
                             + ph(4 + 2 * n, f"content_{n + 1}", "body", 1 + n, (third_x[n], 2.3, third, 4.55),
                                  THIRD_STYLE, "Teksti") for n in range(3))),
        layout_xml("risks", "obj", title_ph()
                   + ph(3, "risk_map", "body", 1, (BODY_BOX[0], 1.5, 4.6, 5.35), ppr(1200, "tx1"),
                        "Riskikartta piirretään tähän")
                   + ph(4, "top_risks", "tbl", 2, (BODY_BOX[0] + 4.9, 1.5, BODY_BOX[2] - 4.9, 5.35),
                        SMALL_STYLE, "Taulukko")),
        layout_xml("section", "secHead", rect(6, "accent_line", (0.8, 3.95, 2.0, 0.06), "accent2")
                   + ph(2, "title", "title", None, (0.8, 1.6, 11.7, 2.2), ppr(3600, "tx2", bold=True),
                        "Otsikko", "b")
                   + ph(3, "body", "body", 1, (0.8, 4.2, 11.7, 2.4), ppr(2000, "tx1"), "Teksti"),
                   bg("bg2"), hide_master=True),
        layout_xml("content", "obj", title_ph()
                   + ph(3, "body", "body", 1, BODY_BOX, BODY_STYLE, "Teksti")),
        layout_xml("two", "twoTxTwoObj", title_ph()
                   + ph(3, "left_heading", "body", 13, (BODY_BOX[0], 1.45, half, 0.8), heading, "Otsikko", "b")
                   + ph(4, "left_content", "body", 1, (BODY_BOX[0], 2.3, half, 4.55), COLUMN_STYLE, "Teksti")
                   + ph(5, "right_heading", "body", 14, (right_x, 1.45, half, 0.8), heading, "Otsikko", "b")
                   + ph(6, "right_content", "body", 2, (right_x, 2.3, half, 4.55), COLUMN_STYLE, "Teksti")),
        layout_xml("table", "tbl", title_ph()
                   + ph(3, "table", "tbl", 1, BODY_BOX, SMALL_STYLE, "Taulukko")),
        layout_xml("chart", "chart", title_ph()
                   + ph(3, "chart", "chart", 1, BODY_BOX, SMALL_STYLE, "Kaavio")),
        layout_xml("timeline", "titleOnly", title_ph()
                   + ph(3, "timeline", "body", 1, BODY_BOX, ppr(1200, "tx1"), "Tiekartta piirretään tähän")),
        layout_xml("closing", "title", rect(6, "accent_line", (0.8, 3.35, 2.0, 0.06), "accent2")
                   + ph(2, "closing_title", "ctrTitle", None, (0.8, 1.2, 11.7, 2.0), dark_title, "Kiitos", "b")
                   + ph(3, "body", "body", 1, (0.8, 3.6, 11.7, 3.0), light_body, "Teksti"),
                   bg("tx2"), hide_master=True),
    ]


def retheme(theme_part) -> None:
    root = etree.fromstring(theme_part.blob)
    scheme = root.find(f".//{A}clrScheme")
    scheme.set("name", "LUVN")
    for child in scheme:
        key = etree.QName(child).localname
        for old in list(child):
            child.remove(old)
        etree.SubElement(child, f"{A}srgbClr", val=COLORS[key])
    fonts = root.find(f".//{A}fontScheme")
    fonts.set("name", "LUVN")
    for latin in fonts.iter(f"{A}latin"):
        latin.set("typeface", FONT)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    size = prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    size.attrib.pop("type", None)                      # 16:9 widescreen has no preset name
    master = prs.slide_master
    retheme(master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"))
    layout_parts = [layout.part for layout in prs.slide_layouts]
    xmls = layouts()
    for extra in list(prs.slide_layouts)[len(xmls):]:
        prs.slide_layouts.remove(extra)
    rids = []
    for part, xml in zip(layout_parts, xmls, strict=True):
        part._element = parse_xml(xml.encode())
        rids.append(next(r for r, rel in master.part.rels.items() if rel._target is part))
    master.part._element = parse_xml(master_xml(rids).encode())
    prs.core_properties.title = "Muutoksen tarina"
    prs.core_properties.author = "LUVN"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    sys.path.insert(0, str(OUT.parent.parent.parent))
    from pipeline.officefiles import reproducible_zip
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(reproducible_zip(build()))
    print(target)
