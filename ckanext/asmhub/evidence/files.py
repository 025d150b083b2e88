"""The curated evidence files (``data/evidence/``): read, typed and checked.

``datapackage.json`` beside the CSV files declares their schema (Frictionless
Table Schema: types, required, enum, pattern, minimum, unique, foreign keys).
``check()`` applies it, plus the citation rules a schema cannot say: a range is
ordered, a share is 0-100, a unit fits its indicator, a figure is dated no
later than it was published, and every URL names a page, not a site. The seed
then loads the rows through the hub's dataset validators, as the API would.
"""
from __future__ import annotations

import csv
import datetime
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from ..metadata import vocabularies as v
from ..logic.validators import NOT_IN_URI

WORLD = "WLD"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, where a curator can find it."""

    resource: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.resource}.csv line {self.line}, {self.field}: {self.message}"


class EvidenceError(ValueError):
    """The evidence files break their schema or the citation rules."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{len(problems)} problem(s) in the evidence files: {shown}{more}")


def _folder():
    return files("ckanext.asmhub").joinpath("data", "evidence")


@lru_cache(maxsize=1)
def package() -> dict[str, Any]:
    """The data package descriptor: every resource's path and schema."""
    return json.loads(_folder().joinpath("datapackage.json").read_text(encoding="utf-8"))


