"""Faster XML queries for python-docx and python-pptx: their `xpath()` hands lxml the expression as a string, which
lxml compiles again on every call (most of a deck's rendering time went there). The same few hundred expressions
are compiled once per process here and reused; the queries and their results are the same."""
from __future__ import annotations

from typing import Any

from lxml import etree

_installed: set[type] = set()


def _cached(namespaces: dict[str, str]):
    compiled: dict[str, etree.XPath] = {}

    def xpath(self, xpath_str: str) -> Any:
        query = compiled.get(xpath_str)
        if query is None:
            query = compiled[xpath_str] = etree.XPath(xpath_str, namespaces=namespaces)
        return query(self)

    return xpath


def install() -> None:
    """Replace `BaseOxmlElement.xpath` of python-docx and python-pptx by the cached one (once per process)."""
    import docx.oxml.ns
    import docx.oxml.xmlchemy
    import pptx.oxml.ns
    import pptx.oxml.xmlchemy

    for element, namespaces in ((docx.oxml.xmlchemy.BaseOxmlElement, docx.oxml.ns.nsmap),
                                (pptx.oxml.xmlchemy.BaseOxmlElement, pptx.oxml.ns._nsmap)):
        if element not in _installed:
            element.xpath = _cached(namespaces)             # type: ignore[method-assign]
            _installed.add(element)
