"""How to cite: the text on the page and the BibTeX / RIS downloads."""
from __future__ import annotations

import pytest

from ckan.tests import factories

from .test_display import text

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def report(make_dataset):
    org = factories.Organization(name="igf", title="IGF")
    return make_dataset(
        type="library", name="igf-2018", title="Global Trends in ASM: A review of key numbers & issues",
        owner_org=org["id"], authors="Fritz, M.; McQuilken, J.", year="2018", publisher="IGF / IISD",
        document_type="report", url="https://www.iisd.org/publications/global-trends", minerals=["gold"])


@pytest.fixture
def dataset(make_dataset):
    org = factories.Organization(name="curators", title="ASM Hub curators")
    return make_dataset(name="asm-tza", title="ASM in Tanzania", owner_org=org["id"],
                        source_citation="Delve country profile: Tanzania (World Bank / Pact, 2020)")


def test_dataset_page_says_how_to_cite_it(app, dataset):
    page = text(app.get("/dataset/asm-tza").body)
    year = dataset["metadata_created"][:4]
    assert (f"How to cite ASM Hub curators ({year}). ASM in Tanzania [Data set]. ASM Hub. "
            "http://test.asmhub.local/dataset/asm-tza") in page
    assert "Please also cite the original source: Delve country profile: Tanzania (World Bank / Pact, 2020)" in page
    assert "Download the citation: BibTeX · RIS" in page


def test_library_page_cites_authors_year_and_original_link(app, report):
    page = text(app.get("/library/igf-2018").body)
    assert ("Fritz, M.; McQuilken, J. (2018). Global Trends in ASM: A review of key numbers & issues. "
            "IGF / IISD. https://www.iisd.org/publications/global-trends") in page


def test_an_organisations_own_report_names_it_once(app, make_dataset):
    make_dataset(type="library", name="amdc", title="ASM Sector Report", year="2017",
                 publisher="UNECA / AMDC", document_type="report")
    page = text(app.get("/library/amdc").body)
    assert "How to cite UNECA / AMDC (2017). ASM Sector Report. http://test.asmhub.local/library/amdc" in page


def test_bibtex_download(app, report):
    response = app.get("/dataset/igf-2018/cite.bib")
    assert response.headers["Content-Type"].startswith("application/x-bibtex")
    assert response.headers["Content-Disposition"] == 'attachment; filename="igf-2018.bib"'
    assert response.body == (
        "@techreport{igf20182018,\n"
        "  author = {Fritz, M. and McQuilken, J.},\n"
        "  title = {{Global Trends in ASM: A review of key numbers \\& issues}},\n"
        "  year = {2018},\n"
        "  institution = {IGF / IISD},\n"
        "  url = {https://www.iisd.org/publications/global-trends}\n"
        "}\n")


def test_ris_download(app, dataset):
    response = app.get("/dataset/asm-tza/cite.ris")
    assert response.headers["Content-Type"].startswith("application/x-research-info-systems")
    assert response.headers["Content-Disposition"] == 'attachment; filename="asm-tza.ris"'
    assert response.body.split("\r\n") == [
        "TY  - DATA", "AU  - ASM Hub curators", "TI  - ASM in Tanzania",
        f"PY  - {dataset['metadata_created'][:4]}", "PB  - ASM Hub",
        "UR  - http://test.asmhub.local/dataset/asm-tza", "ER  - ", ""]


def test_organisation_is_one_bibtex_author(app, dataset):
    assert "  author = {{ASM Hub curators}},\n" in app.get("/dataset/asm-tza/cite.bib").body


def test_private_dataset_citation_is_not_shown_to_strangers(app, make_dataset):
    make_dataset(name="secret", private=True)
    app.get("/dataset/secret/cite.ris", status=404)


def test_unknown_format_is_not_found(app, dataset):
    app.get("/dataset/asm-tza/cite.docx", status=404)
