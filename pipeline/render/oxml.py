"""Faster XML queries for python-docx and python-pptx: their `xpath()` hands lxml the expression as a string, which
lxml compiles again on every call (most of a deck's rendering time went there), and their `qn()` parses a tag name
such as "a:rPr" again on every call. The same few hundred expressions and tags are worked out once per process here
and reused; the queries and their results are the same.

`install` also restores python-docx's core-properties namespace after docxcompose (imported by docxtpl) has
replaced it, so that docProps/core.xml stays valid.

Nothing is patched on import: `install` is called once before anything renders — by the build stage before it
reads and renders (its worker processes inherit it, or call it when they start), by the `kit` command, the
benchmark and the tests' conftest. A renderer calls `require` first: without the patches it stops with an error
instead of writing a file Word would call damaged. TESTED holds the library versions the patches were written and
checked for; tests/test_patches.py fails when an installed version leaves its range (the internals patched here may
then have changed)."""
from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

from lxml import etree

_installed: set[type] = set()
_core_restored = False

# library → (lowest version, first version not checked): the patches below reach into these libraries' internals
# (BaseOxmlElement.xpath, ns.qn and ns.nsmap, lazyproperty, docxcompose's remapping of "cp")
TESTED = {"python-docx": ("1.1", "1.3"), "python-pptx": ("1.0.2", "1.1"), "docxtpl": ("0.18", "0.21"),
          "docxcompose": ("1.4", "2.3"), "lxml": ("4.9", "7"),
          "openpyxl": ("3.1", "3.2")}        # its worksheet writer and cells: render/county/sheetdata.py, cells.py


def _cached(namespaces: dict[str, str]):
    compiled: dict[str, etree.XPath] = {}

    def xpath(self, xpath_str: str) -> Any:
        query = compiled.get(xpath_str)
        if query is None:
            query = compiled[xpath_str] = etree.XPath(xpath_str, namespaces=namespaces)
        return query(self)

    return xpath


def install() -> None:
    """Replace `BaseOxmlElement.xpath` of python-docx and python-pptx by the cached one (once per process), after
    restoring python-docx's core-properties prefix."""
    _restore_core_properties_prefix()
    # deferred: installing is what loads python-docx and python-pptx (heavy); importing this module loads neither
    import docx.oxml.ns
    import docx.oxml.xmlchemy
    import pptx.oxml.ns
    import pptx.oxml.xmlchemy

    for element, namespaces in ((docx.oxml.xmlchemy.BaseOxmlElement, docx.oxml.ns.nsmap),
                                (pptx.oxml.xmlchemy.BaseOxmlElement, pptx.oxml.ns._nsmap)):
        if element not in _installed:
            element.xpath = _cached(namespaces)             # type: ignore[method-assign]
            _installed.add(element)
    for ns in (docx.oxml.ns, pptx.oxml.ns):
        _cache_qn(ns)
    for element, ns in ((docx.oxml.xmlchemy.BaseOxmlElement, docx.oxml.ns),
                        (pptx.oxml.xmlchemy.BaseOxmlElement, pptx.oxml.ns)):
        if getattr(element.first_child_found_in, "__name__", "") != "first_child_found_in_one_pass":
            element.first_child_found_in = _first_child_found_in(ns.qn)   # type: ignore[method-assign]
    import docx.shared
    import pptx.util
    for lazy in (docx.shared.lazyproperty, pptx.util.lazyproperty):
        _read_directly_once_known(lazy)
    _pptx_shortcuts()


def _pptx_shortcuts() -> None:
    """Four of python-pptx's most called queries answered the same way with less work: a shape's placeholder element
    (`./*[1]/p:nvPr/p:ph`, asked of every shape whenever placeholders are looked for) by the query compiled once, the
    slide's largest shape id (asked for every new shape) with plain strings, and the package's next free part name
    by one walk over the parts reached from its relationships (as `iter_parts` does) without the per-relationship
    property calls (asked for each notes slide, chart and embedded workbook); and a part's relationships file
    written as text (see `_relationships_xml`)."""
    import pptx.opc.package
    import pptx.oxml.shapes.groupshape
    import pptx.oxml.shapes.shared
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.packuri import PackURI

    shape = pptx.oxml.shapes.shared.BaseShapeElement
    if getattr(shape.ph, "fget", None) is _placeholder_element:
        return
    shape.ph = property(_placeholder_element)                        # type: ignore[assignment]
    pptx.oxml.shapes.groupshape.CT_GroupShape.max_shape_id = property(_max_shape_id)   # type: ignore[assignment]

    def next_partname(self: Any, tmpl: str) -> Any:
        prefix = tmpl[: (tmpl % 42).find("42")]
        partnames, seen, stack = set(), set(), [self._rels]
        while stack:
            for rel in stack.pop()._rels.values():
                if rel._target_mode == RTM.EXTERNAL or rel._target in seen:
                    continue
                part = rel._target
                seen.add(part)
                if part.partname.startswith(prefix):
                    partnames.add(part.partname)
                stack.append(part.rels)
        for n in range(len(partnames) + 1, 0, -1):
            if tmpl % n not in partnames:
                return PackURI(tmpl % n)
        raise AssertionError("no free part name")                      # pragma: no cover — as python-pptx's

    pptx.opc.package.OpcPackage.next_partname = next_partname         # type: ignore[method-assign]
    relationships: Any = pptx.opc.package._Relationships
    relationships.xml = property(_relationships_xml(relationships.xml.fget))


