"""The ``asmhub`` RDF profile: ASM fields on top of ckanext-dcat's DCAT-AP 3.

Runs after ``euro_dcat_ap_3`` (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
asmhub``) and both writes and reads the hub's fields, so that another ASM Hub
(or this one) harvesting the catalogue gets them back. The mapping is in
docs/dcat.md; in short:

- countries: ``dct:spatial`` EU country authority URIs, with ``dcat:bbox``;
- themes and minerals: ``dcat:theme`` concepts of the hub's SKOS schemes
  (``/vocab/...``) plus the EU data theme; minerals also as ``dcat:keyword``;
- coverage years: ``dct:temporal`` with ``xsd:gYear`` bounds;
- licence: its URI (the Creative Commons deed) on every distribution;
- organisation, contributor attribution, original source and its citation:
  ``dct:publisher``, ``dct:creator``, ``prov:wasDerivedFrom``,
  ``dct:bibliographicCitation``;
- data confidence: a DQV quality annotation;
- estimates: ``dct:hasPart`` ``schema:Observation`` nodes, each with a
  ``schema:QuantitativeValue`` (central, low, high, unit), years, citation
  and DQV annotations for its confidence, curation and coverage; its source
  record in the library as ``schema:citation`` (written, not read back: it names
  a record of this hub).
"""
from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from geomet import wkt
from rdflib import PROV, BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS as DCT, FOAF, RDF, RDFS, SKOS, XSD

import ckan.plugins.toolkit as tk
from ckan.lib.munge import munge_tag
from ckanext.dcat.profiles import GSP, LOCN, RDFProfile
from ckanext.dcat.utils import dataset_uri

from ..logic.validators import NOT_IN_URI
from ..maps import extents
from ..metadata import vocabularies as v
from . import vocab

DQV = Namespace("http://www.w3.org/ns/dqv#")
OA = Namespace("http://www.w3.org/ns/oa#")
SDO = Namespace("http://schema.org/")
EU_THEME_SCHEME = URIRef("http://publications.europa.eu/resource/authority/data-theme")
EU_THEME_LABELS = {"SOCI": "Population and society", "ECON": "Economy and finance", "HEAL": "Health",
                   "ENVI": "Environment", "GOVE": "Government and public sector",
                   "JUST": "Justice, legal system and public safety"}
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
TURTLE = URIRef("http://www.iana.org/assignments/media-types/text/turtle")

_TAG = re.compile(r"^[\w \-.]{2,100}$")
_YEAR = re.compile(r"^\s*(\d{4})")


def _language_uri(code: str) -> URIRef | None:
    """The EU authority URI of an ISO 639-1 code (``en``, ``pt_BR``) from its ISO 639-3 code."""
    language = pycountry.languages.get(alpha_2=str(code).split("_")[0].lower())
    return EU_LANGUAGE[language.alpha_3.upper()] if language else None


def _language_code(uri: Any) -> str | None:
    if not str(uri).startswith(str(EU_LANGUAGE)):
        return None
    language = pycountry.languages.get(alpha_3=str(uri)[len(str(EU_LANGUAGE)):].lower())
    return getattr(language, "alpha_2", None) if language else None


def _year(value: Any) -> int | None:
    match = _YEAR.match(str(value or ""))
    return int(match[1]) if match else None


def _number(value: Any) -> Literal | None:
    try:
        return Literal(Decimal(str(value).replace(",", "")), datatype=XSD.decimal)
    except (InvalidOperation, ValueError):
        return None


def _wkt_box(box: extents.Box) -> Literal:
    minx, miny, maxx, maxy = box
    ring = f"{minx} {miny}, {maxx} {miny}, {maxx} {maxy}, {minx} {maxy}, {minx} {miny}"
    return Literal(f"POLYGON(({ring}))", datatype=GSP.wktLiteral)


# Turtle refuses to write a character an IRI may not hold (NOT_IN_URI), so a stored link
# with one (from before links were validated, or from a harvest) is percent-encoded.


def _iri(value: str) -> str:
    return NOT_IN_URI.sub(lambda m: "%{:02X}".format(ord(m.group())), value)


def _url(value: Any) -> URIRef | None:
    value = value.strip() if isinstance(value, str) else value
    return URIRef(_iri(value)) if isinstance(value, str) and re.match(r"^https?://\S", value) else None


