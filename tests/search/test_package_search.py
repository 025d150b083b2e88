"""package_search on the PostgreSQL backend, through the real action API."""
from __future__ import annotations

import pytest

import sqlalchemy as sa

from ckan import model
from ckan.lib import search as core_search
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.search import connection, statement

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def names(result):
    return [d["name"] for d in result["results"]]


def test_counts_are_integers_the_paginator_can_slice_with(make_dataset, search):
    make_dataset(name="one")
    for params in ({}, {"q": "*:*", "facet.field": ["tags"]}, {"q": "one"}):
        assert type(search(**params)["count"]) is int


class TestIndexingFollowsTheData:
    def test_created_dataset_is_found(self, make_dataset, search):
        make_dataset(name="gold-census", title="Gold miners census")
        assert names(search(q="census")) == ["gold-census"]

    def test_updated_dataset_is_found_by_its_new_words(self, make_dataset, search, sysadmin):
        dataset = make_dataset(name="tin", title="Tin production")
        call_action("package_patch", context={"user": sysadmin["name"]},
                    id=dataset["id"], title="Cassiterite output")
        assert names(search(q="cassiterite")) == ["tin"]
        assert search(q="production")["count"] == 0

    def test_deleted_dataset_leaves_search(self, make_dataset, search, sysadmin):
        dataset = make_dataset(name="gone")
        call_action("package_delete", context={"user": sysadmin["name"]}, id=dataset["id"])
        assert search(q="*:*")["count"] == 0
        assert search(q="*:*", include_deleted=True, context={"ignore_auth": True})["count"] == 0

    @pytest.mark.ckan_config("ckan.search.remove_deleted_packages", "false")
    def test_deleted_dataset_can_be_kept_for_the_trash(self, make_dataset, search, sysadmin):
        dataset = make_dataset(name="trashed")
        call_action("package_delete", context={"user": sysadmin["name"]}, id=dataset["id"])
        assert search(q="*:*")["count"] == 0
        assert names(search(q="*:*", include_deleted=True,
                            context={"ignore_auth": True})) == ["trashed"]

    def test_index_row_belongs_to_the_callers_transaction(self, make_dataset, search):
        make_dataset(name="kept", title="Original title")
        doc = dict(core_search.show("kept"), title="Rewritten title")
        core_search.common.make_connection().add(docs=[doc])
        assert names(search(q="rewritten")) == ["kept"]
        model.Session.rollback()
        assert search(q="rewritten")["count"] == 0
        assert names(search(q="original")) == ["kept"]

    def test_package_show_is_served_from_the_index(self, make_dataset):
        make_dataset(name="cached", title="Cached")
        doc = core_search.show("cached")
        assert doc["metadata_modified"].endswith("Z")
        assert '"title": "Cached"' in doc["validated_data_dict"]
        assert call_action("package_show", id="cached", use_cache=True)["title"] == "Cached"


