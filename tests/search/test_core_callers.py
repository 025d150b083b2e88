"""Every place in CKAN core that reaches the search index works with no Solr."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.cli.cli import ckan as ckan_command
from ckan.tests import factories
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def point(lon, lat):
    return json.dumps({"type": "Point", "coordinates": [lon, lat]})


def box(minx, miny, maxx, maxy):
    ring = [[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


class TestPagesAndCounts:
    def test_dataset_page_lists_results_and_facets(self, app, make_dataset):
        make_dataset(name="tz-gold", title="Tanzania gold miners", minerals=["gold"], countries=["TZA"])
        body = app.get("/dataset/", query_string={"q": "miners"}).body
        assert "Tanzania gold miners" in body
        assert "Minerals" in body and "Gold" in body
        assert "Tanzania" in body

    def test_htmx_partial_search_returns_only_the_results(self, app, make_dataset):
        make_dataset(name="partial", title="Partial update")
        response = app.get("/dataset/", query_string={"q": "partial"}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "Partial update" in response.body
        assert "<html" not in response.body

    def test_dataset_page_filters_by_facet(self, app, make_dataset):
        make_dataset(name="one", title="Gold one", minerals=["gold"])
        make_dataset(name="two", title="Tin two", minerals=["tin"])
        body = app.get("/dataset/", query_string={"minerals": "tin"}).body
        assert "Tin two" in body and "Gold one" not in body

    def test_organization_counts_and_page(self, app, make_dataset):
        org = factories.Organization(name="pact", title="Pact")
        make_dataset(owner_org=org["id"])
        make_dataset(owner_org=org["id"])
        make_dataset(owner_org=org["id"], private=True)
        orgs = app.get("/api/action/organization_list", query_string={"all_fields": "true"}).json["result"]
        assert {o["name"]: o["package_count"] for o in orgs}["pact"] == 2
        assert app.get("/organization/pact").status_code == 200

    def test_group_counts(self, make_dataset):
        factories.Group(name="gender")
        make_dataset(groups=[{"name": "gender"}])
        groups = call_action("group_list", all_fields=True)
        assert groups[0]["package_count"] == 1

    def test_tag_show_with_datasets(self, make_dataset):
        make_dataset(name="tagged", tags=[{"name": "mercury"}])
        tag = call_action("tag_show", id="mercury", include_datasets=True)
        assert [d["name"] for d in tag["packages"]] == ["tagged"]

    def test_user_datasets_on_the_dashboard(self, app, make_dataset):
        user = factories.User()
        org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
        make_dataset(name="mine", owner_org=org["id"], user=user, private=True)
        shown = call_action("user_show", context={"user": user["name"]}, id=user["id"],
                            include_datasets=True)
        assert [d["name"] for d in shown["datasets"]] == ["mine"]

    def test_package_autocomplete_by_prefix_and_title(self, make_dataset):
        make_dataset(name="mercury-use-ghana", title="Mercury use in Ghana")
        make_dataset(name="gold-output", title="Gold output")
        found = call_action("package_autocomplete", q="merc")
        assert [d["name"] for d in found] == ["mercury-use-ghana"]
        assert [d["name"] for d in call_action("package_autocomplete", q="outp")] == ["gold-output"]

    def test_autocomplete_over_http(self, app, make_dataset):
        make_dataset(name="tin-rwanda", title="Tin in Rwanda")
        response = app.get("/api/2/util/dataset/autocomplete", query_string={"incomplete": "rwan"})
        assert "tin-rwanda" in response.body


class TestMultiValuedFields:
    def test_each_value_is_counted_on_its_own(self, search, make_dataset):
        make_dataset(minerals=["gold", "tin"], countries=["COD", "RWA"], themes=["conflict"])
        make_dataset(minerals=["gold"], countries=["GHA"])
        result = search(**{"facet.field": '["minerals", "countries"]'})
        assert result["facets"]["minerals"] == {"gold": 2, "tin": 1}
        assert result["facets"]["countries"] == {"COD": 1, "GHA": 1, "RWA": 1}
        labels = {i["name"]: i["display_name"] for i in result["search_facets"]["countries"]["items"]}
        assert labels["COD"].startswith("Congo")

    def test_list_values_filter_exactly(self, search, make_dataset):
        make_dataset(name="drc", minerals=["tin", "tantalum"])
        make_dataset(name="gh", minerals=["gold"])
        assert [d["name"] for d in search(fq='minerals:"tin"')["results"]] == ["drc"]
        assert search(fq="minerals:(gold OR tantalum)")["count"] == 2

    def test_codes_are_findable_by_words(self, search, make_dataset):
        make_dataset(name="drc", title="Eastern DRC", minerals=["tin"], countries=["COD"])
        assert [d["name"] for d in search(q="3T")["results"]] == ["drc"]
        assert [d["name"] for d in search(q="cassiterite congo")["results"]] == ["drc"]

    def test_years_filter_by_range(self, search, make_dataset):
        for name, year in (("older", "2003"), ("newer", "2020")):
            make_dataset(name=name, estimates=[{"indicator": "asm_miners", "central": "10",
                                                "ref_year": year, "source": "S"}])
        assert [d["name"] for d in search(fq="ref_year:[2010 TO *]")["results"]] == ["newer"]
        assert search(fq="ref_year:[2000 TO 2025]")["count"] == 2


class TestBoundingBox:
    @pytest.fixture(autouse=True)
    def _places(self, with_plugins, clean_db, clean_index, make_dataset):
        make_dataset(name="accra", spatial=point(-0.19, 5.6))
        make_dataset(name="fiji", spatial=box(177.0, -19.0, 179.9, -16.0))
        make_dataset(name="samoa", spatial=point(-172.1, -13.8))
        make_dataset(name="tanzania", spatial=box(29.3, -11.8, 40.5, -0.9))
        make_dataset(name="nowhere")

    def found(self, search, bbox):
        return sorted(d["name"] for d in search(ext_bbox=bbox, rows=20)["results"])

    def test_point_inside_the_box(self, search):
        assert self.found(search, "-5,0,5,10") == ["accra"]

    def test_overlapping_extent_matches(self, search):
        assert self.found(search, "39,-5,45,5") == ["tanzania"]

    def test_box_across_the_antimeridian(self, search):
        assert self.found(search, "175,-20,-170,-10") == ["fiji", "samoa"]

    def test_whole_world_finds_everything_with_an_extent(self, search):
        assert self.found(search, "-180,-90,180,90") == ["accra", "fiji", "samoa", "tanzania"]

    def test_box_touching_an_edge_matches(self, search):
        assert self.found(search, "40.5,-0.9,41,0") == ["tanzania"]

    @pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "0,50,10,40", "0,0,200,10"])
    def test_bad_box_is_a_search_error(self, app, bbox):
        response = app.get("/api/action/package_search", query_string={"ext_bbox": bbox}, status=409)
        assert "bounding box" in response.json["error"]["message"].lower()


class TestSearchIndexCommands:
    def test_rebuild_check_show_and_clear(self, cli, make_dataset, search):
        make_dataset(name="indexed")
        result = cli.invoke(ckan_command, ["search-index", "clear"])
        assert result.exit_code == 0, result.output
        assert search()["count"] == 0

        result = cli.invoke(ckan_command, ["search-index", "rebuild"])
        assert result.exit_code == 0, result.output
        assert "Indexing dataset 1/1" in result.output
        assert search()["count"] == 1

        result = cli.invoke(ckan_command, ["search-index", "check"])
        assert "Packages not indexed = 0 out of 1" in result.output

        result = cli.invoke(ckan_command, ["search-index", "show", "indexed"])
        assert result.exit_code == 0 and "'name': 'indexed'" in result.output

    def test_clear_orphans_removes_datasets_gone_from_the_database(self, cli, make_dataset, search):
        make_dataset(name="orphan")
        # The dataset vanishes from the database behind the index's back.
        model.Session.execute(sa.text("UPDATE asmhub_search_doc SET id = 'vanished', index_id = 'vanished', "
                                      "doc = jsonb_set(doc, '{id}', '\"vanished\"')"))
        model.Session.commit()
        assert search(context={"ignore_auth": True})["count"] == 1
        result = cli.invoke(ckan_command, ["search-index", "clear-orphans"])
        assert result.exit_code == 0, result.output
        assert search(context={"ignore_auth": True})["count"] == 0
