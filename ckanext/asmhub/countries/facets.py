"""Index fields that let one facet query gather a country's figures.

Reading every dataset to total up countries costs a page of results per
thousand datasets; a facet pass is one SQL statement (or one Solr request)
whatever the size of the catalogue. So, when a dataset is indexed, the plugin
adds multi-valued fields pairing each country it covers with what it says:

- ``asmhub_country_type``: ``"TZA dataset"``: counts datasets and documents;
- ``asmhub_country_mineral``, ``asmhub_country_theme``: ``"TZA gold"``;
- ``asmhub_figure``: ``"TZA {estimate as JSON}"`` for each estimate of a dataset
  covering that one country, and ``"world {…}"`` for each global estimate.

The facet counts, filtered by the same permission labels as any search, are
then the aggregates: nothing unapproved is ever counted.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from . import catalogue, figures

TYPE, MINERAL, THEME, FIGURE = ("asmhub_country_type", "asmhub_country_mineral",
                                "asmhub_country_theme", "asmhub_figure")
FIELDS = [TYPE, MINERAL, THEME, FIGURE]
WORLD = "world"


def index_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    doc = catalogue.shaped(pkg_dict)
    countries = doc["countries"]
    pkg_dict[TYPE] = [f"{c} {doc['dataset_type']}" for c in countries]
    pkg_dict[MINERAL] = [f"{c} {m}" for c in countries for m in doc["minerals"]]
    pkg_dict[THEME] = [f"{c} {t}" for c in countries for t in doc["themes"]]
    values = []
    for estimate in figures.estimates_of(doc):
        if estimate["indicator"] in figures.GLOBAL_INDICATORS:
            values.append(f"{WORLD} {json.dumps(estimate, sort_keys=True)}")
        elif len(countries) == 1:
            values.append(f"{countries[0]} {json.dumps(estimate, sort_keys=True)}")
    pkg_dict[FIGURE] = values
    return pkg_dict


def counts(fq: str, fields: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Facet counts of the public datasets matching ``fq``: {field: {value: count}}."""
    result = catalogue.search(q="*:*", fq=fq, rows=0,
                              **{"facet.field": fields or FIELDS, "facet.limit": -1})
    # Plain ints, whichever backend answered.
    return {field: {value: int(n) for value, n in result["facets"].get(field, {}).items()}
            for field in fields or FIELDS}


def pairs(values: dict[str, int], key: str | None = None) -> Iterator[tuple[str, str, int]]:
    """(key, rest, count) of each ``"KEY rest"`` value, optionally of one key only."""
    for value, count in values.items():
        head, _, rest = value.partition(" ")
        if rest and (key is None or head == key):
            yield head, rest, count


def estimates(values: dict[str, int], key: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    for head, rest, _ in pairs(values, key):
        try:
            yield head, json.loads(rest)
        except ValueError:
            continue
