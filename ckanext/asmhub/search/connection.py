"""A pysolr-compatible connection that keeps the index in PostgreSQL.

CKAN reaches Solr only through ``make_connection()`` and four methods of the
object it returns (``search``, ``add``, ``delete``, ``commit``). Returning this
class instead moves the whole index into the CKAN database while core keeps
building documents, filters, permission labels and facets exactly as it does
for Solr.

Writes CKAN makes while committing a change go through ``model.Session``, so
the index row commits or rolls back with the dataset. A deletion asked for
outside such a commit (``ckan search-index clear``) runs in a transaction of
its own and is final at once, as with Solr: the backend never commits or
closes a session it did not open.
Deferred writes (``commit=False``, as in ``ckan search-index rebuild``) are
buffered and written in batches on a connection of their own, each batch one
statement in its own transaction: a long rebuild neither holds locks on
datasets nor leaves search empty while it runs, and never overwrites a row
with an older version of its dataset.
"""
from __future__ import annotations

import atexit
import contextlib
import datetime
import hashlib
import json
import logging
import threading
from typing import Any, Iterable, Iterator

import pysolr
import sqlalchemy as sa
from redis.exceptions import RedisError
from sqlalchemy.exc import DBAPIError

from ckan import model
from ckan.common import config
from ckan.lib.search.common import solr_datetime_decoder

from . import compile, document, fields, interfaces, query_tree, statement
from .query_tree import QuerySyntaxError, SortError

log = logging.getLogger(__name__)

TABLE = "asmhub_search_doc"
_COLUMNS = (
    "index_id", "id", "site_id", "name", "title", "title_string", "state", "capacity",
    "dataset_type", "entity_type", "owner_org", "organization", "license_id",
    "creator_user_id", "metadata_created", "metadata_modified", "tags", "groups",
    "res_format", "permission_labels", "doc", "data_dict", "validated_data_dict",
)
_VECTOR = " || ".join(
    f"setweight(asmhub_tsvector(:text_{w}), '{w.upper()}')" for w in "abcd")
# What an upsert rewrites of a row it finds: all but its key.
_WRITTEN = _COLUMNS[1:] + ("bbox", "search_vector")
_UPDATE_ALL = "ON CONFLICT (index_id) DO UPDATE SET " + ", ".join(
    f"{c} = EXCLUDED.{c}" for c in _WRITTEN + ("indexed_at",))
UPSERT = sa.text(
    f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}, bbox, search_vector, indexed_at) "
    f"VALUES ({', '.join(':' + c if c != 'doc' else 'CAST(:doc AS jsonb)' for c in _COLUMNS)}, "
    f"CAST(:bbox AS box), {_VECTOR}, now()) {_UPDATE_ALL}")

_ROW_TYPES = {c: "text" for c in _COLUMNS + ("bbox", "text_a", "text_b", "text_c", "text_d")}
_ROW_TYPES.update({c: "timestamptz" for c in fields.DATE_COLUMNS})
_ROW_TYPES.update({c: "text[]" for c in fields.ARRAY_COLUMNS})


def _written(alias: str) -> str:
    # Boxes compare by area with "="; their text is exact.
    return ", ".join(f"{alias}.{c}::text" if c == "bbox" else f"{alias}.{c}" for c in _WRITTEN)


# Many rows in one statement (one trigger run, one round trip). A row already
# indexed from a newer version of its dataset is left alone, and so is one
# that would be rewritten as it is: a rebuild of unchanged datasets then adds
# no row versions, index entries or count updates.
BULK_UPSERT = sa.text(
    f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}, bbox, search_vector, indexed_at) "
    f"SELECT {', '.join('r.' + c if c != 'doc' else 'CAST(r.doc AS jsonb)' for c in _COLUMNS)}, "
    f"CAST(r.bbox AS box), {_VECTOR.replace(':text_', 'r.text_')}, now() "
    f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r("
    + ", ".join(f"{c} {t}" for c, t in _ROW_TYPES.items()) + ") "
    f"{_UPDATE_ALL} WHERE ({TABLE}.metadata_modified IS NULL "
    f"OR {TABLE}.metadata_modified <= EXCLUDED.metadata_modified) "
    f"AND ({_written(TABLE)}) IS DISTINCT FROM ({_written('EXCLUDED')})")


# A deletion on its own transaction waits at most this long for a row lock:
# should the caller's own open transaction hold it, waiting would never end.
LOCK_TIMEOUT = "10s"
_COMMITTING = "asmhub_search_committing"


@sa.event.listens_for(model.Session, "before_commit", insert=True)
def _mark_committing(session: Any) -> None:
    """Tell index writes made while CKAN commits a change that they are part of it.

    CKAN indexes and unindexes datasets from its own ``before_commit`` hook
    (``DomainObjectModificationExtension``); this listener runs first.
    """
    session.info[_COMMITTING] = True


@sa.event.listens_for(model.Session, "after_transaction_end")
def _unmark_committing(session: Any, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_COMMITTING, None)


