"""Serialising ElementTree documents (the standard library's, so exports need no extra package)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

__all__ = ["serialize"]


def serialize(root: ET.Element, *, doctype: str | None = None) -> str:
    """The element as an indented UTF-8 XML document with its declaration (and doctype, if given)."""
    ET.indent(root, space="  ")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if doctype:
        head += doctype + "\n"
    return head + ET.tostring(root, encoding="unicode") + "\n"
