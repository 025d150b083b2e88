"""How each index field is stored and matched.

CKAN's Solr schema decides, field by field, whether a value is an exact string,
tokenised text, a date or a multi-valued list; a field it does not name falls
into a catch-all exact string. This module is the PostgreSQL side of that
schema: a few hot fields get their own columns, every other field lives in the
``doc`` JSONB column and is matched by containment.
"""
from __future__ import annotations

from .interfaces import declared

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
# each class's row count and per-value counts of the counted facets. A search
# that filters on class columns only is counted from there instead of from the
# matching rows.
CLASS_COLUMNS = frozenset({"site_id", "entity_type", "dataset_type", "state", "capacity",
                           "permission_labels"})
# Facets every CKAN site has, kept by the database on any site.
CORE_COUNTED_FACETS = frozenset({"organization", "license_id", "dataset_type", "tags", "groups",
                                 "res_format"})
# The list fields of a dataset (in ``doc``) for which the database keeps
# "field=value" strings in the GIN-indexed ``facet_values`` column and per-value
# counts, and further fields it counts: the search schema's functions
# ``asmhub_doc_facets`` and ``asmhub_facet_values`` (migration baseline) name
# exactly these, as a generated column's function must be fixed when created.
# They are ASM Hub's; a field becomes one of the doc or counted facets only when
# a loaded plugin declares it (interfaces.IAsmhubSearch), so a site without the
# hub's plugins searches and counts every field over the matching rows.
DATABASE_LIST_FIELDS = frozenset({"minerals", "countries", "themes", "data_confidence",
                                  "ref_year", "indicators"})
DATABASE_COUNTED_FIELDS = frozenset({"asmhub_country_type", "asmhub_country_mineral",
                                     "asmhub_country_theme", "asmhub_figure"})


def doc_facets() -> frozenset[str]:
    """List fields declared by the loaded plugins that the database indexes and counts
    (read when used: tests and ``ckan`` commands load and unload plugins)."""
    return declared("asmhub_search_list_fields") & DATABASE_LIST_FIELDS


def counted_facets() -> frozenset[str]:
    """Facet fields whose per-class counts the database keeps for this site."""
    return (CORE_COUNTED_FACETS | doc_facets()
            | (declared("asmhub_search_counted_fields") & DATABASE_COUNTED_FIELDS))


# The columns of ``asmhub_search_text`` (search schema baseline): the narrow copy of
# each row that a search made of text terms and class filters is counted and
# ranked on. ``title_a`` is the title's own vector (weight A).
TEXT_TABLE_COLUMNS = frozenset({"index_id", "metadata_modified", "name", "title", "title_a",
                                "search_vector"})