_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_IDS = etree.XPath("//@id", smart_strings=False)
_PH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces={"p": _P[1:-1]})


def _max_shape_id(self: Any) -> int:
    """The largest whole-number @id anywhere in the slide (python-pptx's `max_shape_id`, asked for every new shape),
    0 when there is none: the ids as plain strings, converted in C."""
    return max(map(int, filter(str.isdigit, _IDS(self))), default=0)


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RELS_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_AS_IS = re.compile(r'[\x20-\x7e]*\Z')                  # printable ASCII: lxml writes it as it is, but for &<>"
_ESCAPED = re.compile(r'[&<>"]')


def _relationships_xml(library: Any) -> Any:
    """python-pptx's `_Relationships.xml` (the .rels file of a part: its relationships in the order of their
    numbers) written as text instead of building an element per relationship and serialising them: the same
    bytes. A value with a character lxml would escape or encode (an external link's `&`, a non-ASCII letter) is
    written by the library's own code (LIBRARY)."""

    def xml(self: Any) -> bytes:
        numbered = sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in self.keys())
        out = []
        for _, rid in numbered:
            rel = self[rid]
            values = (rid, rel.reltype, rel.target_ref)
            if any(not _AS_IS.match(v) or _ESCAPED.search(v) for v in values):
                return library(self)
            mode = ' TargetMode="External"' if rel.is_external else ""
            out.append(f'<Relationship Id="{rid}" Type="{values[1]}" Target="{values[2]}"{mode}/>')
        if not out:
            return f'{_RELS_HEAD}<Relationships xmlns="{_RELS_NS}"/>'.encode()
        return f'{_RELS_HEAD}<Relationships xmlns="{_RELS_NS}">{"".join(out)}</Relationships>'.encode()

    xml.library = library                                     # type: ignore[attr-defined]
    return xml


def _placeholder_element(self: Any) -> Any:
    """The shape element's `p:ph` (`./*[1]/p:nvPr/p:ph`, python-pptx's own query, compiled once), None when it is
    not a placeholder."""
    found = _PH(self)
    return found[0] if found else None


def _first_child_found_in(qn: Any) -> Any:
    """The libraries' `first_child_found_in(*tagnames)` (the first child with the first of TAGNAMES that any child
    has; asked with a tag's schema successors whenever a child is added in schema order): one pass over the
    children, lxml picking out those with one of the tags, instead of a search per tag name."""
    known: dict[tuple[str, ...], tuple[tuple[str, ...], dict[str, int]]] = {}

    def first_child_found_in_one_pass(self: Any, *tagnames: str) -> Any:
        tags = known.get(tagnames)
        if tags is None:
            clark = tuple(qn(t) for t in tagnames)
            tags = known[tagnames] = (clark, {tag: n for n, tag in reversed(list(enumerate(clark)))})
        clark, rank = tags
        if not clark:
            return None
        first = None
        for child in self.iterchildren(*clark):
            if first is None or rank[child.tag] < rank[first.tag]:
                first = child
        return first

    return first_child_found_in_one_pass


def _lazy_get(self: Any, obj: Any, owner: Any = None) -> Any:
    """python-docx's and python-pptx's `lazyproperty.__get__`, keeping what it does (the value worked out on first
    use and kept in the instance's __dict__; None never kept, so worked out again), for a non-data descriptor."""
    if obj is None:
        return self
    value = obj.__dict__.get(self._name)
    if value is None:
        value = self._fget(obj)
        if value is not None:
            obj.__dict__[self._name] = value
    return value


def _read_directly_once_known(lazy: type) -> None:
    """`lazyproperty` without its `__set__` (which only refuses assignment): a non-data descriptor, so a value once
    kept in an instance's __dict__ is read by Python directly, not through a Python-level `__get__` each time
    (the most called function of a deck's rendering: about 12 000 times a deck)."""
    if "__set__" in lazy.__dict__:
        lazy.__get__ = _lazy_get                              # type: ignore[attr-defined]
        del lazy.__set__                                      # type: ignore[attr-defined]


def installed() -> bool:
    return _core_restored and len(_installed) == 2


def require() -> None:
    """Stop, loudly, when the patches are not installed: python-docx would write a core.xml Word calls damaged."""
    if not installed():
        raise RuntimeError("pipeline.render.oxml.install() was not called before rendering (the build stage, the "
                           "kit command, the benchmark and the tests' conftest call it)")


def _cache_qn(ns: Any) -> None:
    """`qn` of the module NS remembered per tag, in NS and in every module that imported it by name."""
    original = ns.qn
    if getattr(original, "cache_info", None):
        return
    cached = cache(original)
    for module in list(sys.modules.values()):
        if getattr(module, "qn", None) is original:
            module.__dict__["qn"] = cached


CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def _restore_core_properties_prefix() -> None:
    """docxcompose (which docxtpl imports) maps python-docx's prefix `cp` to the custom-properties namespace for the
    whole process; python-docx then adds `lastModifiedBy`, `revision` … to docProps/core.xml a second time, in the
    wrong namespace, and Word reports the file as damaged (docxtpl #471). Its own module keeps its own mapping."""
    import docx.oxml.ns  # deferred: see `install`
    import docxtpl  # noqa: F401 — imports docxcompose, which changes the mapping once, on import

    global _core_restored
    docx.oxml.ns.nsmap["cp"] = CORE_PROPERTIES
    docx.oxml.ns.pfxmap[CORE_PROPERTIES] = "cp"
    _core_restored = True

