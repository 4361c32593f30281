"""Demo press room: releases and posts in every state of the editorial workflow.

Called by ``manage.py seed_demo`` after the units and users exist; does nothing
when a press room is already there.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.core.models import Topic
from cms.editorial.models import (
    PressReleasePage,
    PressRoomIndexPage,
    SocialPostMedia,
    SocialPostPage,
    SocialPostVariant,
)
from cms.organisation.models import Unit
from cms.outbox.models import Channel

TOPICS = [
    ("Transport", "transport"),
    ("Edukacja", "edukacja"),
    ("Inwestycje", "inwestycje"),
    ("Środowisko", "srodowisko"),
    ("Kultura", "kultura"),
]

# (state, title, lead, paragraphs, topic slugs, unit code)
RELEASES = [
    (
        "live",
        "Tramwaj na Zielone Wzgórza: umowa z wykonawcą podpisana",
        "Miasto podpisało umowę na budowę 4,2 km nowej linii tramwajowej. "
        "Pierwsze tramwaje pojadą w 2028 roku.",
        [
            "Umowę o wartości 312 mln zł podpisali dziś prezydent Wierzbina i przedstawiciele konsorcjum "
            "wykonawców. Inwestycja obejmuje 4,2 km torowiska, sześć przystanków "
            "i pętlę przy ul. Jaśminowej.",
            "Prace ruszą w marcu 2027 roku. Objazdy dla kierowców Zarząd Dróg Miejskich ogłosi z "
            "dwutygodniowym wyprzedzeniem.",
        ],
        ["transport", "inwestycje"],
        "WIM",
    ),
    (
        "live",
        "Zimowe utrzymanie dróg: 48 pługopiaskarek w gotowości",
        "Od 15 listopada służby miejskie odśnieżają 620 km ulic, chodników i ścieżek rowerowych.",
        [
            "Ulice pierwszej kolejności – trasy autobusów i tramwajów – będą przejezdne najpóźniej "
            "trzy godziny po ustaniu opadów.",
            "Zgłoszenia o nieodśnieżonych ulicach przyjmuje całodobowo Miejskie Centrum Zarządzania "
            "Kryzysowego pod numerem 986.",
        ],
        ["transport"],
        "ZDM",
    ),
    (
        "live",
        "Nabór do przedszkoli na rok szkolny 2027/2028",
        "Wnioski o przyjęcie do miejskich przedszkoli rodzice złożą od 1 do 21 marca 2027 roku.",
        ["Rekrutacja odbywa się elektronicznie. Punkty konsultacyjne działają w każdej dzielnicy."],
        ["edukacja"],
        "WE",
    ),
    (
        "live",
        "Park nad Wierzbinką otwarty po rewitalizacji",
        "Nowe alejki, 320 drzew i plac zabaw dostępny dla dzieci z niepełnosprawnościami.",
        ["Rewitalizacja kosztowała 18,6 mln zł, z czego 11 mln zł pochodziło z funduszy europejskich."],
        ["srodowisko", "inwestycje"],
        "WOS",
    ),
    (
        "embargo",
        "Projekt budżetu Wierzbina na 2027 rok",
        "Prezydent przedstawi radnym projekt budżetu z rekordowymi wydatkami na inwestycje.",
        ["Szczegóły projektu zostaną przedstawione na konferencji prasowej w ratuszu."],
        ["inwestycje"],
        "KP",
    ),
    (
        "scheduled",
        "Jarmark Bożonarodzeniowy na Rynku od 6 grudnia",
        "Ponad 80 stoisk, lodowisko i koncerty kolęd – jarmark potrwa do 23 grudnia.",
        ["Jarmark będzie czynny codziennie od 11:00 do 21:00."],
        ["kultura"],
        "KP",
    ),
    (
        "draft",
        "Nowe zasady parkowania w Strefie Płatnego Parkowania",
        "Od 1 lutego strefa obejmie również ulice Śródmieścia Północnego.",
        ["Projekt uchwały trafi pod obrady rady miasta w styczniu."],
        ["transport"],
        "WKT",
    ),
    (
        "step_one",
        "Remont ulicy Długiej: objazdy od poniedziałku",
        "Od 30 listopada ul. Długa będzie zamknięta na odcinku od Placu Wolności do ul. Kościuszki.",
        ["Autobusy linii 4, 12 i 17 pojadą objazdem przez ul. Ogrodową."],
        ["transport"],
        "ZDM",
    ),
    (
        "step_two",
        "Wierzbin z nagrodą za budżet obywatelski",
        "Fundacja Rozwoju Demokracji Lokalnej wyróżniła miasto za najwyższą frekwencję w kraju.",
        ["W tegorocznym głosowaniu wzięło udział 41 tys. mieszkańców, o 8 tys. więcej niż przed rokiem."],
        [],
        "KP",
    ),
    (
        "rejected",
        "Podwyżka opłat za wodę od stycznia",
        "MPWiK wnioskuje o zmianę taryfy za wodę i odprowadzanie ścieków.",
        ["Nowa taryfa wymaga zatwierdzenia przez Wody Polskie."],
        ["srodowisko"],
        "MPWIK",
    ),
]

# (state, title, text, platforms of the target channels, {platform: variant text}, unit code,
#  alternative text of a generated photo or None, hours since publication)
POSTS = [
    (
        "live",
        "Objazdy – remont ul. Długiej",
        "🚧 Od poniedziałku remont ul. Długiej. Autobusy 4, 12 i 17 jadą objazdem przez ul. Ogrodową. "
        "Szczegóły i mapa objazdów na stronie miasta.",
        ["facebook", "mastodon", "webhook"],
        {},
        "ZDM",
        None,
        2,
    ),
    (
        "live",
        "Rynek w świątecznej odsłonie",
        "✨ Rynek już świeci! Ponad 40 tysięcy lampek, choinka z Nadleśnictwa Wierzbin i iluminacja ratusza "
        "będą działać codziennie od 16:00 do północy aż do 6 stycznia.",
        ["facebook", "instagram", "linkedin", "mastodon"],
        {
            "linkedin": "Iluminacja świąteczna Rynku w Wierzbinie: 40 tys. energooszczędnych lampek LED, "
            "zasilanych w całości z umowy na energię odnawialną. Zapraszamy do odwiedzenia centrum miasta."
        },
        "KP",
        "Rynek w Wierzbinie nocą, ratusz podświetlony na złoto, choinka z lampkami",
        26,
    ),
    (
        "live",
        "Nowe połączenie autobusowe na Osiedle Zielone",
        "🚌 Od 1 grudnia linia 21 dojeżdża na Osiedle Zielone co 15 minut w godzinach szczytu. "
        "Nowy rozkład jest już w wyszukiwarce połączeń MPK.",
        ["facebook", "mastodon", "webhook"],
        {},
        "WKT",
        None,
        50,
    ),
    (
        "planned",
        "Zaproszenie na Jarmark Bożonarodzeniowy",
        "🎄 Już 6 grudnia startuje Jarmark Bożonarodzeniowy na Rynku! Ponad 80 stoisk, lodowisko i "
        "koncerty kolęd każdego wieczoru. Do zobaczenia!",
        ["facebook", "mastodon", "linkedin"],
        {
            "mastodon": "🎄 6.12 startuje Jarmark Bożonarodzeniowy na Rynku: 80 stoisk, lodowisko, kolędy! "
            "#Wierzbin"
        },
        "KP",
        None,
        0,
    ),
    (
        "draft",
        "Dzień otwarty w ratuszu",
        "Zapraszamy na dzień otwarty w ratuszu: zwiedzanie wieży, sali sesyjnej i gabinetu prezydenta.",
        ["facebook"],
        {},
        "KP",
        None,
        0,
    ),
    (
        "step_one",
        "Nabór do przedszkoli – przypomnienie",
        "Rodzice przedszkolaków: od 1 marca ruszają zapisy do miejskich przedszkoli. Przygotujcie "
        "numer PESEL dziecka i dokumenty potwierdzające kryteria.",
        ["facebook", "linkedin"],
        {},
        "WE",
        None,
        0,
    ),
]


def load(command):
    """Create the press room with demo content unless one exists; report to the command."""
    if PressRoomIndexPage.objects.exists():
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    people = Team(users)
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in TOPICS
    }
    units = {unit.code: unit for unit in Unit.objects.all()}
    home = Page.objects.get(depth=2)
    room = home.add_child(
        instance=PressRoomIndexPage(
            title="Komunikaty prasowe",
            slug="komunikaty",
            intro="Komunikaty Biura Prasowego Urzędu Miasta Wierzbin dla mediów i mieszkańców.",
        )
    )
    room.save_revision(user=people.editor).publish()
    # The demo's approvals are not news: nobody gets notification e-mails for them.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for age, (state, title, lead, paragraphs, topic_slugs, unit) in enumerate(RELEASES):
            page = PressReleasePage(
                title=title,
                lead=lead,
                body=[("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
                contact_person=people.spokesperson,
                unit=units.get(unit),
                live=False,
            )
            room.add_child(instance=page)
            page.topics.set([topics[slug] for slug in topic_slugs])
            people.bring(page, state, hours_ago=age * 20)
        channels = {channel.platform: channel for channel in Channel.objects.filter(active=True)}
        for state, title, text, platforms, variants, unit, photo, hours_ago in POSTS:
            post = SocialPostPage(
                title=title,
                text=text,
                target_channels=[channels[key] for key in platforms if key in channels],
                unit=units.get(unit),
                live=False,
            )
            post.variants = [
                SocialPostVariant(platform=key, text=value)
                for key, value in variants.items()
                if key in channels
            ]
            if photo:
                post.media = [SocialPostMedia(image=_photo(title), alt_text=photo)]
            if state == "planned":
                post.planned_at = _at(days=3, hour=10)
            room.add_child(instance=post)
            people.bring(post, "live" if state == "planned" else state, hours_ago=hours_ago)
    command.stdout.write(
        _("%(room)s: press releases: %(releases)d, social posts: %(posts)d.")
        % {"room": room.title, "releases": len(RELEASES), "posts": len(POSTS)}
    )


class Team:
    """The demo users who draft, check and approve, and how they move a page to a state."""

    def __init__(self, users):
        self.editor = users.get("anna.kowalska")
        self.expert = users.get("tomasz.wojcik")
        self.head = users.get("piotr.nowak")
        self.spokesperson = self.head

    def bring(self, page, state, hours_ago):
        if state == "embargo":
            page.embargo_until = _at(days=2, hour=11)
        if state == "scheduled":
            page.go_live_at = _at(days=13, hour=9)
        revision = page.save_revision(user=self.editor)
        if state in ("live", "embargo", "scheduled"):
            revision.publish(user=self.head)
        if state in ("live", "embargo"):
            published = timezone.now() - timedelta(hours=hours_ago)
            type(page).objects.filter(pk=page.pk).update(
                first_published_at=published, last_published_at=published
            )
        if state in ("step_one", "step_two", "rejected"):
            page.get_workflow().start(page, self.editor)
            if state != "step_one":
                page.current_workflow_task_state.approve(user=self.expert)
            if state == "rejected":
                page.current_workflow_task_state.reject(
                    user=self.head,
                    comment="Proszę dodać stanowisko MPWiK i porównanie z taryfami sąsiednich gmin.",
                )


def _photo(title):
    """A generated night-time picture of the market square (no real photo ships with the demo)."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as Picture
    from PIL import ImageDraw

    picture = Picture.new("RGB", (1080, 1080), (18, 24, 56))
    draw = ImageDraw.Draw(picture)
    for row in range(0, 1080, 6):
        draw.line([(0, row), (1080, row)], fill=(18 + row // 30, 24 + row // 40, 56 + row // 25))
    for left, height in ((60, 420), (260, 520), (470, 700), (700, 480), (880, 560)):
        draw.rectangle([left, 1080 - height, left + 170, 1080], fill=(40, 32, 28))
        for window in range(1080 - height + 30, 1060, 60):
            draw.rectangle([left + 30, window, left + 70, window + 30], fill=(250, 214, 120))
    draw.polygon([(540, 300), (430, 700), (650, 700)], fill=(30, 110, 60))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="rynek-noca.jpg"))


def _at(days, hour):
    day = timezone.localtime() + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)
