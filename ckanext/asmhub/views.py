"""Web pages of ckanext-asmhub."""
from __future__ import annotations

from flask import Blueprint, Response

import ckan.plugins.toolkit as tk

from .metadata import citation
from .maps.views import basemap

__all__ = ["cite", "basemap"]

cite = Blueprint("asmhub_cite", __name__)

# Download format: (builder, media type).
CITATION_FORMATS = {
    "bib": (citation.bibtex, "application/x-bibtex"),
    "ris": (citation.ris, "application/x-research-info-systems"),
}


@cite.route("/dataset/<id>/cite.<fmt>")
def download(id: str, fmt: str) -> Response:
    """A dataset's or document's citation as a BibTeX or RIS file, for reference managers."""
    if fmt not in CITATION_FORMATS:
        return tk.abort(404, tk._("Citations are available as .bib and .ris"))
    context = {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}
    try:
        pkg = tk.get_action("package_show")(context, {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):  # what a visitor may not see does not exist
        return tk.abort(404, tk._("Dataset not found"))
    build, media_type = CITATION_FORMATS[fmt]
    return Response(build(pkg), mimetype=media_type, headers={
        "Content-Disposition": f'attachment; filename="{pkg["name"]}.{fmt}"'})
