"""Look inside the hub as a container of the docker stack configures it.

Run through docker/entrypoint.sh (so with its environment and ini):
  probe.py mail ADDRESS   send one message through CKAN's mailer
  probe.py config         check the settings production relies on

Part of docker/checks/entrypoint-local.sh; not a test of the suite.
"""
from __future__ import annotations

import os
import sys

from ckan.cli import CKANConfigLoader
from ckan.common import asbool, config
from ckan.config.middleware import make_app


def mail(address: str) -> None:
    from ckan.lib import mailer
    mailer.mail_recipient("Docker check", address, "ASM Hub docker check",
                          "Sent by docker/checks/probe.py through CKAN_SMTP_SERVER.")
    print(f"sent to {address} through {config.get('smtp.server')}")


def check_config() -> None:
    expected = {
        "smtp.server": os.environ.get("CKAN_SMTP_SERVER"),
        "smtp.mail_from": os.environ.get("CKAN_SMTP_MAIL_FROM"),
        "ckan.max_resource_size": int(os.environ.get("CKAN_MAX_UPLOAD_SIZE_MB", "10")),
        "ckan.site_url": os.environ.get("CKAN_SITE_URL"),
        "ckan.datastore.write_url": os.environ.get("CKAN_DATASTORE_WRITE_URL"),
        "ckan.datastore.read_url": os.environ.get("CKAN_DATASTORE_READ_URL"),
    }
    problems = [f"{key} is {config.get(key)!r}, not {value!r} from the environment"
                for key, value in expected.items() if config.get(key) != value]
    if asbool(config.get("debug")):
        problems.append("debug is on")
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if not asbool(config.get(key)):
            problems.append(f"{key} is off")
    if not config.get("ckanext.asmhub.cache.redis_url"):
        problems.append("ckanext.asmhub.cache.redis_url is not set")
    if config.get("ckanext.xloader.api_token") in (None, "", "NOT_SET"):
        problems.append("ckanext.xloader.api_token is not set")
    if not config.get("ckanext.xloader.site_url"):
        problems.append("ckanext.xloader.site_url is not set")
    if problems:
        sys.exit("; ".join(problems))
    print("debug off, Secure cookies, SMTP/site URL/upload limit/DataStore URLs taken from CKAN_* "
          "variables, cache Redis URL, xloader's API token and site URL set")


if __name__ == "__main__":
    app = make_app(CKANConfigLoader(os.environ["CKAN_INI"]).get_config())
    with app._wsgi_app.test_request_context():
        if sys.argv[1] == "mail":
            mail(sys.argv[2])
        else:
            check_config()