class TestQueryLanguage:
    @pytest.fixture(autouse=True)
    def _datasets(self, with_plugins, clean_db, clean_index, make_dataset):
        org = factories.Organization(name="pact")
        make_dataset(name="ghana-gold", title="Gold mining in Ghana",
                     notes="Galamsey sites and mercury use", tags=[{"name": "gold"}],
                     owner_org=org["id"])
        make_dataset(name="drc-3t", title="Tin, tantalum and tungsten in DR Congo",
                     notes="Artisanal mine sites in the east", tags=[{"name": "3T"}, {"name": "tin"}])
        make_dataset(name="mali-gold", title="Orpaillage au Mali",
                     notes="Exploitation aurifère artisanale", tags=[{"name": "gold"}])

    def test_all_documents(self, search):
        assert search(q="*:*")["count"] == 3
        assert search(q="")["count"] == 3

    def test_terms_are_anded(self, search):
        assert names(search(q="gold ghana")) == ["ghana-gold"]

    def test_quoted_phrase(self, search):
        assert names(search(q='"mine sites"')) == ["drc-3t"]
        assert search(q='"sites mine"')["count"] == 0

    def test_or_not_and_grouping(self, search):
        assert sorted(names(search(q="ghana OR congo"))) == ["drc-3t", "ghana-gold"]
        assert names(search(q="gold AND NOT ghana")) == ["mali-gold"]
        assert names(search(q="(ghana OR mali) AND mercury")) == ["ghana-gold"]

    def test_plus_and_minus(self, search):
        assert names(search(q="+gold -ghana")) == ["mali-gold"]

    def test_field_value(self, search):
        assert names(search(q="tags:3T")) == ["drc-3t"]
        assert names(search(q="name:mali-gold")) == ["mali-gold"]
        assert names(search(q="organization:pact")) == ["ghana-gold"]

    def test_title_field_matches_only_titles(self, search):
        assert search(q="title:mercury")["count"] == 0
        assert names(search(q="notes:mercury")) == ["ghana-gold"]

    def test_stemming_in_english(self, search):
        assert names(search(q="mines sites congo")) == ["drc-3t"]

    def test_accents_and_french_stemming(self, search):
        assert names(search(q="aurifere")) == ["mali-gold"]
        assert names(search(q="artisanal exploitations")) == ["mali-gold"]

    def test_prefix_wildcard(self, search):
        assert names(search(q="title:tungst*")) == ["drc-3t"]
        assert sorted(names(search(q="name:*-gold"))) == ["ghana-gold", "mali-gold"]

    def test_a_title_match_of_one_word_still_needs_the_others(self, search):
        # The best-ranked tier is found through the title vector; the whole
        # request must still hold for each of its rows.
        assert names(search(q="gold mercury")) == ["ghana-gold"]
        assert names(search(q="gold -mercury")) == ["mali-gold"]
        assert names(search(q="tin -east")) == []
        assert names(search(q="(tin OR orpaillage) -tungsten")) == ["mali-gold"]

    def test_an_excluded_word_is_one_query_with_the_included_one(self, search):
        # The GIN index answers "gold AND NOT ghana" alone, without reading vectors.
        assert "&& (!! " in statement.build({"q": "gold -ghana"}).count_sql
        assert names(search(q="gold -ghana")) == ["mali-gold"]
        assert names(search(q="mercury -ghana")) == []
        assert search(q='"&" -ghana')["count"] == 0  # nothing to look for stays nothing

    def test_free_text_that_is_not_lucene_still_searches_its_words(self, search):
        assert names(search(q="ghana (gold")) == ["ghana-gold"]

    def test_title_ranks_above_description(self, make_dataset, search):
        make_dataset(name="about-mercury", title="Mercury trade", notes="Imports")
        assert names(search(q="mercury"))[0] == "about-mercury"

    def test_phrases_match_in_each_language(self, search):
        # One vector holds every language's form of a word at that word's
        # position, so each language's phrase query finds its words adjacent.
        assert names(search(q='"artisanal mines sites"')) == ["drc-3t"]
        assert names(search(q='"sites artisanal mine"')) == []
        assert names(search(q='"exploitations auriferes"')) == ["mali-gold"]


class TestVectorsAndQueries:
    """Every language's lexeme once, at its word's position; every distinct query once."""

    def value(self, sql, **binds):
        return model.Session.execute(sa.text(sql), binds).scalar()

    def test_a_word_keeps_its_position_in_every_language(self):
        vector = self.value("SELECT asmhub_tsvector('Gold mining')::text")
        assert vector == "'gold':1 'mine':2 'mining':2"

    def test_quotes_and_backslashes_survive_the_merge(self):
        text = "O'Neil's back\\slash l'exploitation minière"
        merged = self.value("SELECT tsvector_to_array(asmhub_tsvector(:t))", t=text)
        each = self.value(
            "SELECT array_agg(DISTINCT l ORDER BY l) FROM unnest(ARRAY['english', 'french', "
            "'spanish', 'portuguese', 'simple']) c, "
            "unnest(tsvector_to_array(to_tsvector(('asmhub_' || c)::regconfig, :t))) l", t=text)
        assert merged == each

    def test_a_query_asks_each_distinct_form_once(self):
        assert self.value("SELECT asmhub_plain_tsquery('mining')::text") == "'mine' | 'mining'"
        assert self.value("SELECT asmhub_phrase_tsquery('the')::text") == "'the'"
        assert self.value("SELECT numnode(asmhub_plain_tsquery(''))") == 0

    def test_only_filtered_columns_stay_in_the_row(self):
        options = self.value("SELECT reloptions FROM pg_class WHERE relname = 'asmhub_search_doc'")
        assert "toast_tuple_target=128" in options
        storage = dict(model.Session.execute(sa.text(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = "
            "'asmhub_search_doc'::regclass AND attnum > 0 AND NOT attisdropped")).all())
        assert {storage[c] for c in ("doc", "data_dict", "validated_data_dict",
                                     "search_vector")} == {"x"}
        assert {storage[c] for c in ("permission_labels", "title_vector", "tags",
                                     "facet_values", "state", "capacity")} == {"m"}


