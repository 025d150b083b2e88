"""What each of the hub's plugins needs beside it, checked when CKAN loads them.

Plugins depend on each other one way only (README, "Plugins"): a room may need
the core ``asmhub`` plugin, never the reverse. A plugin calls :func:`require`
from ``IConfigurer.update_config``, which CKAN runs once every plugin of
``ckan.plugins`` is loaded, so a missing one stops start-up with a one-line
reason instead of a broken page later.
"""
from __future__ import annotations

from ckan.common import CKANConfig
from ckan.exceptions import CkanConfigurationException


def enabled_plugins(config_: CKANConfig) -> list[str]:
    plugins = config_.get("ckan.plugins") or []
    return plugins.split() if isinstance(plugins, str) else list(plugins)


def require(config_: CKANConfig, plugin: str, *needed: str) -> None:
    """Refuse to start when ``plugin`` is enabled without every one of ``needed``."""
    enabled = enabled_plugins(config_)
    missing = [name for name in needed if name not in enabled]
    if missing:
        raise CkanConfigurationException(
            f"The {plugin} plugin needs {' and '.join(missing)}: "
            f"add {' '.join(missing)} to ckan.plugins")
