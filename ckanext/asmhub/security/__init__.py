"""Protections the hub adds around CKAN's own request handling."""
