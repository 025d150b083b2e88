"""Template helpers of the outbox."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ..localisation import N_
from . import model as mail_model

__all__ = ["asmhub_mail_status_label"]

_LABELS = {mail_model.PENDING: N_("Waiting to be sent"), mail_model.SENT: N_("Sent"),
           mail_model.FAILED: N_("Not delivered")}


def asmhub_mail_status_label(status: str) -> str:
    return tk._(_LABELS.get(status, status))