def _repair_iris(g: Any, root: URIRef) -> None:
    """Percent-encode what an IRI may not hold in every link of a dataset's description
    (its own, its distributions' and its figures', whichever profile wrote them)."""
    nodes, frontier = {root}, [root]
    for _ in range(3):
        frontier = [o for s in frontier for o in g.objects(s, None)
                    if isinstance(o, (URIRef, BNode)) and o not in nodes]
        nodes.update(frontier)
    for s, p, o in [t for n in nodes for t in g.triples((n, None, None))]:
        if isinstance(o, URIRef) and NOT_IN_URI.search(str(o)):
            g.remove((s, p, o))
            g.add((s, p, URIRef(_iri(str(o)))))


class AsmhubDCATProfile(RDFProfile):
    """ASM Hub fields in and out of DCAT-AP 3."""

    # -- writing --------------------------------------------------------------
    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        g = self.g
        for prefix, namespace in (("dqv", DQV), ("oa", OA), ("schema", SDO), ("skos", SKOS)):
            g.bind(prefix, namespace)

        # The landing page is the hub's page; "Original source" is prov:wasDerivedFrom
        # (DCAT-AP 3 wants a dct:source to be a dcat:Dataset, and a report's page is not one).
        g.remove((dataset_ref, DCAT.landingPage, None))
        if dataset_dict.get("name"):
            page = tk.url_for("dataset.read", id=dataset_dict["name"], _external=True)
            g.add((dataset_ref, DCAT.landingPage, URIRef(page)))
            g.add((URIRef(page), RDF.type, FOAF.Document))
        if _url(dataset_dict.get("url")):
            g.add((dataset_ref, PROV.wasDerivedFrom, _url(dataset_dict["url"])))
        if dataset_dict.get("source_citation"):
            g.add((dataset_ref, DCT.bibliographicCitation, Literal(dataset_dict["source_citation"])))

        self._languages(dataset_ref)
        for code in dataset_dict.get("countries") or []:
            g.add((dataset_ref, DCT.spatial, self._country(code)))
        self._extent_bbox(dataset_ref)
        for code in dataset_dict.get("themes") or []:
            if code in vocab.SCHEMES["themes"][1]:
                g.add((dataset_ref, DCAT.theme, vocab.add_concept(g, "themes", code)))
                self._eu_theme(dataset_ref, vocab.EU_THEMES.get(code))
        for code in dataset_dict.get("minerals") or []:
            if code in vocab.SCHEMES["minerals"][1]:
                g.add((dataset_ref, DCAT.theme, vocab.add_concept(g, "minerals", code)))
                g.add((dataset_ref, DCAT.keyword, Literal(vocab.SCHEMES["minerals"][1][code], lang="en")))
        self._temporal(dataset_dict, dataset_ref)
        self._creator(dataset_dict, dataset_ref)
        if dataset_dict.get("data_confidence") in v.CONFIDENCE:
            self._annotate(dataset_ref, "confidence", dataset_dict["data_confidence"])
        for position, estimate in enumerate(self._estimates(dataset_dict), start=1):
            self._observation(dataset_ref, estimate, position, dataset_dict.get("countries") or [])
        self._licence(dataset_dict, dataset_ref)
        _repair_iris(g, dataset_ref)

    def _languages(self, subject: URIRef) -> None:
        """ckanext-dcat writes language codes as literals; DCAT-AP wants authority URIs."""
        for language in list(self.g.objects(subject, DCT.language)):
            uri = language if _language_code(language) else _language_uri(str(language))
            self.g.remove((subject, DCT.language, language))
            if uri is not None:
                self.g.add((subject, DCT.language, uri))
                self.g.add((uri, RDF.type, DCT.LinguisticSystem))

    def _country(self, code: str) -> URIRef:
        uri = vocab.EU_COUNTRY[code]
        self.g.add((uri, RDF.type, DCT.Location))
        self.g.add((uri, SKOS.prefLabel, Literal(v.country_name(code, "en"), lang="en")))
        if code in extents.country_boxes():
            self.g.add((uri, DCAT.bbox, _wkt_box(extents.country_boxes()[code])))
        return uri

    def _extent_bbox(self, dataset_ref: URIRef) -> None:
        """Publish the ``spatial`` extent ckanext-dcat wrote as its ``dcat:bbox``.

        DCAT-AP 3 wants ``locn:geometry`` to be a ``locn:Geometry`` node, which
        ckanext-dcat's parser cannot read back; the bounding box is a literal both accept.
        """
        for location in list(self.g.objects(dataset_ref, DCT.spatial)):
            for geometry in list(self.g.objects(location, LOCN.geometry)):
                self.g.remove((location, LOCN.geometry, geometry))
                numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", str(geometry))]
                xs, ys = numbers[0::2], numbers[1::2]
                if xs and ys and self.g.value(location, DCAT.bbox) is None:
                    self.g.add((location, DCAT.bbox, _wkt_box((min(xs), min(ys), max(xs), max(ys)))))

    def _eu_theme(self, dataset_ref: URIRef, code: str | None) -> None:
        if not code:
            return
        uri = vocab.EU_THEME[code]
        self.g.add((dataset_ref, DCAT.theme, uri))
        self.g.add((uri, RDF.type, SKOS.Concept))
        self.g.add((uri, SKOS.inScheme, EU_THEME_SCHEME))
        self.g.add((uri, SKOS.prefLabel, Literal(EU_THEME_LABELS[code], lang="en")))

    def _temporal(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """Coverage years as ``xsd:gYear`` (ckanext-dcat would read "2003" as a full date)."""
        start, end = _year(dataset_dict.get("temporal_start")), _year(dataset_dict.get("temporal_end"))
        for period in list(self.g.objects(dataset_ref, DCT.temporal)):
            self.g.remove((period, None, None))
            self.g.remove((dataset_ref, DCT.temporal, period))
        if not (start or end):
            return
        period = BNode()
        self.g.add((dataset_ref, DCT.temporal, period))
        self.g.add((period, RDF.type, DCT.PeriodOfTime))
        if start:
            self.g.add((period, DCAT.startDate, Literal(str(start), datatype=XSD.gYear)))
        if end:
            self.g.add((period, DCAT.endDate, Literal(str(end), datatype=XSD.gYear)))

    def _creator(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """The contributor the dataset is attributed to (``attribution``) as its creator."""
        if not dataset_dict.get("attribution") or self.g.value(dataset_ref, DCT.creator) is not None:
            return
        agent = BNode()
        self.g.add((dataset_ref, DCT.creator, agent))
        self.g.add((agent, RDF.type, FOAF.Agent))
        self.g.add((agent, FOAF.name, Literal(dataset_dict["attribution"])))

    def _annotate(self, target: URIRef | BNode, scheme: str, code: str) -> None:
        """A DQV quality annotation whose body is a concept of the hub's scheme."""
        note = BNode()
        self.g.add((target, DQV.hasQualityAnnotation, note))
        self.g.add((note, RDF.type, DQV.QualityAnnotation))
        self.g.add((note, OA.motivatedBy, DQV.qualityAssessment))
        self.g.add((note, OA.hasTarget, target))
        self.g.add((note, OA.hasBody, vocab.add_concept(self.g, scheme, code)))

    @staticmethod
    def _estimates(dataset_dict: dict[str, Any]) -> list[dict[str, Any]]:
        estimates = dataset_dict.get("estimates") or []
        if isinstance(estimates, str):
            estimates = json.loads(estimates)
        return [e for e in estimates if isinstance(e, dict)]

    def _observation(self, dataset_ref: URIRef, estimate: dict[str, Any], position: int,
                     countries: list[str]) -> None:
        g = self.g
        obs = BNode()
        g.add((dataset_ref, DCT.hasPart, obs))
        g.add((obs, RDF.type, SDO.Observation))
        g.add((obs, SDO.position, Literal(position)))
        if estimate.get("indicator") in v.INDICATORS:
            g.add((obs, SDO.measuredProperty, vocab.add_concept(g, "indicators", estimate["indicator"])))
        if len(countries) == 1:
            g.add((obs, SDO.observationAbout, vocab.EU_COUNTRY[countries[0]]))
        value = BNode()
        g.add((obs, SDO.value, value))
        g.add((value, RDF.type, SDO.QuantitativeValue))
        for key, predicate in (("central", SDO.value), ("low", SDO.minValue), ("high", SDO.maxValue)):
            number = _number(estimate.get(key))
            if number is not None:
                g.add((value, predicate, number))
        if estimate.get("unit"):
            g.add((value, SDO.unitText, Literal(estimate["unit"])))
        for key, predicate in (("ref_year", SDO.observationDate), ("pub_year", DCT.issued)):
            if _year(estimate.get(key)):
                g.add((obs, predicate, Literal(str(_year(estimate[key])), datatype=XSD.gYear)))
        if estimate.get("source"):
            g.add((obs, DCT.bibliographicCitation, Literal(estimate["source"])))
        if _url(estimate.get("source_url")):
            g.add((obs, DCT.source, _url(estimate["source_url"])))
        if estimate.get("note"):
            g.add((obs, SKOS.note, Literal(estimate["note"])))
        if estimate.get("source_record"):
            # The source's record in this hub's library: a link for readers. Another
            # site has no such record, so the parser leaves it out.
            g.add((obs, SDO.citation, URIRef(tk.url_for("library.read", id=estimate["source_record"],
                                                        _external=True))))
        for scheme in ("confidence", "curation", "coverage"):
            if estimate.get(scheme) in vocab.SCHEMES[scheme][1]:
                self._annotate(obs, scheme, estimate[scheme])

    def _licence(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """The licence's URI (CC deeds in the hub's list) on every distribution, and a distribution
        for the estimates; ckanext-dcat's parser maps the URI back to the licence id."""
        uri = _url(dataset_dict.get("license_url"))
        if self._estimates(dataset_dict) and dataset_dict.get("id"):
            record = URIRef(f"{dataset_uri(dataset_dict)}.ttl")
            dist = URIRef(f"{dataset_uri(dataset_dict)}/estimates")
            self.g.add((dataset_ref, DCAT.distribution, dist))
            self.g.add((dist, RDF.type, DCAT.Distribution))
            self.g.add((dist, DCT.title, Literal("Estimates (RDF: schema:Observation in this record)", lang="en")))
            self.g.add((dist, DCAT.accessURL, record))
            self.g.add((dist, DCAT.downloadURL, record))
            self.g.add((record, RDF.type, RDFS.Resource))
            self.g.add((dist, DCAT.mediaType, TURTLE))
            self.g.add((TURTLE, RDF.type, DCT.MediaType))
        if not uri:
            return
        self.g.add((uri, RDF.type, DCT.LicenseDocument))
        for dist in self.g.objects(dataset_ref, DCAT.distribution):
            self.g.remove((dist, DCT.license, None))
            self.g.add((dist, DCT.license, uri))

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: URIRef) -> None:
        """The catalogue's language as an EU authority URI, its publisher and home page."""
        g = self.g
        self._languages(catalog_ref)
        for page in g.objects(catalog_ref, FOAF.homepage):
            g.add((page, RDF.type, FOAF.Document))
        if g.value(catalog_ref, DCT.publisher) is None:
            publisher = URIRef(f"{str(catalog_ref).rstrip('/')}/about")
            g.add((catalog_ref, DCT.publisher, publisher))
            g.add((publisher, RDF.type, FOAF.Agent))
            g.add((publisher, FOAF.name, Literal(tk.config.get("ckan.site_title"))))

    # -- reading --------------------------------------------------------------
    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> dict[str, Any]:
        g = self.g
        extras = dataset_dict.setdefault("extras", [])
        countries = sorted({str(s).rsplit("/", 1)[-1] for s in g.objects(dataset_ref, DCT.spatial)
                            if str(s).startswith(str(vocab.EU_COUNTRY))} & set(v.countries()))
        if countries:
            dataset_dict["countries"] = countries
        for scheme in ("themes", "minerals"):
            codes = {vocab.concept_code(scheme, t) for t in g.objects(dataset_ref, DCAT.theme)} - {None}
            if codes:
                dataset_dict[scheme] = [c for c in vocab.SCHEMES[scheme][1] if c in codes]
        self._parse_temporal(dataset_dict, dataset_ref)
        languages = [c for c in (_language_code(u) for u in g.objects(dataset_ref, DCT.language)) if c]
        if languages:
            dataset_dict["language"] = sorted(languages)
        else:
            dataset_dict.pop("language", None)
        extent = next((self.g.value(loc, DCAT.bbox) for loc in g.objects(dataset_ref, DCT.spatial)
                       if not str(loc).startswith(str(vocab.EU_COUNTRY)) and self.g.value(loc, DCAT.bbox)), None)
        if extent is not None and not dataset_dict.get("spatial"):
            try:
                dataset_dict["spatial"] = json.dumps(wkt.loads(str(extent)))
            except (ValueError, TypeError):
                pass
        confidence = [c for c in self._annotations(dataset_ref, "confidence")]
        if confidence:
            dataset_dict["data_confidence"] = confidence[0]
        observations = sorted((obs for obs in g.objects(dataset_ref, DCT.hasPart)
                               if (obs, RDF.type, SDO.Observation) in g),
                              key=lambda obs: int(g.value(obs, SDO.position) or 0))
        if observations:
            dataset_dict["estimates"] = [self._parse_observation(obs) for obs in observations]
        sources = [str(s) for p in (PROV.wasDerivedFrom, DCT.source) for s in g.objects(dataset_ref, p)
                   if isinstance(s, URIRef)]
        if sources:
            dataset_dict["url"] = sources[0]
        if g.value(dataset_ref, DCT.bibliographicCitation) is not None:
            dataset_dict["source_citation"] = str(g.value(dataset_ref, DCT.bibliographicCitation))
        if not dataset_dict.get("license_id"):
            # No licence stated: say so rather than let the hub's default licence claim one.
            dataset_dict["license_id"] = "notspecified"
        creator = g.value(dataset_ref, DCT.creator)
        if creator is not None and g.value(creator, FOAF.name):
            dataset_dict["attribution"] = str(g.value(creator, FOAF.name))
        # Minerals came as keywords too; other keywords must be valid CKAN tags.
        labels = set(vocab.SCHEMES["minerals"][1].values())
        dataset_dict["tags"] = [{"name": t["name"] if _TAG.match(t["name"]) else munge_tag(t["name"])}
                                for t in dataset_dict.get("tags", []) if t["name"] not in labels]
        # The hub's fields replace ckanext-dcat's generic copies of them.
        drop = {"temporal_start", "temporal_end", "source", "theme", "creator_name", "language"}
        dataset_dict["extras"] = [e for e in extras if e["key"] not in drop]
        # Our own estimates distribution is the record itself, not a resource.
        dataset_dict["resources"] = [r for r in dataset_dict.get("resources", [])
                                     if not str(r.get("uri", "")).endswith("/estimates")]
        return dataset_dict

    def _parse_temporal(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        """Coverage as years, from dcat:, schema: or time: bounds (dates are cut to their year)."""
        starts, ends = [], []
        for period in self.g.objects(dataset_ref, DCT.temporal):
            starts += [_year(o) for p in (DCAT.startDate, SDO.startDate) for o in self.g.objects(period, p)]
            ends += [_year(o) for p in (DCAT.endDate, SDO.endDate) for o in self.g.objects(period, p)]
        starts, ends = [y for y in starts if y], [y for y in ends if y]
        for key, years, pick in (("temporal_start", starts, min), ("temporal_end", ends, max)):
            if years:
                dataset_dict[key] = pick(years)
            else:
                dataset_dict.pop(key, None)

    def _annotations(self, target: URIRef | BNode, scheme: str) -> list[str]:
        bodies = [self.g.value(n, OA.hasBody) for n in self.g.objects(target, DQV.hasQualityAnnotation)]
        return [c for c in (vocab.concept_code(scheme, b) for b in bodies if b is not None) if c]

    def _parse_observation(self, obs: BNode | URIRef) -> dict[str, Any]:
        g = self.g
        estimate: dict[str, Any] = {}
        indicator = vocab.concept_code("indicators", g.value(obs, SDO.measuredProperty))
        if indicator:
            estimate["indicator"] = indicator
        value = g.value(obs, SDO.value)
        if value is not None:
            for key, predicate in (("central", SDO.value), ("low", SDO.minValue), ("high", SDO.maxValue)):
                number = g.value(value, predicate)
                if number is not None:
                    figure = float(Decimal(str(number)))
                    estimate[key] = int(figure) if figure.is_integer() else figure
            if g.value(value, SDO.unitText):
                estimate["unit"] = str(g.value(value, SDO.unitText))
        for key, predicate in (("ref_year", SDO.observationDate), ("pub_year", DCT.issued)):
            if _year(g.value(obs, predicate)):
                estimate[key] = _year(g.value(obs, predicate))
        for key, predicate in (("source", DCT.bibliographicCitation), ("source_url", DCT.source),
                               ("note", SKOS.note)):
            if g.value(obs, predicate) is not None:
                estimate[key] = str(g.value(obs, predicate))
        for scheme in ("confidence", "curation", "coverage"):
            codes = self._annotations(obs, scheme)
            if codes:
                estimate[scheme] = codes[0]
        return estimate
