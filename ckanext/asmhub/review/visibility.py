"""Who may see a dataset: one rule, expressed as CKAN permission labels.

CKAN checks these labels in ``package_show`` (and so ``resource_show``, the
dataset and resource pages, downloads and per-dataset DCAT), in
``package_search`` (search pages, organisation counts, feeds, autocomplete,
the DCAT catalogue) and in the activity streams, which store the labels a
dataset had when each activity was recorded.
"""
from __future__ import annotations

from ckan import authz, model
from ckan.lib.plugins import DefaultPermissionLabels
import ckan.plugins.toolkit as tk

from . import APPROVED, effective_state, is_community_org, is_moderator

MODERATOR_LABEL = "asmhub-moderator"


def editor_label(org_id: str) -> str:
    return f"asmhub-editor-{org_id}"


class ReviewPermissionLabels(DefaultPermissionLabels):
    """Approved datasets keep CKAN's labels; the others are readable only by
    their contributor, their organisation's editors and admins, and the
    moderators. In the community contributions organisation, whose editors
    are strangers to each other, only the contributor and the moderators."""

    def get_dataset_labels(self, dataset_obj: model.Package) -> list[str]:
        if effective_state(dataset_obj.id) == APPROVED:
            return super().get_dataset_labels(dataset_obj)
        labels = [MODERATOR_LABEL, f"creator-{dataset_obj.creator_user_id}"]
        if dataset_obj.owner_org and not is_community_org(dataset_obj.owner_org):
            labels.append(editor_label(dataset_obj.owner_org))
        if authz.check_config_permission("allow_dataset_collaborators"):
            labels.append(f"collaborator-{dataset_obj.id}")
        return labels

    def get_user_dataset_labels(self, user_obj: model.User) -> list[str]:
        labels = super().get_user_dataset_labels(user_obj)
        if not user_obj or user_obj.is_anonymous:
            return labels
        if is_moderator(user_obj):
            labels.append(MODERATOR_LABEL)
        orgs = tk.get_action("organization_list_for_user")(
            {"user": user_obj.id}, {"permission": "update_dataset"})
        labels.extend(editor_label(o["id"]) for o in orgs)
        return labels
