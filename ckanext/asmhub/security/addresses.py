"""Addresses the server may fetch on a user's behalf: public internet ones only.

A harvest source or a linked resource saved by an ordinary user must not make
the server reach loopback, link-local, private or otherwise reserved addresses
(its own services). Names are resolved, since a public-looking name can point
inward; callers check again before each download, as a name can move later.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk


def address_error(url: str) -> str | None:
    """Why the server must not fetch ``url`` for an ordinary user (None if it may)."""
    host = urlsplit(url).hostname if url.lower().startswith(("http://", "https://")) else None
    if not host:
        return tk._("Harvest sources must be http:// or https:// addresses")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return None  # a name that leads nowhere cannot reach a local service; it is checked again before each download
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return tk._("Harvest sources must be public internet addresses; {host} is a local, "
                        "private or reserved address (ask a moderator)").format(host=host)
    return None
