"""SHACL validation against the DCAT-AP 3 shapes (copied from ../shared/dcat/)."""
from __future__ import annotations

import os
from functools import lru_cache

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace


SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = os.path.join(os.path.dirname(__file__), "shacl", "dcat-ap_3_shacl_shapes.ttl")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture
def shacl_violations():
    """Validate RDF text against the DCAT-AP 3 shapes; return one line per violation."""
    def run(text: str, rdf_format: str = "turtle") -> list[str]:
        data = Graph().parse(data=text, format=rdf_format)
        _, results, _ = validate(data, shacl_graph=_shapes(), inference="none")
        return [f"{results.value(r, SH.focusNode)} {results.value(r, SH.resultPath)}: "
                f"{results.value(r, SH.resultMessage)}"
                for r in results.subjects(SH.resultSeverity, SH.Violation)]
    return run
