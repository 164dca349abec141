"""Validating the XML parts of .docx, .pptx and .xlsx files against the ECMA-376 transitional schemas.

The schemas are test data (tests/data/xsd, see its README). Every part is checked the way Office reads it: first the
markup-compatibility content is resolved (elements and attributes of the namespaces a part declares `mc:Ignorable`
are dropped, `mc:AlternateContent` is replaced by its `mc:Fallback`), then the part is validated by one schema that
imports every namespace. Compiling that schema takes about a second: it is done once per process.

A deviation Office itself writes and reads is listed once, in ACCEPTED, with the reason; every other error fails."""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "data" / "xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# namespace → schema file (relative to XSD); the wrapper schema imports them all
NAMESPACES = {
    XML_NS: "local/xml.xsd",
    "http://purl.org/dc/elements/1.1/": "local/dc.xsd",
    "http://purl.org/dc/terms/": "local/dcterms.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/presentationml/2006/main": "pml.xsd",
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "sml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing": "dml-chartDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "dml-diagram.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas": "dml-lockedCanvas.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "dml-picture.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "dml-spreadsheetDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "dml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/characteristics": "shared-additionalCharacteristics.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "shared-math.xsd",
    "urn:schemas-microsoft-com:vml": "vml-main.xsd",
    "urn:schemas-microsoft-com:office:office": "vml-officeDrawing.xsd",
    "urn:schemas-microsoft-com:office:word": "vml-wordprocessingDrawing.xsd",
    "urn:schemas-microsoft-com:office:excel": "vml-spreadsheetDrawing.xsd",
    "urn:schemas-microsoft-com:office:powerpoint": "vml-presentationDrawing.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-xsd/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc-xsd/opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-xsd/opc-relationships.xsd",
}


@dataclass(frozen=True)
class Accepted:
    """A schema error Office itself writes and reads without a repair prompt."""
    pattern: str        # regular expression matched against "part: message"
    reason: str


# The one list of deviations the suite accepts. Anything else is a defect.
ACCEPTED = (
    Accepted(r"^(ppt|xl|word)/charts/chart\d+\.xml: line \d+: .*'\{http://schemas\.openxmlformats\.org/drawingml/2006/chart\}"
             r"(axId|crossAx)', attribute 'val': '-\d+' is not a valid value of the atomic type 'xs:unsignedInt'",
             "python-pptx writes chart axis IDs as signed 32-bit numbers, some negative; ST_AxisId is unsignedInt, "
             "but PowerPoint and Excel write such IDs themselves and open them without a repair prompt."),
)


class _Local(etree.Resolver):
    """Serve the Dublin Core schemas opc-coreProperties.xsd names by URL from the local copies (no network)."""
    LOCAL = {"http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "local/dc.xsd",
             "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "local/dcterms.xsd"}

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        local = self.LOCAL.get(system_url)
        return self.resolve_filename(str(XSD / local), context) if local else None


@cache
def schema() -> etree.XMLSchema:
    """One schema importing every namespace an Office part may use (compiled once per process)."""
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{path}"/>' for ns, path in NAMESPACES.items())
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=str(XSD / "wrapper.xsd")))


_IGNORABLE = etree.XPath("//@mc:Ignorable", namespaces={"mc": MC})
_ELEMENTS_IN = etree.XPath("//*[contains($listed, concat('|', namespace-uri(), '|'))]")
_ATTRIBUTES_OF = etree.XPath("//@*[contains($listed, concat('|', namespace-uri(), '|'))]")
_ATTRIBUTES_IN = etree.XPath("//@*[namespace-uri() = $ns]")


def resolve_compatibility(root: etree._Element) -> etree._Element:
    """ROOT with markup-compatibility content resolved as a reader that knows only the transitional schemas does:
    `mc:AlternateContent` replaced by its Fallback's children (or dropped), elements and attributes of the
    namespaces declared ignorable dropped, and the mc: attributes removed."""
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent = alternate.getparent()
        if parent is None:
            continue
        fallback = alternate.find(f"{{{MC}}}Fallback")
        index = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(index, child)
        _drop(alternate)
    ignorable = {value.getparent().nsmap.get(prefix) for value in _IGNORABLE(root) for prefix in value.split()}
    ignorable.discard(None)
    if ignorable:
        listed = "|" + "|".join(sorted(ignorable)) + "|"
        for element in _ELEMENTS_IN(root, listed=listed):
            if element is not root:
                _drop(element)
        for attribute in _ATTRIBUTES_OF(root, listed=listed):
            del attribute.getparent().attrib[attribute.attrname]
    for attribute in _ATTRIBUTES_IN(root, ns=MC):
        del attribute.getparent().attrib[attribute.attrname]
    return root


def _drop(element: etree._Element) -> None:
    """Remove ELEMENT, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def part_errors(name: str, data: bytes) -> list[str]:
    """The schema errors of the XML part NAME (as "part: message")."""
    return [f"{name}: {message}" for message in _messages(hashlib.sha256(data).digest(), data)]


_seen: dict[bytes, list[str]] = {}


def _messages(digest: bytes, data: bytes) -> list[str]:
    """The schema errors of a part's content, each distinct content validated once per process (the masters,
    layouts, themes and styles every file of a kind shares)."""
    if digest not in _seen:
        root = etree.fromstring(data, etree.XMLParser(no_network=True, huge_tree=True))
        if MC.encode() in data:
            root = resolve_compatibility(root)
        checker = schema()
        valid = checker.validate(etree.ElementTree(root))
        _seen[digest] = [] if valid else [f"line {e.line}: {e.message}" for e in checker.error_log]
    return _seen[digest]


def file_errors(data: bytes) -> list[str]:
    """The schema errors of every XML part of the Office file DATA, the accepted deviations left out."""
    errors: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            if info.filename.endswith((".xml", ".rels")):
                errors += part_errors(info.filename, package.read(info))
    return [e for e in errors if not any(re.search(a.pattern, e) for a in ACCEPTED)]
