"""Maps: country extents in the seed, the dataset map and the area search (browser: tests/e2e)."""
from __future__ import annotations

import json

import pytest

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from ckan.tests.helpers import call_action
from ckanext.asmhub.maps import extents


pytestmark = pytest.mark.usefixtures("with_plugins")

def test_country_boxes_cover_every_seeded_country():
    from ckanext.asmhub.evidence import seed
    codes = {c for d in seed.country_datasets() for c in d["countries"]}
    assert codes <= set(extents.country_boxes())
    minx, miny, maxx, maxy = extents.country_boxes()["TZA"]
    assert 29 < minx < maxx < 41 and -12 < miny < maxy < 0


def test_seeded_country_datasets_carry_their_extent(seeded):
    tza = call_action("package_show", id="asm-people-tza")
    ring = json.loads(tza["spatial"])["coordinates"][0]
    assert ring[0] == [29.3234, -11.7162] and ring[2] == [40.4636, -0.9949]
    # A box in south-western Tanzania, away from its neighbours' boxes.
    found = call_action("package_search", ext_bbox="33,-8,34,-7", rows=100)["results"]
    assert [d["name"] for d in found] == ["asm-people-tza"]


def test_dataset_page_has_a_map_of_its_extent(app, seeded):
    html = app.get("/dataset/asm-people-tza").get_data(as_text=True)
    assert 'data-module="asmhub-map"' in html
    assert "40.4636" in html


def test_dataset_page_has_schema_org_json_ld(app, seeded):
    html = app.get("/dataset/asm-people-tza").get_data(as_text=True)
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    graph = Graph().parse(data=script, format="json-ld")
    schema = Namespace("http://schema.org/")
    [dataset] = list(graph.subjects(RDF.type, schema.Dataset))
    assert str(graph.value(dataset, schema.name)) == "Artisanal and small-scale mining in Tanzania: how many people"


def test_search_page_offers_an_area_and_keeps_the_drawn_one(app, seeded):
    html = app.get("/dataset/", query_string={"ext_bbox": "35,-5,36,-4"}).get_data(as_text=True)
    assert 'data-module="asmhub-bbox"' in html
    assert "35,-5,36,-4" in html and "Clear area" in html
    assert "asm-people-tza" in html and "asm-people-gha" not in html
