"""Review notices reach each person in their own language, whoever acts and in
whichever language they act."""
from __future__ import annotations

import email
import email.policy

import pytest

from ckan.tests import factories

from ckanext.asmhub.localisation.users import remember_locale

from .conftest import all_met
from .test_mail import body, run_jobs


def subject(message) -> str:
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)["Subject"]

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                                     "with_test_worker")


def _api(app, action: str, user: dict, **data) -> None:
    token = factories.APIToken(user=user["name"])["token"]
    response = app.post(f"/api/3/action/{action}", json=data, headers={"Authorization": token})
    assert response.json["success"], response.json


def test_each_notice_is_in_its_recipients_language(app, smtp, people, contribution):
    remember_locale(people.contributor["name"], "fr")
    remember_locale(people.moderator["name"], "sw")
    dataset = contribution(title="Or au Mali")

    _api(app, "asmhub_review_submit", people.contributor, id=dataset["id"])
    _api(app, "asmhub_review_decide", people.moderator, id=dataset["id"], decision="revisions_requested",
         comment="Il manque l'année.", required_changes=["Donner l'année du recensement"], criteria=all_met())
    run_jobs()

    to_moderator = smtp.to(people.moderator["email"])[0]
    assert subject(to_moderator) == "[ASM Hub] Mchango mpya wa kukagua: Or au Mali"
    assert "Ukague hapa:" in body(to_moderator)
    assert subject(smtp.to(people.sysadmin["email"])[0]) == "[ASM Hub] New contribution to review: Or au Mali"

    to_contributor = smtp.to(people.contributor["email"])[0]
    # Python's header folding loses the space at the fold of a long non-ASCII subject
    # ("» :Révisions"), so the subject is checked on both sides of it.
    assert subject(to_contributor).startswith("[ASM Hub] Votre contribution « Or au Mali » :")
    assert subject(to_contributor).endswith("Révisions demandées")
    text = body(to_contributor)
    assert text.startswith("Bonjour ")
    assert "Un modérateur a relu votre contribution « Or au Mali » et demande ces révisions" in text
    assert "  - Donner l'année du recensement" in text
    assert "Modifiez le jeu de données, puis soumettez-le à nouveau pour relecture." in text
