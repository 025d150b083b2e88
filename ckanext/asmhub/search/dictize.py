"""The package dicts of a rebuild batch, with one query per related table.

``package_show``, as indexing calls it (no cache, no validation), reads a
dataset's resources, tags, groups, organisation and relationships with a
query apiece, and every group's member count with one more: for a batch of
500 datasets, thousands of statements, each paying SQLAlchemy's overhead.
:class:`BatchShow` reads each kind of related row once for the whole batch,
dictizes each group and organisation once, and hands every dataset its share.
Each part is shaped by core's own dictize helpers, so the dict is the one
core's ``package_dictize`` makes; ``tests/search/test_rebuild.py`` compares the
rows a rebuild writes with the rows core's own indexing writes.
"""
from __future__ import annotations

import copy
from collections import defaultdict
from typing import Any, Callable, Iterable

import sqlalchemy as sa

import ckan.plugins as plugins
from ckan import logic, model
from ckan.lib import dictization
from ckan.lib.dictization import model_dictize
from ckan.lib.helpers import helper_functions as h
from ckan.types import Context

# Added to a batch query's columns to tell the datasets' rows apart, and
# removed from each dict again.
_OWNER = "asmhub_package_id"


def _by_owner(rows: Iterable[Any], owner: str) -> dict[str, list[Any]]:
    shares: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        shares[getattr(row, owner)].append(row)
    return shares


def _without_owner(item: dict[str, Any]) -> dict[str, Any]:
    item.pop(_OWNER, None)
    return item


def _related_rows(ids: list[str], owner_orgs: set[str]) -> dict[str, dict[str, list[Any]]]:
    """Each related table's rows for the batch, split by the dataset (or org) they belong to."""
    res, tag, pkg_tag = model.resource_table, model.tag_table, model.package_tag_table
    member, group, rel = model.member_table, model.group_table, model.package_relationship_table
    queries: dict[str, tuple[sa.Select, str]] = {
        "resources": (sa.select(res).where(res.c.package_id.in_(ids)), "package_id"),
        "tags": (sa.select(tag, pkg_tag.c.state, pkg_tag.c.package_id.label(_OWNER))
                 .join(pkg_tag, tag.c.id == pkg_tag.c.tag_id)
                 .where(pkg_tag.c.package_id.in_(ids)), _OWNER),
        "groups": (sa.select(group, member.c.capacity, member.c.table_id.label(_OWNER))
                   .join(member, group.c.id == member.c.group_id)
                   .where(member.c.table_id.in_(ids), member.c.state == "active",
                          group.c.is_organization == sa.false()), _OWNER),
        "organization": (sa.select(group).where(group.c.id.in_(owner_orgs),
                                                group.c.state == "active"), "id"),
        "relationships_as_subject": (sa.select(rel).where(rel.c.subject_package_id.in_(ids)),
                                     "subject_package_id"),
        "relationships_as_object": (sa.select(rel).where(rel.c.object_package_id.in_(ids)),
                                    "object_package_id"),
    }
    return {part: _by_owner(model.Session.execute(query), owner)
            for part, (query, owner) in queries.items()}


class BatchShow:
    """``package_show`` for the datasets of one batch, from rows read together."""

    def __init__(self, packages: Iterable[model.Package]) -> None:
        packages = list(packages)
        self._rows = _related_rows([p.id for p in packages],
                                   {p.owner_org for p in packages if p.owner_org})
        # Dicts shared by many datasets of the batch, each made once.
        self._made: dict[tuple[Any, ...], dict[str, Any] | None] = {}

    def _once(self, key: tuple[Any, ...],
              make: Callable[[], dict[str, Any] | None]) -> dict[str, Any] | None:
        if key not in self._made:
            self._made[key] = make()
        return copy.deepcopy(self._made[key])

    def _groups(self, package_id: str, context: Context) -> list[dict[str, Any]]:
        def made(row: Any) -> dict[str, Any]:
            dicts = model_dictize.group_list_dictize([row], context, with_package_counts=False)
            return _without_owner(dicts[0])
        groups = [self._once(("group", row.id, row.capacity), lambda row=row: made(row))
                  for row in self._rows["groups"].get(package_id, [])]
        return sorted(groups, key=lambda g: h.strxfrm(g["display_name"]))

    def _organization(self, owner_org: str | None, context: Context) -> dict[str, Any] | None:
        def made() -> dict[str, Any] | None:
            orgs = dictization.obj_list_dictize(
                self._rows["organization"].get(owner_org or "", []), context)
            if not orgs:
                return None
            del orgs[0]["extras"]  # core's compact form of the owner
            return orgs[0]
        return self._once(("organization", owner_org), made)

    def _dictize(self, pkg: model.Package, context: Context) -> dict[str, Any]:
        """The dict core's ``package_dictize(pkg, context)`` returns."""
        rows = self._rows
        result = dictization.table_dictize(pkg, context)
        if result.get("title"):
            result["title"] = result["title"].strip()
        result.pop("plugin_data", None)
        result["resources"] = model_dictize.resource_list_dictize(
            rows["resources"].get(pkg.id, []), context)
        result["num_resources"] = len(result["resources"])
        tags = dictization.obj_list_dictize(rows["tags"].get(pkg.id, []), context,
                                            lambda t: t["name"])
        result["tags"] = [dict(_without_owner(t), display_name=t["name"]) for t in tags]
        result["num_tags"] = len(result["tags"])
        result["extras"] = [{"key": k, "value": v} for k, v in (result["extras"] or {}).items()]
        context["with_capacity"] = False
        result["groups"] = self._groups(pkg.id, context)
        result["organization"] = self._organization(pkg.owner_org, context)
        for side in ("relationships_as_subject", "relationships_as_object"):
            result[side] = dictization.obj_list_dictize(rows[side].get(pkg.id, []), context)
        result["isopen"] = pkg.isopen()
        result["type"] = pkg.type or "dataset"
        licence = pkg.license
        if licence and licence.url:
            result["license_url"] = licence.url
            result["license_title"] = licence.title.split("::")[-1]
        else:
            result["license_title"] = licence.title if licence else pkg.license_id
        result["metadata_modified"] = pkg.metadata_modified.isoformat()
        result["metadata_created"] = (pkg.metadata_created.isoformat()
                                      if pkg.metadata_created else None)
        return result

    def package_show(self, context: Context, pkg: model.Package) -> dict[str, Any]:
        """What the ``package_show`` action returns with ``use_cache=False, validate=False``,
        leaving ``context`` as the action leaves it (the validators read it next)."""
        context["session"] = model.Session
        context["package"] = pkg
        logic.check_access("package_show", context, {"id": pkg.id})
        package_dict = self._dictize(pkg, context)
        for item in plugins.PluginImplementations(plugins.IPackageController):
            item.read(pkg)
        for item in plugins.PluginImplementations(plugins.IResourceController):
            for resource_dict in package_dict["resources"]:
                item.before_resource_show(resource_dict)
        return package_dict
