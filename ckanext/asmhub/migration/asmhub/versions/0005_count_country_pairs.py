"""Keep counts of the country pair fields too.

The Countries table, the country profiles and the home page read their figures
from facets pairing each country with a dataset's type, minerals, themes and
estimates (``asmhub_country_type``, ``asmhub_country_mineral``,
``asmhub_country_theme``, ``asmhub_figure``; see ``countries/facets.py``).
Counted over the matching rows, that facet pass reads every public dataset's
document: seconds at 100k datasets. Kept in ``asmhub_search_count`` like the
other facets, it is a sum over a few classes of rows at any size.

Revision ID: 0005_count_country_pairs
Revises: 0004_search_generation
Create Date: 2026-11-21
"""
from alembic import op

from ckanext.asmhub.migration import revisions

revision = "0005_count_country_pairs"
down_revision = "0004_search_generation"
branch_labels = None
depends_on = None

PAIR_FACETS = ("asmhub_country_type", "asmhub_country_mineral", "asmhub_country_theme",
               "asmhub_figure")


def _facet_counts_migration():
    """Migration 0003, whose definitions of the counts this one extends."""
    return revisions.load("0003_search_facet_counts.py")


def _recount(doc_facets: tuple[str, ...]) -> None:
    counts = _facet_counts_migration()
    op.execute(counts._values_function(doc_facets))
    op.execute("TRUNCATE asmhub_search_count")
    op.execute(counts._apply_sql("SELECT *, 1 AS s FROM asmhub_search_doc"))


def upgrade():
    _recount(_facet_counts_migration().DOC_FACETS + PAIR_FACETS)


def downgrade():
    _recount(_facet_counts_migration().DOC_FACETS)
