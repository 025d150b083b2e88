"""The ``asmhub_dcat`` plugin: open to other portals (see this package's docstring).

DCAT RDF of public datasets only (``access``) and the SKOS vocabularies
(``vocab``). The RDF profile is the ``asmhub`` entry point of
``ckan.rdf.profiles``; the harvester is the ``asmhub_dcat_rdf_harvester``
plugin (``harvest.py``). Needs ``asmhub`` (the fields the profile maps) and
ckanext-dcat's ``dcat`` (the endpoints whose actions ``access`` chains).
"""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from ..dependencies import require
from . import access, vocab


@tk.blanket.actions(access)
@tk.blanket.blueprints([vocab.vocab])
class AsmhubDcatPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    # IConfigurer
    def update_config(self, config_: CKANConfig) -> None:
        require(config_, "asmhub_dcat", "asmhub", "dcat")