def _raw(resource: dict[str, Any]) -> list[dict[str, str]]:
    with _folder().joinpath(resource["path"]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _typed(value: str, kind: str) -> Any:
    """The cell as its declared type: '' is None, a whole number is an int."""
    value = value.strip()
    if value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(value)
        return int(number) if number.is_integer() else number
    return value


def specific_url(url: str) -> bool:
    """An http(s) address that names a page or document, not just a site."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname or NOT_IN_URI.search(url):
        return False
    path = parts.path.strip("/")
    return bool(path and path.lower() not in ("index.html", "index.php", "en", "fr", "es", "home")
                or parts.query)


def _field_problems(name: str, schema: dict[str, Any], rows: list[dict[str, str]]
                    ) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    typed_rows: list[dict[str, Any]] = []
    seen: dict[str, set] = {}
    for line, raw in enumerate(rows, start=2):
        row: dict[str, Any] = {"_line": line}
        for field in schema["fields"]:
            key, rules = field["name"], field.get("constraints", {})

            def fail(message: str, key: str = key, line: int = line) -> None:
                problems.append(Problem(name, line, key, message))

            if key not in raw:
                fail("the column is missing")
                continue
            try:
                value = _typed(raw[key] or "", field["type"])
            except ValueError:
                fail(f"{raw[key]!r} is not a {field['type']}")
                continue
            row[key] = value
            if value is None:
                if rules.get("required"):
                    fail("is required")
                continue
            if "enum" in rules and value not in rules["enum"]:
                fail(f"{value!r} is not one of {', '.join(rules['enum'])}")
            if "pattern" in rules and not re.fullmatch(rules["pattern"], str(value)):
                fail(f"{value!r} does not match {rules['pattern']}")
            if "minimum" in rules and value < rules["minimum"]:
                fail(f"{value} is below {rules['minimum']}")
            if field.get("format") == "uri" and not specific_url(value):
                fail(f"{value!r} is not the address of a specific page (http or https, with a path)")
            if rules.get("unique"):
                if value in seen.setdefault(key, set()):
                    fail(f"{value!r} appears twice")
                seen[key].add(value)
        typed_rows.append(row)
    return typed_rows, problems


def _estimate_problems(row: dict[str, Any], this_year: int) -> list[tuple[str, str]]:
    """The citation rules for one figure, as (field, message) pairs."""
    out = []
    low, central, high = row.get("low"), row.get("central"), row.get("high")
    if central is None and (low is None or high is None):
        out.append(("central", "give the published figure, or both low and high when the source gives a range"))
    for a, b in (("low", "central"), ("central", "high"), ("low", "high")):
        if row.get(a) is not None and row.get(b) is not None and row[a] > row[b]:
            out.append((a, f"{row[a]} is above {b} {row[b]}"))
    unit, indicator = row.get("unit"), row.get("indicator")
    if unit and indicator and unit not in v.INDICATOR_UNITS.get(indicator, ()):
        out.append(("unit", f"{unit!r} does not fit {indicator} (use "
                              f"{', '.join(v.INDICATOR_UNITS.get(indicator, ()))})"))
    if unit == "percent" and any(x is not None and x > 100 for x in (low, central, high)):
        out.append(("unit", "a share cannot be above 100 percent"))
    for key in ("ref_year", "pub_year"):
        if row.get(key) is not None and row[key] > this_year:
            out.append((key, f"{row[key]} is in the future"))
    if row.get("ref_year") and row.get("pub_year") and row["ref_year"] > row["pub_year"]:
        out.append(("ref_year", f"{row['ref_year']} is after its publication in {row['pub_year']}"))
    iso3 = row.get("iso3")
    if iso3 and iso3 != WORLD and iso3 not in v.countries():
        out.append(("iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code"))
    return out


@dataclass(frozen=True)
class Evidence:
    estimates: list[dict[str, Any]]
    sources: dict[str, dict[str, Any]]
    countries: list[dict[str, Any]]
    minerals: dict[str, dict[str, Any]]


def check(today: datetime.date | None = None) -> tuple[Evidence, list[Problem]]:
    """Every row, typed, and every problem found in the files (none when they are sound)."""
    this_year = (today or datetime.date.today()).year
    tables: dict[str, list[dict[str, Any]]] = {}
    problems: list[Problem] = []
    for resource in package()["resources"]:
        rows, found = _field_problems(resource["name"], resource["schema"], _raw(resource))
        tables[resource["name"]] = rows
        problems += found
    codes = {s["source_code"] for s in tables["sources"]}
    for name in ("estimates", "countries", "minerals"):
        for row in tables[name]:
            if row.get("source_code") and row["source_code"] not in codes:
                problems.append(Problem(name, row["_line"], "source_code",
                                        f"{row['source_code']!r} is not in sources.csv"))
    for row in tables["estimates"]:
        for field, message in _estimate_problems(row, this_year):
            problems.append(Problem("estimates", row["_line"], field, message))
    for row in tables["sources"]:
        if row.get("year") and row["year"] > this_year:
            problems.append(Problem("sources", row["_line"], "year", f"{row['year']} is in the future"))
    quantified = {r["iso3"] for r in tables["estimates"]}
    for row in tables["countries"]:
        if row.get("iso3") in quantified:
            problems.append(Problem("countries", row["_line"], "iso3",
                                    f"{row['iso3']} has figures in estimates.csv; list it only there"))
    for row in tables["minerals"]:
        unknown = [m for m in (row.get("minerals") or "").split(";") if m and m not in v.MINERALS]
        if unknown:
            problems.append(Problem("minerals", row["_line"], "minerals",
                                    f"unknown mineral code(s): {', '.join(unknown)}"))
    evidence = Evidence(tables["estimates"], {s["source_code"]: s for s in tables["sources"]},
                        tables["countries"], {m["iso3"]: m for m in tables["minerals"]})
    return evidence, problems


def record_name(source_code: str) -> str:
    """The name of a source's library record: ``library-igf-18``."""
    return f"library-{source_code.lower()}"


def citation(source: dict[str, Any]) -> str:
    """'Authors. Title (Publisher, year)', without authors for an organisation's work and
    without a year for an undated page."""
    authors = (source.get("authors") or "").rstrip(".")
    work = f"{authors}. {source['title']}" if authors else source["title"]
    published = ", ".join(str(x) for x in (source["publisher"], source.get("year")) if x)
    return f"{work} ({published})"


@lru_cache(maxsize=1)
def load() -> Evidence:
    """The evidence, refusing files that break the rules (``EvidenceError`` lists why)."""
    evidence, problems = check()
    if problems:
        raise EvidenceError(problems)
    return evidence
