"""DCAT-AP 3 for the hub: its RDF profile, its SKOS vocabularies, harvesting."""
