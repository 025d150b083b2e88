"""How to cite a dataset or library document: plain text, BibTeX and RIS.

A dataset is credited to its organisation and published by the hub; a library
document to its authors (or its publisher when it has none) and its publisher.
"""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk

# RIS and BibTeX entry types for the library's document types; anything else is generic.
RIS_TYPES = {"report": "RPRT", "article": "JOUR", "book": "BOOK", "thesis": "THES",
             "policy": "BILL", "website": "ELEC", "working-paper": "RPRT"}
BIBTEX_TYPES = {"report": "techreport", "working-paper": "techreport", "article": "article",
                "book": "book", "thesis": "phdthesis"}


def _is_document(pkg: dict[str, Any]) -> bool:
    return pkg.get("type") == "library"


def creators(pkg: dict[str, Any]) -> list[str]:
    if _is_document(pkg) and pkg.get("authors"):
        return [a.strip() for a in pkg["authors"].split(";") if a.strip()]
    if _is_document(pkg) and pkg.get("publisher"):
        return [pkg["publisher"]]
    organization = pkg.get("organization") or {}
    return [organization.get("title") or organization.get("name") or tk.config.get("ckan.site_title")]


def year(pkg: dict[str, Any]) -> str:
    if _is_document(pkg) and pkg.get("year"):
        return str(pkg["year"])
    return (pkg.get("metadata_created") or "")[:4]


def publisher(pkg: dict[str, Any]) -> str:
    if _is_document(pkg):
        return pkg.get("publisher") or ""
    return tk.config.get("ckan.site_title")


def page_url(pkg: dict[str, Any]) -> str:
    return tk.url_for(f"{pkg.get('type') or 'dataset'}.read", id=pkg["name"], _external=True)


def link(pkg: dict[str, Any]) -> str:
    """Where to find it: a document's original link if it has one, else its page on the hub."""
    if _is_document(pkg) and pkg.get("url"):
        return pkg["url"]
    return page_url(pkg)


def text(pkg: dict[str, Any]) -> str:
    kind = "" if _is_document(pkg) else " [{}]".format(tk._("Data set"))
    parts = [f"{'; '.join(creators(pkg))} ({year(pkg) or tk._('n.d.')}). {pkg.get('title') or pkg['name']}{kind}."]
    if publisher(pkg) and creators(pkg) != [publisher(pkg)]:  # an organisation's own report names it once
        parts.append(f"{publisher(pkg)}.")
    parts.append(link(pkg))
    return " ".join(parts)


def _bibtex_escape(value: str) -> str:
    return re.sub(r"([\\{}&%$#_^~])", r"\\\1", value)


def bibtex(pkg: dict[str, Any]) -> str:
    entry = BIBTEX_TYPES.get(pkg.get("document_type"), "misc") if _is_document(pkg) else "misc"
    key = re.sub(r"[^A-Za-z0-9]", "", pkg["name"]) + year(pkg)
    # Organisations go in double braces so that BibTeX does not split them into names.
    authors = " and ".join(a if _is_document(pkg) and pkg.get("authors") else "{" + a + "}"
                           for a in map(_bibtex_escape, creators(pkg)))
    fields = {
        "author": authors,
        "title": "{" + _bibtex_escape(pkg.get("title") or pkg["name"]) + "}",
        "year": year(pkg),
        "institution" if entry == "techreport" else "publisher": _bibtex_escape(publisher(pkg)),
        "url": link(pkg),
        "note": "" if _is_document(pkg) else _bibtex_escape(tk._("Data set")),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{entry}{{{key},\n{body}\n}}\n"


def ris(pkg: dict[str, Any]) -> str:
    kind = RIS_TYPES.get(pkg.get("document_type"), "GEN") if _is_document(pkg) else "DATA"
    lines = [("TY", kind)] + [("AU", a) for a in creators(pkg)] + [
        ("TI", pkg.get("title") or pkg["name"]), ("PY", year(pkg)), ("PB", publisher(pkg)),
        ("UR", link(pkg))]
    lines += [("KW", k) for k in pkg.get("minerals") or []]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")