def keyword_fields() -> list[str]:
    return config.get("ckanext.asmhub.search.keyword_fields")


class _DeferredWriter:
    """Buffers deferred index writes and flushes them in committed batches."""

    def __init__(self) -> None:
        self._rows: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._held = False
        self.wrote = False  # since the last commit(): whether a vacuum is due

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Keep every added row until it is taken, however many there are.

        The rebuild takes each whole batch and writes it on a thread of its
        own while it builds the next; a flush from ``add`` would write it in
        the building thread instead, and the two would never overlap.
        """
        self._held = True
        try:
            yield
        finally:
            self._held = False

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        with self._lock:
            self._rows.extend(rows)
            full = (not self._held
                    and len(self._rows) >= config.get("ckanext.asmhub.search.batch_size"))
        if full:
            self.flush()

    def take(self) -> list[dict[str, Any]]:
        """The buffered rows, leaving the buffer empty."""
        with self._lock:
            rows, self._rows = self._rows, []
        return rows

    def flush(self) -> None:
        rows = self.take()
        if rows:
            write_batch(rows)
            self.wrote = True


def write_batch(rows: list[dict[str, Any]]) -> None:
    """Write index rows in one statement and one transaction of their own."""
    if not rows:
        return
    latest = {row["index_id"]: row for row in rows}  # one write per row and statement
    payload = json.dumps(list(latest.values()), default=str)
    with model.meta.engine.begin() as connection:
        connection.execute(BULK_UPSERT, {"rows": payload})


deferred = _DeferredWriter()
atexit.register(lambda: deferred.flush() if model.meta.engine is not None else None)


def vacuum() -> None:
    """Tidy the index after many writes, as autovacuum would later.

    Fresh statistics let the planner choose the indexes; merging the GIN
    pending lists spares every search a scan of them; marking pages
    all-visible lets counts skip the table. (A plain ANALYZE does not merge
    GIN pending lists.) Counters that fell to zero (values and words no row
    has any more) are dropped; a later write recreates any it needs.
    """
    autocommit = model.meta.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    with autocommit as connection:
        for counts in ("asmhub_search_count", "asmhub_search_term"):
            connection.execute(sa.text(f"DELETE FROM {counts} WHERE n = 0"))
        for table in (TABLE, "asmhub_search_count", "asmhub_search_text", "asmhub_search_term"):
            connection.execute(sa.text(f"VACUUM (ANALYZE) {table}"))


def settings(stmt: statement.Statement) -> dict[str, str]:
    """The planner settings a statement runs with.

    A text search keeps the planner off sequential scans: the planner prices a
    text match as cheap, but on a scan it means reading (de-TOASTing) the
    vector of every row, where the GIN index answers without reading any. It
    also runs in one process: a parallel bitmap scan of the narrow text table
    took twice as long as a plain one (its pages are few; starting workers and
    sharing the bitmap are not). JIT compilation stays off: a disabled scan
    anywhere in a plan prices it in the billions, which would make PostgreSQL
    spend ~130 ms compiling a query that runs in a few.
    """
    values = {"statement_timeout": str(config.get("ckanext.asmhub.search.statement_timeout")),
              "jit": "off"}
    if stmt.text_search:
        values.update(enable_seqscan="off", max_parallel_workers_per_gather="0")
    return values


def apply_settings(values: dict[str, str]) -> dict[str, str]:
    """Set ``values`` for the rest of the current transaction; return the previous ones."""
    names = list(values)
    binds = {f"n{i}": name for i, name in enumerate(names)}
    binds.update({f"v{i}": values[name] for i, name in enumerate(names)})
    before = ", ".join(f"current_setting(:n{i}) AS b{i}" for i in range(len(names)))
    calls = ", ".join(f"set_config(:n{i}, :v{i}, true)" for i in range(len(names)))
    row = model.Session.execute(sa.text(
        f"WITH before AS MATERIALIZED (SELECT {before}) SELECT before.*, {calls} FROM before"),
        binds).one()
    return {name: row[i] for i, name in enumerate(names)}


def _execute(stmt: statement.Statement) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    previous = apply_settings(settings(stmt))
    counts = dict(model.Session.execute(stmt.count).mappings().one())
    rows = []
    if stmt.rows_query is not None:
        rows = [dict(row) for row in model.Session.execute(stmt.rows_query).mappings()]
    apply_settings(previous)
    return counts, rows


def _run(stmt: statement.Statement) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The statement's answer, from the cache when the index has not changed since.

    Answers are cached in Redis under the index generation this transaction
    sees, which every write statement renews (its own uncommitted writes
    included), so a cached answer is never one the database would not give.
    """
    seconds = int(config.get("ckanext.asmhub.search.cache_seconds"))
    if not seconds:
        return _execute(stmt)
    generation = model.Session.execute(sa.text(
        "SELECT epoch || ':' || n FROM asmhub_search_generation")).scalar()
    request = json.dumps([generation, stmt.count_sql, stmt.rows_sql, stmt.binds], default=str)
    cache = interfaces.cache()
    key = cache.key("search", hashlib.sha256(request.encode()).hexdigest())
    try:
        redis = cache.connect()
        cached = redis.get(key)
    except RedisError as error:
        log.warning("Search cache unavailable: %s", error)
        return _execute(stmt)
    if cached:
        counts, rows = json.loads(cached)
        return counts, rows
    counts, rows = _execute(stmt)
    try:
        redis.set(key, json.dumps([counts, rows], default=str), ex=seconds)
    except RedisError as error:
        log.warning("Search cache unavailable: %s", error)
    return counts, rows


