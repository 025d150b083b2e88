"""Bounding-box search (``ext_bbox``) on the PostgreSQL backend.

ckanext-spatial's ``spatial_query`` plugin only speaks Solr. With the
PostgreSQL backend we index the same envelope it would (its own bbox indexer,
from the dataset's GeoJSON ``spatial`` field) and turn ``ext_bbox`` into a
``bbox:"minx,miny,maxx,maxy"`` filter that the query translator answers with a
GiST-indexed box overlap: a dataset matches when its extent touches or overlaps
the box, so point datasets inside the box are found too.

Both need ckanext-spatial installed (its GeoJSON parsing and bbox checks); a
site without it indexes no extents and leaves ``ext_bbox`` alone, as core does.
"""
from __future__ import annotations

from typing import Any

from ckan.lib.search.common import SearchError

try:
    from ckanext.spatial.lib import normalize_bbox
    from ckanext.spatial.search import SolrBBoxSearchBackend
except ImportError:  # ckanext-spatial is not installed
    normalize_bbox = SolrBBoxSearchBackend = None

_envelopes = SolrBBoxSearchBackend() if SolrBBoxSearchBackend else None


def available() -> bool:
    """Whether ckanext-spatial is installed."""
    return _envelopes is not None


def index_extent(doc: dict[str, Any]) -> dict[str, Any]:
    """Add the envelope (minx, miny, maxx, maxy) of the dataset's GeoJSON."""
    return _envelopes.index_dataset(doc) if _envelopes else doc


def bbox_filter(search_params: dict[str, Any]) -> dict[str, Any]:
    raw = (search_params.get("extras") or {}).get("ext_bbox")
    if not raw or not available():
        return search_params
    try:
        bbox = normalize_bbox(raw) if isinstance(raw, (str, list)) else None
    except (TypeError, ValueError):
        bbox = None  # a list of lists or of objects
    if not bbox:
        raise SearchError("Wrong bounding box provided: expected minx,miny,maxx,maxy")
    if not all(-180 <= bbox[k] <= 180 for k in ("minx", "maxx")) or not (
            -90 <= bbox["miny"] <= bbox["maxy"] <= 90):
        raise SearchError("Wrong bounding box provided: coordinates out of range")
    value = "{minx},{miny},{maxx},{maxy}".format(**bbox)
    fq_list = list(search_params.get("fq_list") or [])
    fq_list.append(f'+bbox:"{value}"')
    search_params["fq_list"] = fq_list
    return search_params
