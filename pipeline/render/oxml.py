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

import sys
from functools import cache
from typing import Any

from lxml import etree

_installed: set[type] = set()
_core_restored = False

# library → (lowest version, first version not checked): the patches below reach into these libraries' internals
# (BaseOxmlElement.xpath, ns.qn and ns.nsmap, docxcompose's remapping of "cp")
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

