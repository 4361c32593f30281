"""Polish first: the catalogue is complete and compiled, and the interface speaks Polish."""

from pathlib import Path

import pytest
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parent.parent / "cms/locale/pl/LC_MESSAGES/django.po"


def test_every_string_has_a_polish_translation():
    entries = CATALOGUE.read_text().split("\n\n")[1:]
    untranslated = [entry for entry in entries if entry.rstrip().endswith('msgstr ""')]
    assert untranslated == []
    assert "#, fuzzy" not in CATALOGUE.read_text()


def test_compiled_catalogue_is_used():
    with translation.override("pl"):
        assert translation.gettext("System status") == "Stan systemu"
        assert translation.gettext("subject expert") == "ekspert merytoryczny"
    with translation.override("en"):
        assert translation.gettext("System status") == "System status"


@pytest.mark.django_db
def test_admin_menu_is_polish_by_default(admin_client):
    home = admin_client.get("/admin/").content.decode()
    assert "Stan systemu" in home
    assert "Jednostki" in home
