"""seed_demo gives the editorial team something in every state to look at."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.editorial.models import PressReleasePage, SocialPostPage
from cms.outbox.models import Delivery

pytestmark = pytest.mark.django_db


def test_demo_press_room_has_content_in_every_state(capsys):
    call_command("seed_demo")
    releases = PressReleasePage.objects.all()
    states = {page.title: page for page in releases}

    assert states["Tramwaj na Zielone Wzgórza: umowa z wykonawcą podpisana"].live
    assert states["Projekt budżetu Wierzbina na 2027 rok"].embargo_until is not None
    assert states["Jarmark Bożonarodzeniowy na Rynku od 6 grudnia"].status_string == "zaplanowany"
    draft = states["Nowe zasady parkowania w Strefie Płatnego Parkowania"]
    assert not draft.live and not draft.workflow_in_progress
    tasks = {page.title: page.current_workflow_task.name for page in releases if page.current_workflow_task}
    assert tasks["Remont ulicy Długiej: objazdy od poniedziałku"].startswith("Akceptacja merytoryczna")
    assert tasks["Wierzbin z nagrodą za budżet obywatelski"] == "Akceptacja kierownika biura prasowego"
    rejected = states["Podwyżka opłat za wodę od stycznia"].workflow_states.get()
    assert rejected.status == "needs_changes"
    assert states["Remont ulicy Długiej: objazdy od poniedziałku"].slug == (
        "remont-ulicy-dlugiej-objazdy-od-poniedzialku"
    )

    # Four posts are published or planned on the demo's Facebook Page; each has one delivery there.
    assert Delivery.objects.filter(channel__platform="facebook").count() == 4
    assert SocialPostPage.objects.filter(live=False).count() == 2

    call_command("seed_demo")  # a second run adds nothing
    assert Page.objects.type(PressReleasePage).count() == len(states)
