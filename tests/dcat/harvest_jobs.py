"""Run harvest jobs in tests the way the consumers do, through the real Redis queues."""
from __future__ import annotations

from typing import Any

from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.harvest import queue


def as_sysadmin(action: str, **data: Any) -> Any:
    sysadmin = model.Session.query(model.User).filter_by(sysadmin=True, state="active").first() \
        or model.User.get(factories.Sysadmin()["id"])
    return call_action(action, context={"user": sysadmin.name}, **data)


def run_job(source_id: str) -> dict[str, Any]:
    """Run one harvest job through the real Redis gather and fetch queues."""
    job = as_sysadmin("harvest_job_create", source_id=source_id, run=True)
    gather, fetch = queue.get_gather_consumer(), queue.get_fetch_consumer()
    reply = gather.basic_get(queue=queue.get_gather_queue_name())
    queue.gather_callback(gather, *reply)
    while True:
        reply = fetch.basic_get(queue=queue.get_fetch_queue_name())
        if not reply[2]:
            break
        queue.fetch_callback(fetch, *reply)
    call_action("harvest_jobs_run", source_id=source_id)
    return call_action("harvest_job_report", id=job["id"])
