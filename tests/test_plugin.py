"""The extension loads on CKAN 2.12 and declares its configuration."""
from __future__ import annotations

import pytest

import ckan.plugins as p
from ckan.exceptions import CkanConfigurationException
from ckan.lib import search as core_search
from ckan.tests.helpers import call_action

from ckanext.asmhub import patches, search


@pytest.mark.usefixtures("with_plugins")
def test_plugin_is_loaded_on_ckan_2_12():
    import ckan
    assert ckan.__version__.startswith("2.12")
    assert p.plugin_loaded("asmhub")
    assert p.plugin_loaded("asmhub_search")


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.parametrize("plugin, keys", [
    ("asmhub_search", ("ckanext.asmhub.search_backend", "ckanext.asmhub.search.batch_size",
                       "ckanext.asmhub.search.statement_timeout",
                       "ckanext.asmhub.search.cache_seconds")),
    ("asmhub", ("ckanext.asmhub.cache.redis_url", "ckanext.asmhub.default_licence")),
])
def test_config_options_are_declared(cli, ckan_config, plugin, keys):
    from ckan.cli.cli import ckan as ckan_command
    result = cli.invoke(ckan_command, ["config", "declaration", plugin])
    assert result.exit_code == 0, result.output
    for key in keys:
        assert key in result.output


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_status_show_reports_version_and_search_backend():
    status = call_action("status_show")
    assert status["search_backend"] == "postgres"
    assert status["asmhub_version"] == "0.1.0"
    assert "asmhub" in status["extensions"]


@pytest.mark.usefixtures("with_plugins")
def test_postgres_backend_replaces_the_solr_connection():
    assert patches.search_routed()
    assert type(core_search.common.make_connection()).__name__ == "PostgresConnection"
    assert type(core_search.index.make_connection()).__name__ == "PostgresConnection"


@pytest.mark.ckan_config("ckanext.asmhub.search_backend", "solr")
@pytest.mark.ckan_config("solr_url", "http://127.0.0.1:8983/solr/ckan")
@pytest.mark.usefixtures("with_plugins")
def test_solr_backend_leaves_core_untouched():
    import pysolr
    assert not patches.search_routed()
    assert isinstance(core_search.common.make_connection(), pysolr.Solr)


def _without_search_plugin(ckan_config) -> str:
    plugins = ckan_config["ckan.plugins"]
    names = plugins.split() if isinstance(plugins, str) else plugins
    return " ".join(name for name in names if name != "asmhub_search")


@pytest.mark.ckan_config("ckanext.asmhub.search_backend", "postgres")
def test_the_hub_on_postgres_says_it_needs_asmhub_search(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckan.plugins", _without_search_plugin(ckan_config))
    try:
        with pytest.raises(CkanConfigurationException, match="needs the asmhub_search plugin"):
            p.load_all()
    finally:
        p.unload_all()


@pytest.mark.ckan_config("ckanext.asmhub.search_backend", "solr")
@pytest.mark.ckan_config("solr_url", "http://127.0.0.1:8983/solr/ckan")
def test_the_hub_on_solr_loads_without_asmhub_search(ckan_config, monkeypatch):
    import pysolr
    monkeypatch.setitem(ckan_config, "ckan.plugins", _without_search_plugin(ckan_config))
    was_installed = patches.search_routed()
    patches.restore_search()  # as in a process that never loaded asmhub_search
    try:
        p.load_all()
        assert p.plugin_loaded("asmhub") and not p.plugin_loaded("asmhub_search")
        assert not patches.search_routed()
        assert isinstance(core_search.common.make_connection(), pysolr.Solr)
    finally:
        p.unload_all()
        if was_installed:
            patches.route_search(search.make_connection)
