"""Names for the hub's own dataset types, in the reader's language.

CKAN names a custom type by capitalising it and adding an "s" ("Add Library",
"Librarys"), in English whatever the language. The library of documents gets
proper, translated names for every purpose CKAN asks about
(``h.humanize_entity_type``); other purposes fall back to CKAN.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import N_

# dataset_type → purpose → label
NAMES = {
    "library": {
        "add link": N_("Add a document"),
        "breadcrumb": N_("Library"),
        "content tab": N_("Documents"),
        "create label": N_("Add a document"),
        "create title": N_("Add a document"),
        "delete confirmation": N_("Are you sure you want to delete this document?"),
        "description placeholder": N_("What the document is about..."),
        "edit label": N_("Edit document"),
        "facet label": N_("Documents"),
        "form label": N_("Document"),
        "main nav": N_("Library"),
        "my label": N_("My documents"),
        "view label": N_("View document"),
        "name placeholder": N_("my-document"),
        "no any objects": N_("There are no documents in the library yet."),
        "no label": N_("No document"),
        "page title": N_("Library"),
        "save label": N_("Save document"),
        "search placeholder": N_("Search the library..."),
        "update label": N_("Update document"),
    },
}


def entity_name(object_type: str, purpose: str) -> str | None:
    """The label for ``purpose`` of the hub's type ``object_type``, or None for CKAN's."""
    label = NAMES.get(object_type, {}).get(purpose)
    return tk._(label) if label else None
