"""DCAT-AP 3 export: valid, public only, and faithful to the hub's fields."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS

from ckan import model
from ckan.lib import search
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.dcat.processors import RDFParser

# Tests that clean the database come after those that read the seeded catalogue.
pytestmark = pytest.mark.usefixtures("with_plugins")

RDF_FORMATS = {"ttl": "turtle", "rdf": "xml", "xml": "xml", "jsonld": "json-ld"}
COUNTRY = "http://publications.europa.eu/resource/authority/country/"


def _graph(app, url: str, **params) -> Graph:
    response = app.get(url, query_string=params)
    assert response.status_code == 200, response.body
    fmt = RDF_FORMATS[url.rsplit(".", 1)[-1].split("?")[0]]
    return Graph().parse(data=response.get_data(as_text=True), format=fmt)


def _titles(graph: Graph) -> set[str]:
    return {str(graph.value(d, DCTERMS.title)) for d in graph.subjects(RDF.type, DCAT.Dataset)}


def test_catalogue_of_the_seeded_hub_has_no_shacl_violation(app, seeded, shacl_violations):
    response = app.get("/catalog.ttl")
    assert response.status_code == 200
    assert shacl_violations(response.get_data(as_text=True)) == []


def test_every_seeded_dataset_has_no_shacl_violation(app, seeded, shacl_violations):
    names = call_action("package_list")
    assert len(names) > 20
    for name in names:
        text = app.get(f"/dataset/{name}.ttl").get_data(as_text=True)
        assert shacl_violations(text) == [], name


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "10")
def test_catalogue_is_paged_with_hydra(app, seeded):
    total = len(call_action("package_list"))
    seen: set[str] = set()
    page = 1
    while True:
        graph = _graph(app, "/catalog.ttl", page=page)
        titles = _titles(graph)
        if not titles:
            break
        assert len(titles) <= 10
        seen |= titles
        page += 1
    assert len(seen) == total and page - 1 == -(-total // 10)


def test_fields_survive_a_round_trip_through_rdf(app, seeded):
    """Parse our own RDF back with ckanext-dcat's parser and our profile."""
    for name in ("asm-people-tza", "asm-people-cod", "asm-people-global"):
        original = call_action("package_show", id=name)
        parser = RDFParser()
        parser.parse(app.get(f"/dataset/{name}.ttl").get_data(as_text=True), _format="turtle")
        [parsed] = list(parser.datasets())
        for field in ("title", "notes", "countries", "minerals", "themes", "data_confidence", "license_id",
                      "language", "source_citation", "attribution"):
            assert (parsed.get(field) or None) == (original.get(field) or None), (name, field)
        # Without an original source, a harvester's original source is our page.
        assert parsed["url"] == (original.get("url") or f"http://test.asmhub.local/dataset/{name}")
        for field in ("temporal_start", "temporal_end"):
            assert str(parsed.get(field)) == str(original.get(field)), (name, field)
        # Every field of every figure, but its source record: that names a record of this hub.
        assert parsed["estimates"] == [{k: v for k, v in e.items() if k != "source_record"}
                                       for e in original["estimates"]], name
        graph = _graph(app, f"/dataset/{name}.ttl")
        cited = {str(o) for o in graph.objects(None, URIRef("http://schema.org/citation"))}
        assert cited == {f"http://test.asmhub.local/library/{e['source_record']}" for e in original["estimates"]}
        if original.get("spatial"):
            assert json.loads(parsed["spatial"])["coordinates"] == json.loads(original["spatial"])["coordinates"]


def test_country_is_an_eu_authority_uri_with_its_bounding_box(app, seeded):
    graph = _graph(app, "/dataset/asm-people-tza.ttl")
    tza = URIRef(COUNTRY + "TZA")
    assert (None, DCTERMS.spatial, tza) in graph
    assert "POLYGON((29.3234 -11.7162" in str(graph.value(tza, DCAT.bbox))


def test_country_label_is_english_whatever_the_page_language(app, seeded):
    # The label is tagged @en, so it must be the English name on /fr/ too.
    graph = _graph(app, "/fr/dataset/asm-people-tza.ttl")
    labels = {(str(label), label.language) for label in graph.objects(URIRef(COUNTRY + "TZA"), SKOS.prefLabel)}
    assert labels == {("Tanzania", "en")}