def solr_date(value: Any) -> Any:
    """A date as Solr returns a date field: UTC, to the millisecond, ``Z``
    (``2014-06-10T08:24:12.782Z``, ``2019-10-10T01:15:00Z``). Core indexes
    dates as ISO strings with a ``Z`` appended (even after an offset); Solr
    parses and stores them as instants. What is not a date stays as it is."""
    if isinstance(value, list):
        return [solr_date(v) for v in value]
    if not isinstance(value, str):
        return value
    text = value[:-1] if value.endswith("Z") else value
    if text.endswith("Z"):
        text = text[:-1]
    try:
        stamp = datetime.datetime.fromisoformat(text)
    except ValueError:
        return value
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(datetime.timezone.utc)
    millis = stamp.microsecond // 1000
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + (f".{millis:03d}" if millis else "") + "Z"


def _as_solr_returns(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: solr_date(v) if fields.is_date(k) else v for k, v in doc.items()}


class PostgresConnection:
    """The part of ``pysolr.Solr`` that CKAN uses.

    With ``decode_dates`` (core's default for ``make_connection``), date strings
    in the documents a search returns become ``datetime`` objects, by core's own
    decoder, as pysolr does with it.
    """

    url = "postgresql:asmhub_search_doc"

    def __init__(self, decode_dates: bool = False) -> None:
        self.decode_dates = decode_dates

    def search(self, q: str | None = None, **params: Any) -> pysolr.Results:
        params["q"] = q
        try:
            stmt = statement.build(params)
        except SortError as error:
            raise pysolr.SolrError(f"Can't determine a Sort Order: {error}") from None
        except QuerySyntaxError as error:
            raise pysolr.SolrError(str(error)) from None
        try:
            with model.Session.begin_nested():
                counts, rows = _run(stmt)
        except DBAPIError as error:
            log.warning("Search failed: %s", error.orig)
            raise pysolr.SolrError(f"Search failed: {str(error.orig).strip()}") from None
        facets = {name: [x for pair in counts[f"f{i}"] for x in pair]
                  for i, name in enumerate(stmt.facet_fields)}
        docs = [_as_solr_returns(statement.shape_doc(row, stmt.fl)) for row in rows]
        if self.decode_dates:
            docs = [solr_datetime_decoder(doc) for doc in docs]
        return pysolr.Results({
            "response": {"numFound": counts["hits"], "docs": docs},
            "facet_counts": {"facet_fields": facets} if stmt.facet_fields else {},
        })

    def add(self, docs: list[dict[str, Any]], commit: bool = True, **kwargs: Any) -> None:
        rows = [document.to_row(doc, keyword_fields()) for doc in docs]
        if not commit:
            deferred.add(rows)
            return
        try:
            model.Session.execute(UPSERT, rows)
        except DBAPIError as error:
            raise pysolr.SolrError(f"Could not index: {str(error.orig).strip()}") from None

    def delete(self, id: str | None = None, q: str | None = None, commit: bool = True,
               **kwargs: Any) -> None:
        if not self._table_exists():
            return  # ``ckan db clean`` dropped every table before clearing the index.
        doc = compile.SEARCH_DOC
        if id is not None:
            where = doc.c.id == id
        else:
            try:
                where = compile.Compiler(doc).where(query_tree.parse(q))
            except QuerySyntaxError as error:
                raise pysolr.SolrError(str(error)) from None
        deferred.flush()
        delete = sa.delete(doc).where(where)
        if model.Session.info.get(_COMMITTING):
            model.Session.execute(delete)
            return
        with model.meta.engine.begin() as connection:
            connection.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
            try:
                connection.execute(delete)
            except DBAPIError as error:
                raise pysolr.SolrError(f"Could not delete: {str(error.orig).strip()}") from None

    def commit(self, **kwargs: Any) -> None:
        """Solr's commit makes pending changes visible; so does ours.

        Core calls it only outside request handling: after ``clear_index`` and
        at the end of ``ckan search-index rebuild``. Deletions and deferred
        writes have their own transactions, so the caller's session is left
        as it is. Only a rebuild's deferred writes call for a vacuum
        (clearing, as every test does, does not).
        """
        deferred.flush()
        if deferred.wrote:
            deferred.wrote = False
            vacuum()

    @staticmethod
    def _table_exists() -> bool:
        return model.Session.execute(
            sa.text("SELECT to_regclass(:t) IS NOT NULL"), {"t": TABLE}).scalar()
