"""Only the babel message extractors live here (see ckan/ckan#8382);
everything else is in pyproject.toml."""
from setuptools import setup

setup(
    message_extractors={
        "ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
            ("**/schemas/**.yaml", "ckanext.asmhub.localisation.extract:extract_scheming", None),
        ],
    },
)
