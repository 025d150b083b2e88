"""What a dataset or library document says, and how the hub reads it.

- ``vocabularies``: minerals, themes, indicators, units, confidence, countries, languages;
- ``indexing``: the list fields and facet labels put in the search index (both backends);
- ``figures``: a dataset's estimates as people read them ("1.0–1.7 million people");
- ``citation``: how to cite a dataset or document (text, BibTeX, RIS).
"""
