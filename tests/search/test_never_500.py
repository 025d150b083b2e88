"""Whatever a client sends as q, fq, sort or facet.field, search answers or refuses cleanly."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ckan.lib.search.common import SearchError

pytestmark = pytest.mark.usefixtures("with_plugins", "non_clean_db")

LUCENE_BITS = st.sampled_from([
    "gold", "tags:", '"', "(", ")", "[", "]", "{", "}", "*", "?", "~", "^2", ":", "\\", "/",
    " AND ", " OR ", " NOT ", "+", "-", "!", "&&", "||", "title:", "metadata_modified:",
    " TO ", "NOW-1DAY", "*:*", "{!frange l=0}", "_val_:", "'", ";", "--", "\x00", "é", " ",
    "minerals:", "ref_year:[2000 TO *]", "bbox:", "num_tags:", "-1", "1e9",
])
QUERY = st.one_of(st.lists(LUCENE_BITS, max_size=8).map("".join), st.text(max_size=30))
FIELD = st.one_of(st.sampled_from(["tags", "minerals", "metadata_modified", "title", "name"]),
                  st.text(max_size=12))


@settings(deadline=None, suppress_health_check=list(HealthCheck))
@given(q=QUERY, fq=QUERY, sort=st.one_of(QUERY, st.sampled_from(["title_string asc", "score desc"])),
       facet=FIELD)
@example(q="", fq="\x00", sort="", facet="tags")
@example(q="gold", fq="", sort="\x00", facet="\x00")
def test_search_never_fails_with_an_unexpected_error(search, q, fq, sort, facet):
    from ckan.logic import ValidationError
    try:
        result = search(q=q, fq=fq, sort=sort, **{"facet.field": [facet]})
    except (SearchError, ValidationError):
        return  # a clean refusal: HTTP 409/400 with a message
    assert result["count"] >= 0


@pytest.mark.parametrize("q, words", [
    ("(" * 1000 + "gold" + ")" * 1000, "at most 2000 characters"),
    ("(" * 40 + "gold" + ")" * 40, "nest at most 16 deep"),
    (" ".join(f"word{i}" for i in range(200)), "at most 64 terms"),
    ("x" * 5000, "at most 2000 characters"),
], ids=["nested-1000", "nested-40", "words-200", "chars-5000"])
def test_an_oversized_query_is_refused_with_a_409(app, q, words):
    """A query that would cost seconds (or overflow the parser) is refused, not run."""
    response = app.get("/api/3/action/package_search", query_string={"q": q}, status=409)
    assert words in str(response.json["error"])
    page = app.get("/dataset/", query_string={"q": q})
    assert page.status_code in (200, 400, 409)
