"""Countries, themes and the sector at a glance.

Everything here is computed from the approved catalogue as an anonymous
visitor sees it through ``package_search`` (so private, draft and unapproved
datasets never count), then cached until the catalogue changes:

- ``catalogue``: reads the public catalogue through ``package_search``.
- ``figures``: estimates, the best current figure, the data-solidity rule.
- ``aggregate``: the Countries table, a country's profile, themes, the home page.
- ``cache``: Redis cache keyed by a catalogue version bumped after each commit
  that touches the index.
- ``regions``: UN M49 regions of each country (names translated by Babel).
- ``charts``: server-rendered, accessible SVG charts and extent maps.
- ``views``: the ``/country`` and ``/theme`` pages and the CSV/JSON downloads.
"""
