"""Babel extractor for ckanext-scheming schemas.

Scheming passes every plain-string label, help text and choice label through
gettext when it renders, so the English text in the YAML is the msgid; this
extractor puts those texts in the ``.pot`` next to the Python and template
strings (``setup.py`` maps ``**/schemas/**.yaml`` to it).
"""
from __future__ import annotations

from typing import IO, Any, Iterator

import yaml

# Keys whose string values scheming shows to people.
TRANSLATED_KEYS = {"label", "help_text", "form_placeholder", "repeating_label", "required_text"}


def _messages(node: yaml.Node) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (key.value in TRANSLATED_KEYS and isinstance(value, yaml.ScalarNode)
                    and value.tag.endswith(":str") and value.value.strip()):
                yield value.start_mark.line + 1, value.value
            else:
                yield from _messages(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _messages(item)


def extract_scheming(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                     options: dict[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield ``(lineno, funcname, message, comments)`` as babel expects."""
    root = yaml.compose(fileobj.read().decode(options.get("encoding", "utf-8")))
    if root is None:
        return
    for lineno, message in _messages(root):
        yield lineno, "_", message, []
