"""The narrow text table stays a true copy of the index, and searches on it agree.

A request made of text terms and class filters is counted, and its title
matches ranked, in ``asmhub_search_text`` (migration 0008). These tests hold
that table to the index rows after each kind of write, and its answers to the
same requests answered from the index table alone.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ckan import model
from ckan.lib import search as core_search
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.asmhub.search import fields, statement

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

CLASS = ", ".join(sorted(fields.CLASS_COLUMNS))
COPY = f"index_id, {CLASS}, metadata_modified, name, title, title_a::text, search_vector::text"
# A filter every dataset passes that the narrow table cannot answer: the
# request then runs on the index table alone.
ON_THE_INDEX_TABLE = "-res_format:NONE"


def rows(sql: str) -> set[tuple]:
    return {tuple(tuple(v) if isinstance(v, list) else v for v in row)
            for row in model.Session.execute(sa.text(sql))}


def assert_copy_is_exact() -> None:
    copied = rows(f"SELECT {COPY} FROM asmhub_search_text d "
                  "JOIN asmhub_search_class c ON c.id = d.class_id")
    assert copied == rows(f"SELECT {COPY} FROM asmhub_search_doc")
    # And the per-word counts (migration 0009) match a recount of the copy.
    kept = rows("SELECT lexeme, class_id, n FROM asmhub_search_term WHERE n <> 0")
    assert kept == rows("SELECT l, class_id, count(*) FROM asmhub_search_text, "
                        "unnest(tsvector_to_array(search_vector)) l GROUP BY 1, 2")


def names(result):
    return [d["name"] for d in result["results"]]


@pytest.fixture
def editor():
    return factories.User()


@pytest.fixture
def org(editor):
    return factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])


@pytest.fixture
def datasets(make_dataset, org):
    return [
        make_dataset(name="in-title", title="Mercury in gold mining", owner_org=org["id"]),
        make_dataset(name="in-tags", title="Gold rush", tags=[{"name": "mercury"}],
                     owner_org=org["id"]),
        make_dataset(name="in-notes", title="Amalgamation", notes="Mercury use by miners",
                     owner_org=org["id"]),
        make_dataset(name="private-one", title="Mercury imports", private=True,
                     owner_org=org["id"]),
        make_dataset(name="elsewhere", title="Tin and tantalum", owner_org=org["id"],
                     notes="Small-scale mines; exploitation minière; the miners"),
    ]


class TestTheCopyFollowsEveryWrite:
    def test_after_creates(self, datasets):
        assert_copy_is_exact()
        assert rows("SELECT count(*) FROM asmhub_search_text") == {(5,)}

    def test_after_updates_of_text_and_of_class(self, datasets, sysadmin):
        context = {"user": sysadmin["name"]}
        call_action("package_patch", context=dict(context), id="in-title", title="Cyanide")
        call_action("package_patch", context=dict(context), id="private-one", private=False)
        call_action("package_patch", context=dict(context), id="in-tags", state="draft")
        assert_copy_is_exact()

    def test_after_delete_purge_and_clear(self, datasets, sysadmin, cli):
        from ckan.cli.cli import ckan as ckan_command
        call_action("package_delete", context={"user": sysadmin["name"]}, id="in-title")
        call_action("dataset_purge", context={"user": sysadmin["name"]}, id="in-tags")
        assert_copy_is_exact()
        assert cli.invoke(ckan_command, ["search-index", "clear"]).exit_code == 0
        assert rows("SELECT count(*) FROM asmhub_search_text") == {(0,)}
        assert cli.invoke(ckan_command, ["asmhub", "search-index", "rebuild"]).exit_code == 0
        assert_copy_is_exact()
        # The purged dataset's words ("rush") left zero counters; the rebuild drops them.
        for counts in ("asmhub_search_term", "asmhub_search_count"):
            assert rows(f"SELECT count(*) FROM {counts} WHERE n = 0") == {(0,)}

    def test_a_rolled_back_write_leaves_no_copy(self, datasets):
        doc = dict(core_search.show("elsewhere"), title="Rolled back")
        core_search.common.make_connection().add(docs=[doc])
        assert ("Rolled back",) in rows("SELECT title FROM asmhub_search_text")
        model.Session.rollback()
        assert_copy_is_exact()


class TestBothTablesGiveTheSameAnswer:
    @pytest.mark.parametrize("who", ["anonymous", "editor"])
    def test_counts_and_pages(self, datasets, search, editor, who):
        context = {"user": editor["name"]} if who == "editor" else {}
        for q in ("mercury", "mining", "mine", "minière", "small-scale", "the", "gold mercury",
                  "mercury -gold", '"gold mining"', "title:mercury", "merc*", "name:in-tags",
                  "nothing-here"):
            narrow = search(context=dict(context), q=q, include_private=True)
            whole = search(context=dict(context), q=q, include_private=True,
                           fq=ON_THE_INDEX_TABLE)
            assert (q, narrow["count"], names(narrow)) == (q, whole["count"], names(whole))

    def test_private_datasets_count_for_members_only(self, datasets, search, editor):
        anonymous = search(q="mercury", include_private=True)
        member = search(context={"user": editor["name"]}, q="mercury", include_private=True)
        assert (anonymous["count"], member["count"]) == (3, 4)
        assert "private-one" in names(member) and "private-one" not in names(anonymous)


class TestRanking:
    def test_title_then_keywords_then_anywhere(self, datasets, search):
        assert names(search(q="mercury")) == ["in-title", "in-tags", "in-notes"]

    def test_pages_continue_across_tiers(self, datasets, search):
        pages = [names(search(q="mercury", rows=1, start=i)) for i in range(4)]
        assert pages == [["in-title"], ["in-tags"], ["in-notes"], []]


class TestWhichRequestsUseTheTextTable:
    CORE_FILTERS = ["+capacity:public", '+permission_labels:("public")', "+dataset_type:dataset"]

    @pytest.mark.parametrize("q", ["gold", "title:gold", "gold -mercury",
                                   'name_ngram:"go" OR title_ngram:"go" OR name:"go" OR title:"go"'])
    def test_text_terms_with_class_filters(self, q):
        stmt = statement.build({"q": q, "fq_list": self.CORE_FILTERS, "sort": "score desc"})
        assert "FROM asmhub_search_text AS d" in stmt.count_sql
        assert "FROM asmhub_search_text AS d" in stmt.rows_sql

    @pytest.mark.parametrize("params", [
        {"q": "gold", "fq": 'tags:"gold"'},
        {"q": "gold", "fq": "minerals:gold"},
        {"q": "res_name:gold"},
        {"q": ""},
    ])
    def test_anything_else_uses_the_index_table(self, params):
        stmt = statement.build({"fq_list": self.CORE_FILTERS, **params})
        assert "asmhub_search_text" not in stmt.count_sql

    def test_one_word_is_counted_from_the_word_counts(self):
        stmt = statement.build({"q": "mining", "fq_list": self.CORE_FILTERS})
        assert "asmhub_search_term" in stmt.count_sql
        stmt = statement.build({"q": "gold mining", "fq_list": self.CORE_FILTERS})
        assert "asmhub_search_term" not in stmt.count_sql

    def test_word_forms_are_one_lexeme_per_language_or_none(self):
        def forms(word):
            return rows(f"SELECT lexeme FROM asmhub_word_forms('{word}')")
        assert forms("mining") == {("mine",), ("mining",)}
        assert forms("small-scale") == set()  # several lexemes: counted over the rows
        assert forms("the") == {("the",)}  # a stop word in English only

    def test_a_first_tier_sorted_on_a_column_it_lacks_uses_the_index_table(self):
        stmt = statement.build({"q": "gold", "sort": "score desc, title_string asc"})
        assert "FROM asmhub_search_text AS d" in stmt.count_sql
        assert "asmhub_search_text" not in stmt.rows_sql
