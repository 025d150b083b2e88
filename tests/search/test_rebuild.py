"""``ckan asmhub search-index rebuild``: batched, with progress, never stale."""
from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.cli.cli import ckan as ckan_command
from ckan.lib import search as core_search
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.review import model as review_model
from ckanext.asmhub.search import connection, document
from ckanext.asmhub.search import rebuild as index_rebuild

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def rebuild(cli, *args):
    result = cli.invoke(ckan_command, ["asmhub", "search-index", "rebuild", *args])
    assert result.exit_code == 0, result.output
    return result.output


def index_rows():
    return dict(model.Session.execute(sa.text(
        "SELECT name, validated_data_dict FROM asmhub_search_doc")).all())


def whole_rows():
    """Every index row by dataset name, less the time core stamps on its document."""
    rows = model.Session.execute(sa.text(
        "SELECT name, doc - 'indexed_ts' AS doc, data_dict, validated_data_dict, "
        "search_vector::text AS vector, permission_labels, tags, groups, res_format, "
        "bbox::text AS bbox, metadata_modified FROM asmhub_search_doc")).mappings()
    return {row["name"]: dict(row) for row in rows}


class TestRebuild:
    def test_indexes_every_dataset_in_batches_with_a_progress_bar(self, cli, make_dataset, search):
        for i in range(5):
            make_dataset(name=f"ds-{i}", title=f"Gold survey {i}")
        core_search.clear_all()
        assert search()["count"] == 0
        output = rebuild(cli, "--batch-size", "2")
        assert "Indexing datasets" in output  # the bar itself is drawn on terminals only
        assert "Indexed 5 datasets" in output
        assert search(q="gold")["count"] == 5

    @pytest.mark.parametrize("how", [[], ["--reuse"]])
    def test_a_rebuild_of_unchanged_datasets_rewrites_no_row(self, cli, make_dataset, search,
                                                             how):
        for i in range(3):
            make_dataset(name=f"ds-{i}", title=f"Gold survey {i}", countries=["GHA", "TZA"])
        # The first rebuild may rewrite a row: core lists a dataset's extras in
        # the order it was given them until it reads them back from the database.
        rebuild(cli, *how)
        versions = "SELECT index_id, xmin::text FROM {} ORDER BY 1"
        before = [model.Session.execute(sa.text(versions.format(t))).all()
                  for t in ("asmhub_search_doc", "asmhub_search_text")]
        model.Session.commit()
        rebuild(cli, *how)
        after = [model.Session.execute(sa.text(versions.format(t))).all()
                 for t in ("asmhub_search_doc", "asmhub_search_text")]
        assert after == before
        model.Session.execute(sa.text("UPDATE package SET title = 'Tin survey' WHERE name = 'ds-1'"))
        model.Session.commit()
        rebuild(cli)  # the edit bypassed CKAN: only a full rebuild sees it
        assert [d["name"] for d in search(q="tin")["results"]] == ["ds-1"]

    def test_progress_is_reported_after_each_batch(self, make_dataset):
        for i in range(5):
            make_dataset(name=f"ds-{i}")
        reported = []
        index_rebuild.rebuild(2, progress=reported.append)
        assert reported == [2, 2, 1]

    def test_parallel_processes_share_the_datasets(self, make_dataset, search):
        for i in range(5):
            make_dataset(name=f"ds-{i}", title=f"Tin survey {i}")
        core_search.clear_all()
        reported = []
        counts = index_rebuild.rebuild_in_parallel(2, 2, progress=reported.append)
        assert counts["indexed"] == sum(reported) == 5
        assert search(q="tin")["count"] == 5

    def test_private_and_draft_datasets_keep_their_permission_labels(self, cli, make_dataset, search,
                                                                    sysadmin):
        make_dataset(name="hidden", private=True)
        make_dataset(name="unfinished", state="draft")
        core_search.clear_all()
        rebuild(cli)
        assert search(include_private=True, include_drafts=True)["count"] == 0
        seen = search(context={"user": sysadmin["name"]}, include_private=True, include_drafts=True)
        assert sorted(d["name"] for d in seen["results"]) == ["hidden", "unfinished"]

    def test_rows_of_datasets_gone_from_the_database_are_removed(self, cli, make_dataset, search):
        make_dataset(name="orphan")
        model.Session.execute(sa.text("UPDATE asmhub_search_doc SET id = 'vanished', index_id = 'v'"))
        model.Session.commit()
        make_dataset(name="kept")
        output = rebuild(cli)
        assert "removed 1 orphan rows" in output
        assert sorted(d["name"] for d in search()["results"]) == ["kept", "orphan"]
        assert search()["count"] == 2  # the orphan's dataset itself is re-indexed

    def test_reuse_rebuilds_unchanged_datasets_from_their_stored_dicts(self, cli, make_dataset):
        make_dataset(name="same", title="Same")
        make_dataset(name="changed", title="Before")
        before = index_rows()
        # A change behind the index's back: only a fresh package_show sees it.
        model.Session.execute(sa.text(
            "UPDATE package SET title = 'After', metadata_modified = now() WHERE name = 'changed'"))
        model.Session.commit()
        output = rebuild(cli, "--reuse")
        assert "Indexed 2 datasets (1 from their stored dicts)" in output
        after = index_rows()
        assert after["same"] == before["same"]
        assert '"title": "After"' in after["changed"]

    def test_a_batch_never_overwrites_a_newer_row(self, make_dataset, search, sysadmin):
        make_dataset(name="edited", title="Old words")
        stale = dict(core_search.show("edited"))
        call_action("package_patch", context={"user": sysadmin["name"]}, id="edited", title="New words")
        row = document.to_row(stale, connection.keyword_fields())
        connection.write_batch([row])
        assert search(q="new")["count"] == 1
        assert search(q="old")["count"] == 0

    @pytest.mark.ckan_config("ckanext.asmhub.search.batch_size", 2)
    def test_batches_are_written_by_the_writer_thread(self, make_dataset, search, monkeypatch):
        """Each batch is written while the next is built: never from the building thread,
        even when a batch is as long as the buffer's own flush size."""
        for i in range(5):
            make_dataset(name=f"ds-{i}")
        model.Session.commit()
        writers = []
        original = connection.write_batch

        def recording(rows):
            writers.append((threading.current_thread() is threading.main_thread(), len(rows)))
            original(rows)
        monkeypatch.setattr(connection, "write_batch", recording)
        index_rebuild.index(2)
        assert [n for _, n in writers if n] == [2, 2, 1]
        assert not any(main for main, n in writers if n)
        assert search(q="ds")["count"] == 5

    @pytest.mark.parametrize("jobs", [1, 2])
    def test_rebuilt_rows_are_the_rows_core_builds(self, make_dataset, sysadmin, jobs):
        """The rebuild's shortcuts (a batch dictized with a query per table, groups
        and organisations dictized once, schemas built and review states read once
        per batch, no check that a name is free) leave every row as core writes it."""
        groups = [factories.Group(title="Zinc works"), factories.Group(title="Alluvial")]
        ring = [[29.0, -5.0], [31.0, -5.0], [31.0, -3.0], [29.0, -3.0], [29.0, -5.0]]
        make_dataset(name="full", title="  Gold in Geita ", minerals=["gold", "tin"],
                     countries=["TZA", "UGA"], themes=["livelihoods"], language=["en", "fr"],
                     tags=[{"name": "mercury"}, {"name": "alluvial"}],
                     groups=[{"id": g["id"]} for g in groups],
                     spatial=json.dumps({"type": "Polygon", "coordinates": [ring]}),
                     estimates=[{"indicator": "asm_miners", "central": 10, "ref_year": 2020,
                                 "source": "Census"}],
                     resources=[{"url": "http://x/a.csv", "format": "CSV"},
                                {"url": "example.org/b.pdf", "format": "PDF"}])
        make_dataset(name="same-group", groups=[{"id": groups[1]["id"]}])
        make_dataset(name="hidden", private=True)
        make_dataset(name="unfinished", state="draft")
        make_dataset(type="library", name="report", year="2003", minerals=["gold"])
        reviewed = make_dataset(name="in-review")
        review_model.save_review(reviewed["id"], state="submitted", contributor_id=sysadmin["id"])
        model.Session.commit()
        model.Session.remove()  # packages read from the database, as in a rebuild's process
        core_search.rebuild()
        by_core = whole_rows()
        assert len(by_core) == 6
        assert [g["title"] for g in json.loads(by_core["full"]["data_dict"])["groups"]] == [
            "Alluvial", "Zinc works"]
        assert by_core["in-review"]["permission_labels"] != by_core["full"]["permission_labels"]
        model.Session.remove()
        if jobs > 1:
            index_rebuild.rebuild_in_parallel(jobs, 2)
        else:
            index_rebuild.rebuild(2)
        assert whole_rows() == by_core
