"""Serialising ElementTree documents (the standard library's, so exports need no extra package)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from handwriting_ocr.documents._values import LONE_SURROGATE

__all__ = ["serialize", "xml_text"]

# Characters XML 1.0 cannot carry at all (C0 controls but tab/newline/return, U+FFFE, U+FFFF), and
# lone surrogates (a JSON escape such as "\ud800" is no character, and UTF-8 cannot encode it).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|" + LONE_SURROGATE.pattern)


def xml_text(text: str) -> str:
    """Text as XML in UTF-8 can carry it: characters XML forbids, and lone surrogates, become U+FFFD
    (the replacement character).

    ElementTree writes them unchanged, which would make the whole file ill-formed (or, for a
    surrogate, impossible to encode). Every text and attribute value of every XML export goes
    through here.
    """
    return _NOT_XML.sub("\ufffd", text)


def serialize(root: ET.Element, *, doctype: str | None = None) -> str:
    """The element as an indented UTF-8 XML document with its declaration (and doctype, if given)."""
    ET.indent(root, space="  ")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if doctype:
        head += doctype + "\n"
    return head + ET.tostring(root, encoding="unicode") + "\n"
