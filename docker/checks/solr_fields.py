"""Does the Solr init step give the hub's fields the types the index needs?

Usage: python solr_fields.py DATABASE_URL docker/solr/add-asmhub-fields.sh

Reads what the PostgreSQL backend indexed (the ``doc`` JSONB of every row of
``asmhub_search_doc``, after the seed) and CKAN's own Solr schema (shipped in the
ckan package, the schema of ckan/ckan-solr:2.12-solr9), then checks that:
- every field holding a list somewhere, and not multi-valued in CKAN's schema, is
  in the script's ``list_fields``, and the script adds no field the index never
  holds as a list;
- the keyword fields the PostgreSQL backend ranks with the tags
  (``ckanext.asmhub.search.keyword_fields``) reach Solr's ``text`` field;
- no value bound for an exact-string field is over Solr's 32766-byte term limit
  (a document with such a value is refused whole).
"""
from __future__ import annotations

import configparser
import fnmatch
import re
import sys
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import sqlalchemy as sa

TERM_LIMIT = 32766
SPATIAL_FIELDS = {"bbox_area": False, "maxx": False, "maxy": False, "minx": False, "miny": False,
                  "spatial_geom": True}


def ckan_schema() -> tuple[dict[str, tuple[str, bool]], list[tuple[str, str, bool]], dict[str, set[str]]]:
    root = ET.fromstring(files("ckan").joinpath("config", "solr", "schema.xml").read_text())
    types = {t.get("name"): t.get("multiValued") == "true" for t in root.iter("fieldType")}

    def multi(element: ET.Element) -> bool:
        value = element.get("multiValued")
        return value == "true" if value is not None else types.get(element.get("type"), False)

    fields = {f.get("name"): (f.get("type"), multi(f)) for f in root.iter("field")}
    fields.update({name: ("spatial", m) for name, m in SPATIAL_FIELDS.items()})
    dynamic = [(d.get("name"), d.get("type"), multi(d)) for d in root.iter("dynamicField")]
    copies: dict[str, set[str]] = {}
    for c in root.iter("copyField"):
        copies.setdefault(c.get("dest"), set()).add(c.get("source"))
    return fields, dynamic, copies


def field_type(name: str, fields, dynamic) -> tuple[str, bool]:
    if name in fields:
        return fields[name]
    for pattern, type_, multi in dynamic:
        if fnmatch.fnmatchcase(name, pattern):
            return type_, multi
    return "string", False


def script_lists(path: str) -> dict[str, list[str]]:
    text = open(path).read()
    return {name: re.search(rf'^{name}="([^"]*)"', text, re.M).group(1).split()
            for name in ("list_fields", "text_fields", "copy_to_text")}


def keyword_fields() -> list[str]:
    """The hub's keyword fields: config/hub.ini sets them (asmhub_search's default is none)."""
    hub = configparser.ConfigParser(interpolation=None)
    hub.read(Path(__file__).resolve().parents[2] / "config" / "hub.ini")
    value = hub.get("app:main", "ckanext.asmhub.search.keyword_fields", fallback="")
    if not value:
        raise SystemExit("config/hub.ini sets no ckanext.asmhub.search.keyword_fields")
    return value.split()


def main(url: str, script: str) -> None:
    fields, dynamic, copies = ckan_schema()
    declared = script_lists(script)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        docs = conn.execute(sa.text("SELECT count(*) FROM asmhub_search_doc")).scalar()
        rows = conn.execute(sa.text("""
            SELECT d.key,
                   bool_or(jsonb_typeof(d.value) = 'array') AS is_list,
                   max(CASE WHEN jsonb_typeof(d.value) = 'string' THEN octet_length(d.value #>> '{}') END),
                   max((SELECT max(octet_length(e)) FROM jsonb_array_elements_text(
                        CASE WHEN jsonb_typeof(d.value) = 'array' THEN d.value ELSE '[]' END) e))
            FROM asmhub_search_doc, jsonb_each(doc) d GROUP BY d.key""")).all()
    if not docs:
        raise SystemExit("the index is empty: run the seed first")
    problems = []
    lists_needed = set()
    for key, is_list, longest, longest_item in rows:
        type_ = field_type(key, fields, dynamic)[0]
        if key in declared["list_fields"]:
            type_ = "string"
        elif key in declared["text_fields"]:
            type_ = "text"
        if is_list and not field_type(key, fields, dynamic)[1]:
            lists_needed.add(key)
        if type_ == "string" and max(longest or 0, longest_item or 0) > TERM_LIMIT:
            problems.append(f"{key}: a value of {max(longest or 0, longest_item or 0)} bytes would be one "
                            f"exact-string term over Solr's {TERM_LIMIT}-byte limit")
    missing = sorted(lists_needed - set(declared["list_fields"]))
    extra = sorted(set(declared["list_fields"]) - lists_needed)
    if missing:
        problems.append(f"list fields the script does not add: {', '.join(missing)}")
    if extra:
        problems.append(f"fields the script adds as lists that the index never holds as lists: {', '.join(extra)}")
    for key in keyword_fields():
        if key not in copies.get("text", set()) and key not in declared["copy_to_text"]:
            problems.append(f"keyword field {key} never reaches Solr's text field")
    if problems:
        raise SystemExit("; ".join(problems))
    print(f"{len(declared['list_fields'])} list fields added, as the {docs} indexed documents hold them "
          f"({', '.join(sorted(lists_needed))}); keyword fields {', '.join(keyword_fields())} copied to text; "
          f"no exact-string value over {TERM_LIMIT} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
