"""The hub's controlled vocabularies as SKOS concept schemes at stable URLs.

``/vocab/<scheme>`` is the concept scheme, ``/vocab/<scheme>/<code>`` one
concept; both answer Turtle, RDF/XML or JSON-LD (by suffix or Accept header).
The RDF profile uses these URIs for ``dcat:theme`` and the quality annotations.
"""
from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, make_response
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT, RDF, SKOS

import ckan.plugins.toolkit as tk
from ckanext.dcat.utils import CONTENT_TYPES, catalog_uri, parse_accept_header, url_to_rdflib_format

from ..metadata import vocabularies as v

EU_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")

# The EU data theme each hub theme falls under (dcat:theme for DCAT-AP readers).
EU_THEMES = {
    "livelihoods": "SOCI", "production": "ECON", "gender": "SOCI", "child-labour": "SOCI",
    "health-safety": "HEAL", "environment-mercury": "ENVI", "formalisation": "GOVE",
    "supply-chains": "ECON", "conflict": "JUST", "covid-19": "HEAL", "land-conservation": "ENVI",
}


def _labels(vocabulary: dict) -> dict[str, str]:
    return {code: label if isinstance(label, str) else label[0] for code, label in vocabulary.items()}


SCHEMES: dict[str, tuple[str, dict[str, str]]] = {
    "minerals": ("Minerals mined in artisanal and small-scale mining", _labels(v.MINERALS)),
    "themes": ("Themes of evidence on artisanal and small-scale mining", _labels(v.THEMES)),
    "indicators": ("Indicators estimated by ASM Hub datasets", _labels(v.INDICATORS)),
    "confidence": ("Confidence grades of ASM Hub estimates", _labels(v.CONFIDENCE)),
    "curation": ("How an ASM Hub estimate was obtained from its source", _labels(v.CURATION)),
    "coverage": ("How much of a country's ASM an ASM Hub estimate covers", _labels(v.COVERAGE)),
}


_CONCEPT_PATH = re.compile(r"/vocab/(?P<scheme>[a-z]+)/(?P<slug>[^/]+)$")


def _slug(code: str) -> str:
    return code.replace(" ", "-")


def scheme_uri(scheme: str) -> URIRef:
    return URIRef(f"{catalog_uri().rstrip('/')}/vocab/{scheme}")


def concept_uri(scheme: str, code: str) -> URIRef:
    return URIRef(f"{scheme_uri(scheme)}/{_slug(code)}")


def concept_code(scheme: str, uri: Any) -> str | None:
    """The code a concept URI of ``scheme`` stands for, on this hub or any other ASM Hub."""
    match = _CONCEPT_PATH.search(str(uri))
    if not match or match["scheme"] != scheme or scheme not in SCHEMES:
        return None
    return next((code for code in SCHEMES[scheme][1] if _slug(code) == match["slug"]), None)


def add_concept(g: Graph, scheme: str, code: str) -> URIRef:
    """Describe one concept in ``g`` (type, label, scheme) and return its URI."""
    uri = concept_uri(scheme, code)
    g.add((uri, RDF.type, SKOS.Concept))
    g.add((uri, SKOS.prefLabel, Literal(SCHEMES[scheme][1][code], lang="en")))
    g.add((uri, SKOS.notation, Literal(code)))
    g.add((uri, SKOS.inScheme, scheme_uri(scheme)))
    if scheme == "themes" and code in EU_THEMES:
        g.add((uri, SKOS.broadMatch, EU_THEME[EU_THEMES[code]]))
    return uri


def scheme_graph(scheme: str, code: str | None = None) -> Graph:
    title, labels = SCHEMES[scheme]
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dct", DCT)
    top = scheme_uri(scheme)
    g.add((top, RDF.type, SKOS.ConceptScheme))
    g.add((top, DCT.title, Literal(title, lang="en")))
    g.add((top, SKOS.prefLabel, Literal(title, lang="en")))
    for each in ([code] if code else labels):
        g.add((top, SKOS.hasTopConcept, add_concept(g, scheme, each)))
    return g


vocab = Blueprint("asmhub_vocab", __name__)


def _serve(scheme: str, slug: str | None, _format: str | None):
    code = concept_code(scheme, f"/vocab/{scheme}/{slug}") if slug else None
    if scheme not in SCHEMES or (slug is not None and code is None):
        return tk.abort(404, tk._("No such vocabulary or concept"))
    _format = _format or parse_accept_header(tk.request.headers.get("Accept", "")) or "ttl"
    if _format not in CONTENT_TYPES:
        return tk.abort(404, tk._("Unknown RDF format"))
    body = scheme_graph(scheme, code).serialize(format=url_to_rdflib_format(_format))
    response = make_response(body)
    response.headers["Content-Type"] = CONTENT_TYPES[_format]
    return response


@vocab.route("/vocab/<scheme>")
@vocab.route("/vocab/<scheme>.<_format>")
def scheme_view(scheme: str, _format: str | None = None):
    return _serve(scheme, None, _format)


@vocab.route("/vocab/<scheme>/<code>")
@vocab.route("/vocab/<scheme>/<code>.<_format>")
def concept_view(scheme: str, code: str, _format: str | None = None):
    return _serve(scheme, code, _format)