@pytest.mark.usefixtures("with_plugins")
class TestVocabularies:
    @pytest.mark.parametrize("scheme", ["minerals", "themes", "indicators", "confidence", "curation"])
    def test_scheme_is_served_as_skos(self, app, scheme):
        graph = _graph(app, f"/vocab/{scheme}.ttl")
        top = URIRef(f"http://test.asmhub.local/vocab/{scheme}")
        assert (top, RDF.type, SKOS.ConceptScheme) in graph
        assert len(list(graph.objects(top, SKOS.hasTopConcept))) >= 3

    def test_concept_uri_answers_with_its_concept(self, app):
        response = app.get("/vocab/curation/as-reported", headers={"Accept": "application/ld+json"})
        assert response.headers["Content-Type"] == "application/ld+json"
        graph = Graph().parse(data=response.get_data(as_text=True), format="json-ld")
        concept = URIRef("http://test.asmhub.local/vocab/curation/as-reported")
        assert str(graph.value(concept, SKOS.prefLabel)) == "As reported"

    @pytest.mark.parametrize("url", ["/vocab/rocks.ttl", "/vocab/minerals/unobtainium", "/vocab/minerals.exe"])
    def test_unknown_vocabulary_or_concept_is_not_found(self, app, url):
        assert app.get(url).status_code == 404


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_stored_link_with_a_quote_cannot_break_the_turtle(app, make_dataset):
    """Links are validated now, but older or harvested values may hold anything."""
    dataset = make_dataset(url="https://example.org/report", resources=[{"url": "https://example.org/data.csv"}])
    pkg = model.Package.get(dataset["id"])
    pkg.url = 'https://example.org/a"b c'
    pkg.resources[0].url = 'https://example.org/x"y<z>.csv'
    model.Session.commit()
    search.rebuild(dataset["id"])
    response = app.get(f"/dataset/{dataset['name']}.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert URIRef("https://example.org/a%22b%20c") in set(graph.objects())
    assert app.get("/catalog.ttl").status_code == 200


class TestOnlyPublicDatasets:
    @pytest.fixture(autouse=True)
    def _datasets(self, with_plugins, clean_db, clean_index, make_dataset):
        org = factories.Organization()
        self.member = factories.User()
        call_action("organization_member_create", id=org["id"], username=self.member["name"], role="editor")
        self.public = make_dataset(name="public-one", title="Public one", owner_org=org["id"])
        self.private = make_dataset(name="private-one", title="Private one", owner_org=org["id"], private=True)

    @pytest.mark.parametrize("fmt", ["ttl", "rdf", "xml", "jsonld"])
    def test_catalogue_lists_public_datasets_only(self, app, fmt):
        assert _titles(_graph(app, f"/catalog.{fmt}")) == {"Public one"}

    @pytest.mark.parametrize("who", ["member", "sysadmin"])
    def test_catalogue_is_the_same_for_members_and_sysadmins(self, app, who):
        user = self.member if who == "member" else factories.Sysadmin()
        token = factories.APIToken(user=user["name"])["token"]
        response = app.get("/catalog.ttl", headers={"Authorization": token})
        graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
        assert _titles(graph) == {"Public one"}

    @pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
    def test_private_dataset_rdf_is_not_found_even_for_its_editor(self, app, fmt):
        token = factories.APIToken(user=self.member["name"])["token"]
        for ref in (self.private["name"], self.private["id"]):
            response = app.get(f"/dataset/{ref}.{fmt}", headers={"Authorization": token})
            assert response.status_code == 404
        assert app.get(f"/dataset/{self.public['name']}.{fmt}").status_code == 200

    def test_catalogue_search_and_modified_since_filter(self, app):
        assert _titles(_graph(app, "/catalog.ttl", q="Public")) == {"Public one"}
        assert _titles(_graph(app, "/catalog.ttl", q="Private")) == set()
        assert _titles(_graph(app, "/catalog.ttl", modified_since="2000-01-01")) == {"Public one"}
        assert _titles(_graph(app, "/catalog.ttl", modified_since="2999-01-01")) == set()

    def test_bad_modified_since_is_a_clear_error(self, app):
        response = app.get("/catalog.ttl", query_string={"modified_since": "not a date"})
        assert response.status_code == 409
        assert "date" in response.get_data(as_text=True).lower()
