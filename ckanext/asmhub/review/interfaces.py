"""How other plugins take part in moderated publishing without review knowing them."""
from __future__ import annotations

from ckan import model
from ckan.plugins.interfaces import Interface


class IAsmhubReview(Interface):
    """Implemented by plugins that create datasets as the site itself (a harvester)."""

    def asmhub_review_holds(self, pkg: model.Package) -> bool:
        """Whether a dataset the site creates waits for a moderator instead of
        being published at once (e.g. harvested from a source nobody vetted)."""
        return False
