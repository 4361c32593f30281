"""Demo engage setup: reply templates (one for a water supply outage, a crisis) and watch words.

Called by ``manage.py seed_demo``; adds only what is missing. The inbox fills
from the demo channels: the demo publishes posts to the platform sandboxes and
then reads their comments with :func:`plugins.engage.polling.poll_all_now`.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from cms.core.models import Topic
from plugins.engage.insights import collect_all
from plugins.engage.models import ReplyTemplate, WatchWord
from plugins.engage.polling import poll_all_now

# (title, topic name or None, crisis, text)
TEMPLATES = [
    (
        "Awaria wodociągowa – komunikat kryzysowy",
        None,
        True,
        "Dzień dobry, dziękujemy za zgłoszenie. Trwa usuwanie awarii sieci wodociągowej; ekipy MPWiK są na "
        "miejscu. Beczkowozy z wodą pitną stoją przy szkołach na Starym Mieście i przy ul. Lipowej. "
        "Aktualne informacje o przywróceniu dostaw publikujemy na stronie miasta i tutaj. Za utrudnienia "
        "przepraszamy.",
    ),
    (
        "Wypadek lub zdarzenie drogowe – komunikat kryzysowy",
        None,
        True,
        "Dzień dobry, wiemy o zdarzeniu i jesteśmy w kontakcie ze służbami. Prosimy o omijanie tego "
        "miejsca i stosowanie się do poleceń policji. Informacje o objazdach podamy, gdy tylko je "
        "otrzymamy.",
    ),
    (
        "Podziękowanie za komentarz",
        None,
        False,
        "Dziękujemy za miłe słowa! Przekażemy je zespołowi, który przygotował tę inwestycję.",
    ),
    (
        "Prośba o zgłoszenie przez formularz",
        "Transport",
        False,
        "Dzień dobry, dziękujemy za sygnał. Aby zgłoszenie trafiło od razu do właściwej jednostki, prosimy "
        "o przesłanie go przez formularz „Zgłoś problem” na stronie miasta – z adresem i zdjęciem, jeśli to "
        "możliwe. Będziemy informować o postępach.",
    ),
    (
        "Prośba o kontakt w wiadomości prywatnej",
        None,
        False,
        "Dzień dobry, prosimy o wiadomość prywatną z danymi kontaktowymi – sprawdzimy sprawę i "
        "odpowiemy bezpośrednio.",
    ),
    (
        "Harmonogram wywozu odpadów",
        "Środowisko",
        False,
        "Dzień dobry, aktualny harmonogram odbioru odpadów dla każdej ulicy jest w zakładce „Odpady” na "
        "stronie miasta. W razie nieodebrania odpadów prosimy o kontakt z ZGO: zgo@zgo.wierzbin.pl.",
    ),
]
WATCH_WORDS = [
    ("awaria", True),
    ("wypadek", True),
    ("skandal", True),
    ("pożar", True),
    ("brak wody", True),
    ("zagrożenie", True),
    ("ewakuacja", True),
    ("korupcja", True),
]


def load(command):
    """Add the missing templates and watch words, read the demo channels' inboxes; report to the command."""
    topics = {topic.name: topic for topic in Topic.objects.all()}
    added = 0
    for title, topic_name, crisis, text in TEMPLATES:
        _template, created = ReplyTemplate.objects.get_or_create(
            title=title, defaults={"topic": topics.get(topic_name), "is_crisis": crisis, "text": text}
        )
        added += created
    for word, inflected in WATCH_WORDS:
        added += WatchWord.objects.get_or_create(word=word, defaults={"inflected": inflected})[1]
    # The posts the editorial demo published are on the sandboxes by now (in-process jobs);
    # their comments and figures come in at once instead of at the next scheduled poll.
    transaction.on_commit(_read_channels)
    command.stdout.write(
        _("Engage: %(templates)d reply templates, %(words)d watch words (%(added)d new).")
        % {
            "templates": ReplyTemplate.objects.count(),
            "words": WatchWord.objects.count(),
            "added": added,
        }
    )


def _read_channels():
    poll_all_now()
    collect_all()
