"""The hub's curated evidence: the data files, their checks, and the seed that loads them."""