class TestFilterQueries:
    @pytest.fixture(autouse=True)
    def _datasets(self, with_plugins, clean_db, clean_index, make_dataset):
        self.org = factories.Organization(name="igf")
        self.group = factories.Group(name="gender")
        make_dataset(name="ds-a", tags=[{"name": "gold"}], owner_org=self.org["id"],
                     groups=[{"name": "gender"}], license_id="CC-BY-SA-4.0",
                     resources=[{"url": "http://x/a.csv", "format": "CSV"}])
        make_dataset(name="ds-b", tags=[{"name": "gold"}, {"name": "women"}], license_id="ODbL-1.0",
                     resources=[{"url": "http://x/b.pdf", "format": "PDF"}])
        make_dataset(name="ds-c", tags=[{"name": "tin"}], license_id="CC-BY-4.0")

    @pytest.mark.parametrize("fq, expected", [
        ('tags:"gold"', ["ds-a", "ds-b"]),
        ('tags: "gold"', ["ds-a", "ds-b"]),
        ('tags:"gold"res_format:"PDF"', ["ds-b"]),
        ("+dataset_type:dataset", ["ds-a", "ds-b", "ds-c"]),
        ("+capacity:public", ["ds-a", "ds-b", "ds-c"]),
        ('tags:"gold" OR tags:"tin"', ["ds-a", "ds-b", "ds-c"]),
        ("tags:(gold OR tin)", ["ds-a", "ds-b", "ds-c"]),
        ("-tags:gold", ["ds-c"]),
        ("groups:gender", ["ds-a"]),
        ('license_id:"CC-BY-4.0"', ["ds-c"]),
        ("license_id:CC*", ["ds-a", "ds-c"]),
        ("res_format:*", ["ds-a", "ds-b"]),
        ("metadata_modified:[* TO NOW]", ["ds-a", "ds-b", "ds-c"]),
        ("metadata_created:{NOW TO *}", []),
        ("num_tags:[2 TO *]", ["ds-b"]),
        ("num_resources:{0 TO 1]", ["ds-a", "ds-b"]),
        ('name:{"ds-a" TO *]', ["ds-b", "ds-c"]),
        ('name:["ds-a" TO "ds-b"]', ["ds-a", "ds-b"]),
        ('name:["*" TO "ds-a"}', []),
        ('license_id:["CC" TO "CC-BY-4.0"]', ["ds-c"]),
    ])
    def test_fq_shapes_core_and_extensions_send(self, search, fq, expected):
        assert sorted(names(search(fq=fq, rows=10))) == expected

    def test_owner_org_filter(self, search):
        assert names(search(fq=f'+owner_org:"{self.org["id"]}"')) == ["ds-a"]

    def test_fq_list(self, search):
        assert names(search(fq_list=['tags:"gold"', "-res_format:PDF"])) == ["ds-a"]


class TestFacets:
    @pytest.fixture(autouse=True)
    def _datasets(self, with_plugins, clean_db, clean_index, make_dataset):
        org = factories.Organization(name="delve", title="Delve")
        for i, tags in enumerate([["gold", "mercury"], ["gold"], ["gold", "tin"], ["tin"]]):
            make_dataset(name=f"d{i}", tags=[{"name": t} for t in tags], owner_org=org["id"])

    def test_counts_per_value_sorted_by_count(self, search):
        result = search(**{"facet.field": '["tags", "organization"]'})
        assert result["facets"]["tags"] == {"gold": 3, "tin": 2, "mercury": 1}
        items = result["search_facets"]["organization"]["items"]
        assert items == [{"name": "delve", "display_name": "Delve", "count": 4}]

    def test_counts_follow_the_query(self, search):
        result = search(q="tags:tin", **{"facet.field": '["tags"]'})
        assert result["facets"]["tags"] == {"tin": 2, "gold": 1}

    def test_mincount_and_limit(self, search):
        result = search(**{"facet.field": '["tags"]', "facet.mincount": 2, "facet.limit": 1})
        assert result["facets"]["tags"] == {"gold": 3}
        result = search(**{"facet.field": '["tags"]', "facet.limit": -1})
        assert len(result["facets"]["tags"]) == 3


