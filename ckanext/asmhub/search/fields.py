"""How each index field is stored and matched.

CKAN's Solr schema decides, field by field, whether a value is an exact string,
tokenised text, a date or a multi-valued list; a field it does not name falls
into a catch-all exact string. This module is the PostgreSQL side of that
schema: a few hot fields get their own columns, every other field lives in the
``doc`` JSONB column and is matched by containment.
"""
from __future__ import annotations

# Exact, single-valued strings with a column of their own.
SCALAR_COLUMNS = frozenset({
    "index_id", "id", "site_id", "name", "state", "capacity", "dataset_type",
    "entity_type", "owner_org", "organization", "license_id", "creator_user_id",
    "title_string",
})

# Exact, multi-valued strings with a ``text[]`` column of their own.
ARRAY_COLUMNS = frozenset({"tags", "groups", "res_format", "permission_labels"})

# Dates with a ``timestamptz`` column.
DATE_COLUMNS = frozenset({"metadata_created", "metadata_modified"})

# Tokenised text. ``text`` is the catch-all Solr builds by copyField; here it is
# the whole weighted vector.
TEXT_FIELDS = frozenset({
    "text", "title", "notes", "res_name", "res_description", "author",
    "maintainer", "author_email", "maintainer_email", "urls",
})
TEXT_PREFIXES = ("extras_", "res_extras_")

# Fields that answer prefix ("starts with") matches, for autocomplete.
NGRAM_FIELDS = {"name_ngram": "name", "title_ngram": "title"}

# Weighted parts of the search vector. A ranks highest.
WEIGHTS = {
    "A": ("title",),
    "B": ("name", "tags", "groups", "organization", "keywords"),
    "C": ("notes",),
    "D": ("res_name", "res_description", "author", "maintainer", "url",
          "res_url", "license_id"),
}

# The two JSON blobs core stores; kept out of ``doc`` (they have columns).
BLOB_FIELDS = ("data_dict", "validated_data_dict")


def is_text(field: str) -> bool:
    return field in TEXT_FIELDS or field.startswith(TEXT_PREFIXES)


def is_date(field: str) -> bool:
    return field in DATE_COLUMNS or field.endswith("_date")

# Rows that agree on these columns form a *class*; ``asmhub_search_count`` keeps
# each class's row count and per-value counts of the COUNTED_FACETS (migration
# 0003 defines both lists for the database). A search that filters on class
# columns only is counted from there instead of from the matching rows.
CLASS_COLUMNS = frozenset({"site_id", "entity_type", "dataset_type", "state", "capacity",
                           "permission_labels"})
# The dataset's own list fields (in ``doc``), also kept as "field=value" strings
# in the GIN-indexed ``facet_values`` column for exact filters.
DOC_FACETS = frozenset({"minerals", "countries", "themes", "data_confidence", "ref_year",
                        "indicators"})
# The fields pairing a country with what a dataset says, which the Countries
# pages facet on (``countries/facets.py``; migration 0005).
PAIR_FACETS = frozenset({"asmhub_country_type", "asmhub_country_mineral", "asmhub_country_theme",
                         "asmhub_figure"})
COUNTED_FACETS = frozenset({"organization", "license_id", "dataset_type", "tags", "groups",
                            "res_format"}) | DOC_FACETS | PAIR_FACETS

# The columns of ``asmhub_search_text`` (migration 0008): the narrow copy of
# each row that a search made of text terms and class filters is counted and
# ranked on. ``title_a`` is the title's own vector (weight A).
TEXT_TABLE_COLUMNS = frozenset({"index_id", "metadata_modified", "name", "title", "title_a",
                                "search_vector"})
