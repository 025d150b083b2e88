"""A real client harvests the hub: another site's DCAT harvester reads /catalog.ttl over HTTP."""
from __future__ import annotations

import json

from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.harvest import queue

from tests.dcat.harvest_jobs import as_sysadmin, run_job


def test_a_second_site_harvests_the_public_catalogue(seeded, live_server, make_dataset):
    """Another organisation's DCAT harvester reads /catalog.ttl over HTTP and gets our public datasets."""
    queue.purge_queues()
    hidden = make_dataset(name="not-yet-approved", title="Not yet approved", private=True)
    originals = {d["title"]: d for d in call_action(
        "package_search", context={"user": "", "ignore_auth": False}, rows=1000)["results"]}
    assert hidden["title"] not in originals and len(originals) > 20
    other = factories.Organization(name="second-site")
    source = as_sysadmin("harvest_source_create", name="asm-hub", title="ASM Hub", url=live_server("/catalog.ttl"),
                         source_type="dcat_rdf", owner_org=other["id"], config=json.dumps({"asmhub_trusted": True}))
    report = run_job(source["id"])
    assert report["gather_errors"] == [] and report["object_errors"] == {}
    copies = {d["title"]: d for d in call_action(
        "package_search", fq=f"owner_org:{other['id']}", rows=1000)["results"]}
    assert set(copies) == set(originals)
    for title, original in originals.items():
        copy = call_action("package_show", id=copies[title]["id"])
        for field in ("notes", "countries", "minerals", "themes", "temporal_start", "temporal_end",
                      "data_confidence", "license_id"):
            assert (copy.get(field) or None) == (original.get(field) or None), (title, field)
        # Every figure arrives, less the link to a source record that exists only on the first site.
        assert (copy.get("estimates") or None) == ([{k: v for k, v in e.items() if k != "source_record"}
                                                    for e in original.get("estimates") or []] or None), title
