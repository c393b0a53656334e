"""Swedish first: every message in the catalogue has a Swedish translation."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_swedish_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    catalogue = polib.pofile(str(PO))
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            continue
        for token in ("%(", "%s", "{"):
            assert entry.msgid.count(token) == entry.msgstr.count(token), entry.msgid


def test_swedish_is_the_default_and_english_is_available():
    assert settings.LANGUAGE_CODE == "sv"
    with translation.override("sv"):
        assert translation.gettext("My programmes") == "Mina program"
    with translation.override("en"):
        assert translation.gettext("My programmes") == "My programmes"