class TestSortPagingAndFields:
    @pytest.fixture(autouse=True)
    def _datasets(self, with_plugins, clean_db, clean_index, make_dataset):
        for title in ["Bravo", "alpha", "Charlie", "delta"]:
            make_dataset(name=title.lower(), title=title)

    def test_title_string_sort_is_code_point_order_like_solr(self, search):
        assert names(search(sort="title_string asc")) == ["bravo", "charlie", "alpha", "delta"]

    def test_name_and_date_sorts(self, search):
        assert names(search(sort="name desc")) == ["delta", "charlie", "bravo", "alpha"]
        assert names(search(sort="metadata_created asc"))[0] == "bravo"
        assert names(search(sort="metadata_modified desc"))[0] == "delta"

    def test_a_field_no_dataset_has_sorts_like_solr_dynamic_fields(self, search):
        assert search(sort="views_recent desc")["count"] == 4

    @pytest.mark.parametrize("sort", ["name", "name sideways", "tags asc", "na'me asc"])
    def test_bad_sort_is_a_clean_error_over_http(self, app, sort):
        response = app.get("/api/action/package_search", query_string={"sort": sort}, status=400)
        assert response.json["error"]["__type"] == "Search Query Error"
        assert "sort" in response.json["error"]["message"].lower()

    def test_rows_and_start_page_through_everything(self, search):
        pages = [names(search(sort="name asc", rows=1, start=i)) for i in range(5)]
        assert pages == [["alpha"], ["bravo"], ["charlie"], ["delta"], []]

    def test_fl_list_and_comma_forms(self, search):
        assert search(fl="name,title", sort="name asc", rows=1)["results"] == [
            {"name": "alpha", "title": "alpha"}]
        assert search(fl=["id", "name"], rows=1)["results"][0].keys() == {"id", "name"}


class TestVisibility:
    def test_private_and_draft_datasets_follow_permission_labels(self, make_dataset, search):
        editor = factories.User()
        org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
        make_dataset(name="open", owner_org=org["id"])
        make_dataset(name="hidden", owner_org=org["id"], private=True)
        make_dataset(name="unfinished", owner_org=org["id"], state="draft")
        stranger = factories.User()

        def visible(user, **params):
            return sorted(names(search(context={"user": user["name"]}, **params)))

        assert names(search(include_private=True)) == ["open"]
        assert visible(stranger, include_private=True, include_drafts=True) == ["open"]
        assert visible(editor, include_private=True) == ["hidden", "open"]
        assert visible(editor) == ["open"]
        assert visible(editor, include_private=True, include_drafts=True) == [
            "hidden", "open", "unfinished"]


class TestErrors:
    @pytest.mark.parametrize("params", [
        {"q": "title:gold~2"},
        {"q": 'title:"gold mining"~3'},
        {"q": "title:/go.d/"},
        {"q": "title:(gold"},
        {"fq": "tags:(gold"},
        {"fq": "{!frange l=0}x"},
        {"q": "title:[a TO b]"},
        {"fq": "metadata_modified:[yesterday TO NOW]"},
        {"q": "title:*old"},
    ])
    def test_unsupported_syntax_is_a_search_error_over_http(self, app, params):
        response = app.get("/api/action/package_search", query_string=params, status=409)
        assert response.json["success"] is False
        assert response.json["error"]["__type"] == "Search Error"
        assert response.json["error"]["message"]

    def test_search_page_shows_the_error_instead_of_failing(self, app):
        response = app.get("/dataset/", query_string={"q": "title:gold~2"})
        assert response.status_code == 200
        assert "search error" in response.body.lower() or "error" in response.body.lower()


class TestTextSearchesReadTheTextIndex:
    """A text match found by scanning reads each row's 3 kB vector; the GIN index reads none."""

    @pytest.fixture(autouse=True)
    def _datasets(self, with_plugins, clean_db, clean_index, make_dataset):
        for i in range(3):
            make_dataset(name=f"ds-{i}", title=f"Dataset {i}", notes="Mercury use in gold mining")

    def plan(self, params):
        stmt = statement.build(params)
        previous = connection.apply_settings(connection.settings(stmt))
        plan = "\n".join(statement.explain(stmt.count))
        connection.apply_settings(previous)
        return stmt, plan

    def test_a_text_count_uses_the_vector_index(self):
        stmt, plan = self.plan({"q": "mercury", "fq": ['+capacity:public', '+permission_labels:("public")']})
        assert stmt.text_search
        assert "asmhub_search_text_search_vector_idx" in plan
        assert "Seq Scan" not in plan

    def test_other_searches_leave_the_planner_alone(self, search):
        stmt, _ = self.plan({"fq": 'tags:"gold"'})
        assert not stmt.text_search
        assert search(q="mercury")["count"] == 3
        assert model.Session.execute(sa.text("SELECT current_setting('enable_seqscan')")).scalar() == "on"

    def test_a_search_gives_back_the_settings_it_found(self, search):
        model.Session.execute(sa.text("SET LOCAL jit = off"))
        model.Session.execute(sa.text("SET LOCAL statement_timeout = '7s'"))
        assert search(q="mercury")["count"] == 3
        found = model.Session.execute(sa.text(
            "SELECT current_setting('jit'), current_setting('statement_timeout'), "
            "current_setting('enable_seqscan')")).one()
        assert tuple(found) == ("off", "7s", "on")
