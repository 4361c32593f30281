"""Demo CRM: the media of Wierzbin and its region, their journalists, and the press office's work with them.

Called by ``manage.py seed_demo`` after the units, users, topics and press
releases exist; does nothing when there are outlets or journalists already.
Seeded, so every run builds the same data (dates relative to today): outlets of
every kind and reach with custom values, journalists (some moved between
newsrooms), months of timeline, tasks overdue, due soon and done, beat
coordinators, task rules and distribution lists. Rows go in with bulk_create, so
no task rule fires for them.
"""

import contextlib
import datetime
import random
from urllib.parse import urlsplit

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from cms.core.models import Topic
from cms.editorial.models import PressReleasePage
from plugins.crm import timeline
from plugins.crm.models import (
    BeatCoordinator,
    ContactChannel,
    CustomField,
    CustomFieldKind,
    CustomFieldTarget,
    DistributionList,
    Employment,
    EntryKind,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    JournalistSocialProfile,
    JournalistTag,
    LegalBasis,
    Outlet,
    OutletAddress,
    OutletEmail,
    OutletKind,
    OutletPhone,
    OutletReach,
    OutletSocialProfile,
    OutletTag,
    SocialNetwork,
    Task,
    TaskRule,
    TaskStatus,
    TaskTrigger,
)
from plugins.crm.validators import normalise_phone

TV, RADIO, DAILY, WEEKLY = OutletKind.TV, OutletKind.RADIO, OutletKind.DAILY, OutletKind.WEEKLY
ONLINE, AGENCY, OTHER = OutletKind.ONLINE, OutletKind.AGENCY, OutletKind.OTHER
LOCAL, REGIONAL, NATIONAL = OutletReach.LOCAL, OutletReach.REGIONAL, OutletReach.NATIONAL

# (name, kind, reach, domain, street, postal code, city, area code, tags, circulation)
OUTLETS = [
    ("Gazeta Wierzbińska", DAILY, LOCAL, "gazeta-wierzbinska", "ul. Długa 12", "64-100", "Wierzbin", "65",
     ["prasa", "media miejskie"], 18500),
    ("Kurier Wierzbiński", DAILY, REGIONAL, "kurier-wierzbinski", "ul. Kościuszki 5", "64-100", "Wierzbin",
     "65", ["prasa"], 24000),
    ("Tygodnik Nad Wierzbą", WEEKLY, LOCAL, "nadwierzba", "Rynek 7", "64-100", "Wierzbin", "65",
     ["prasa", "media miejskie"], 6500),
    ("Echo Wierzbina", WEEKLY, LOCAL, "echo-wierzbina", "ul. Jaśminowa 3", "64-110", "Wierzbin", "65",
     ["prasa", "dzielnice"], 3800),
    ("Głos Powiatu Wierzbińskiego", WEEKLY, REGIONAL, "glos-powiatu", "ul. Polna 21", "64-120", "Wierzbin",
     "65", ["prasa", "powiat"], 4200),
    ("Radio Wierzbin FM", RADIO, LOCAL, "radiowierzbin", "ul. Żeromskiego 40", "64-100", "Wierzbin", "65",
     ["radio", "media miejskie"], None),
    ("Polskie Radio Wierzbin", RADIO, REGIONAL, "prwierzbin", "al. Wojska Polskiego 2", "64-100", "Wierzbin",
     "65", ["radio", "media publiczne"], None),
    ("Radio Nadrzecze", RADIO, LOCAL, "radionadrzecze", "ul. Łąkowa 8", "64-130", "Wierzbin", "65",
     ["radio", "dzielnice"], None),
    ("Radio Akademickie Wierzbin", RADIO, LOCAL, "radioakademickie", "ul. Uniwersytecka 1", "64-100",
     "Wierzbin", "65", ["radio", "studenci"], None),
    ("TVP3 Wierzbin", TV, REGIONAL, "tvp3-wierzbin", "ul. Mickiewicza 16", "64-100", "Wierzbin", "65",
     ["telewizja", "media publiczne"], None),
    ("Telewizja Kablowa Wierzbin", TV, LOCAL, "tkw", "ul. Fabryczna 4", "64-110", "Wierzbin", "65",
     ["telewizja", "media miejskie"], None),
    ("Telewizja Regionalna TVR", TV, REGIONAL, "tvr-region", "ul. Grunwaldzka 30", "64-200", "Lipnica", "65",
     ["telewizja"], None),
    ("Wierzbin24", ONLINE, LOCAL, "wierzbin24", "ul. Słowackiego 9", "64-100", "Wierzbin", "65",
     ["portal", "media miejskie"], None),
    ("WierzbinInfo.pl", ONLINE, LOCAL, "wierzbininfo", "ul. Ogrodowa 14", "64-100", "Wierzbin", "65",
     ["portal"], None),
    ("Nasze Miasto Wierzbin", ONLINE, LOCAL, "naszemiasto-wierzbin", "ul. Lipowa 2", "64-120", "Wierzbin",
     "65", ["portal", "dzielnice"], None),
    ("Wierzbin Ulica", ONLINE, LOCAL, "wierzbinulica", "ul. Młyńska 11", "64-100", "Wierzbin", "65",
     ["portal", "śledcze"], None),
    ("Sport Wierzbin", ONLINE, LOCAL, "sportwierzbin", "ul. Sportowa 6", "64-130", "Wierzbin", "65",
     ["portal", "sport"], None),
    ("Rowerowy Wierzbin", ONLINE, LOCAL, "rowerowy-wierzbin", "ul. Zielona 19", "64-110", "Wierzbin", "65",
     ["blog"], None),
    ("Biznes Wierzbin", ONLINE, REGIONAL, "biznes-wierzbin", "ul. Przemysłowa 22", "64-120", "Wierzbin", "65",
     ["portal", "gospodarka"], None),
    ("Portal Regionu", ONLINE, REGIONAL, "portalregionu", "ul. Kolejowa 3", "64-200", "Lipnica", "65",
     ["portal", "powiat"], None),
    ("Dziennik Regionalny", DAILY, REGIONAL, "dziennik-regionalny", "ul. Zamkowa 1", "64-200", "Lipnica",
     "65", ["prasa"], 31000),
    ("Tygodnik Lipnicki", WEEKLY, REGIONAL, "tygodnik-lipnicki", "pl. Wolności 4", "64-200", "Lipnica", "65",
     ["prasa", "powiat"], 5200),
    ("Gazeta Borowiecka", WEEKLY, REGIONAL, "gazeta-borowiecka", "ul. Leśna 15", "64-300", "Borowiec", "65",
     ["prasa", "powiat"], 3100),
    ("Radio Region", RADIO, REGIONAL, "radioregion", "ul. Reymonta 18", "64-300", "Borowiec", "65",
     ["radio"], None),
    ("Wiadomości Uniwersyteckie", OTHER, LOCAL, "wiadomosci-uniwersyteckie", "ul. Uniwersytecka 1", "64-100",
     "Wierzbin", "65", ["studenci"], 2000),
    ("Dziennik Ogólnopolski", DAILY, NATIONAL, "dziennik-ogolnopolski", "ul. Marszałkowska 101", "00-693",
     "Warszawa", "22", ["prasa", "media ogólnopolskie"], 96000),
    ("Tygodnik Opinie", WEEKLY, NATIONAL, "tygodnik-opinie", "ul. Wspólna 35", "00-519", "Warszawa", "22",
     ["prasa", "media ogólnopolskie"], 54000),
    ("Radio Kraj FM", RADIO, NATIONAL, "radiokraj", "ul. Woronicza 17", "00-999", "Warszawa", "22",
     ["radio", "media ogólnopolskie"], None),
    ("Telewizja Informacyjna 24", TV, NATIONAL, "ti24", "ul. Wiertnicza 166", "02-952", "Warszawa", "22",
     ["telewizja", "media ogólnopolskie"], None),
    ("Portal Samorządowy", ONLINE, NATIONAL, "portalsamorzadowy", "ul. Prosta 51", "00-838", "Warszawa", "22",
     ["portal", "samorząd"], None),
    ("Agencja Informacyjna Centrum", AGENCY, NATIONAL, "aic", "ul. Bracka 6", "00-502", "Warszawa", "22",
     ["agencja", "media ogólnopolskie"], None),
    ("Serwis Informacyjny Media Polska", AGENCY, NATIONAL, "smp", "ul. Nowy Świat 64", "00-357", "Warszawa",
     "22", ["agencja"], None),
    ("Agencja Foto Region", AGENCY, REGIONAL, "fotoregion", "ul. Traugutta 7", "64-100", "Wierzbin", "65",
     ["agencja", "zdjęcia"], None),
    ("Magazyn Inwestycje i Budownictwo", OTHER, NATIONAL, "inwestycje-budownictwo", "ul. Grzybowska 80",
     "00-844", "Warszawa", "22", ["branżowe"], 12000),
]  # fmt: skip

FEMALE_NAMES = [
    "Agnieszka", "Aleksandra", "Anna", "Beata", "Dorota", "Elżbieta", "Ewelina", "Iwona", "Jadwiga",
    "Joanna", "Justyna", "Karolina", "Katarzyna", "Łucja", "Magdalena", "Małgorzata", "Marta", "Monika",
    "Natalia", "Paulina", "Sylwia", "Weronika", "Zofia", "Żaneta", "Urszula", "Halina",
]  # fmt: skip
MALE_NAMES = [
    "Adam", "Andrzej", "Bartłomiej", "Dawid", "Grzegorz", "Jakub", "Jarosław", "Kamil", "Krzysztof",
    "Łukasz", "Maciej", "Mateusz", "Michał", "Mirosław", "Paweł", "Przemysław", "Rafał", "Sebastian",
    "Szymon", "Tomasz", "Wojciech", "Zbigniew", "Jędrzej", "Sławomir",
]  # fmt: skip
# Masculine forms; -ski, -cki and -dzki take -ska, -cka, -dzka for women (see surname()).
SURNAMES = [
    "Kowalczyk", "Lewandowski", "Dąbrowski", "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek",
    "Jabłoński", "Wróbel", "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski",
    "Adamczyk", "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran",
    "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Marciniak", "Wróblewski",
    "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk", "Chmielewski", "Włodarczyk",
    "Borkowski", "Czarnecki", "Sawicki", "Sokołowski", "Urbański", "Kubiak", "Maciejewski", "Szczepański",
    "Kucharski", "Wilk", "Kalinowski", "Lis", "Mazurek", "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski",
    "Sobczak", "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski", "Kołodziej", "Sikorski",
    "Krajewski", "Gajewski", "Szymczak", "Szulc", "Baranowski", "Laskowski", "Brzeziński", "Makowski",
    "Ziółkowski", "Przybylski", "Żak", "Żukowski", "Łuczak", "Śliwiński", "Grabowski", "Ślusarczyk",
]  # fmt: skip
ROLES = {
    "f": ["reporterka", "dziennikarka", "redaktorka naczelna", "wydawczyni", "prezenterka", "fotoreporterka",
          "sekretarz redakcji", "korespondentka"],
    "m": ["reporter", "dziennikarz", "redaktor naczelny", "wydawca", "prezenter", "fotoreporter",
          "sekretarz redakcji", "korespondent"],
}  # fmt: skip
JOURNALIST_TAGS = [
    "konferencje", "dyżur weekendowy", "śledcze", "fotoreporter", "media społecznościowe", "akredytowani",
    "rada miasta", "wywiady", "pilne",
]  # fmt: skip
# (slug, name): the core topics used as beats (cms/narratives/demo.py makes them too).
BEATS = [
    ("transport", "Transport"), ("drogi", "Drogi"), ("edukacja", "Edukacja"), ("zdrowie", "Zdrowie"),
    ("budzet", "Budżet"), ("srodowisko", "Środowisko"), ("kultura", "Kultura"), ("sport", "Sport"),
    ("mieszkalnictwo", "Mieszkalnictwo"), ("bezpieczenstwo", "Bezpieczeństwo"), ("cyfryzacja", "Cyfryzacja"),
    ("pomoc-spoleczna", "Pomoc społeczna"), ("inwestycje", "Inwestycje"),
]  # fmt: skip
DATA_SOURCES = [
    "wizytówka z konferencji prasowej", "strona internetowa redakcji", "zgłoszenie akredytacyjne",
    "korespondencja z biurem prasowym", "stopka redakcyjna", "przekazane przez redakcję",
]  # fmt: skip
MOBILE_PREFIXES = ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]
#: The press office's demo accounts (made by seed_demo); the first is its head.
PRESS_OFFICE = ["piotr.nowak", "magdalena.wisniewska", "anna.kowalska", "marek.zielinski"]
# (beat slug, username)
COORDINATORS = [
    ("transport", "marek.zielinski"), ("drogi", "marek.zielinski"), ("inwestycje", "magdalena.wisniewska"),
    ("budzet", "piotr.nowak"), ("edukacja", "anna.kowalska"), ("kultura", "anna.kowalska"),
    ("zdrowie", "magdalena.wisniewska"), ("srodowisko", "marek.zielinski"),
]  # fmt: skip
LANGUAGES = ["polski", "angielski", "niemiecki", "ukraiński"]

# kind: subjects ({topic} is a beat of the journalist)
EXCHANGES = {
    EntryKind.CALL: ["Pytanie o {topic}", "Prośba o komentarz prezydenta", "Ustalenie terminu wywiadu",
                     "Dopytanie o dane do artykułu: {topic}"],
    EntryKind.EMAIL_RECEIVED: ["Pytania o {topic}", "Prośba o statystyki: {topic}",
                               "Zgłoszenie na konferencję"],
    EntryKind.EMAIL_SENT: ["Odpowiedź na pytania o {topic}", "Zaproszenie na konferencję prasową",
                           "Sprostowanie do artykułu"],
    EntryKind.MATERIAL_SENT: ["Zdjęcia i infografika: {topic}", "Prezentacja z konferencji: {topic}",
                              "Dane z raportu: {topic}"],
    EntryKind.MEETING: ["Spotkanie z redakcją", "Briefing przed sesją rady miasta",
                        "Wywiad z wiceprezydentem"],
    EntryKind.NOTE: ["Woli kontakt po 10:00", "Pisze cykl o temacie: {topic}",
                     "Prosi o materiały z jednodniowym wyprzedzeniem", "Nowy numer telefonu do redakcji"],
}  # fmt: skip
BODIES = [
    "Odpowiedź uzgodniona z wydziałem merytorycznym.",
    "Dziennikarz prosi o odpowiedź do końca dnia.",
    "Przekazano dane z ostatniego sprawozdania i kontakt do rzecznika spółki.",
    "",
]
# (title, beat slug or None, on an outlet)
TASKS = [
    ("Oddzwonić w sprawie pytań o {topic}", True, False),
    ("Wysłać zdjęcia z konferencji", False, False),
    ("Potwierdzić akredytację na sesję rady miasta", False, False),
    ("Zaktualizować dane kontaktowe", False, False),
    ("Przygotować odpowiedź na pytania o {topic}", True, False),
    ("Zaprosić na briefing: {topic}", True, False),
    ("Umówić wywiad z prezydentem", False, False),
    ("Sprawdzić, kto przejął dział miejski", False, True),
    ("Przesłać kalendarz wydarzeń na grudzień", False, True),
]
# (name, description, beats, tags, outlet kinds, outlet reaches)
LISTS = [
    ("Transport i drogi", "Dziennikarze zajmujący się komunikacją miejską i remontami ulic.",
     ["transport", "drogi"], [], [], []),
    ("Edukacja", "Oświata: nabory, remonty szkół, egzaminy.", ["edukacja"], [], [], []),
    ("Kultura i sport", "Wydarzenia kulturalne i sportowe w mieście.", ["kultura", "sport"], [], [], []),
    ("Konferencje prasowe", "Wszyscy, którzy chcą dostawać zaproszenia na konferencje.",
     [], ["konferencje"], [], []),
    ("Telewizje i radia", "Redakcje telewizyjne i radiowe (obecni pracownicy).", [], [], [TV, RADIO], []),
    ("Media ogólnopolskie", "Korespondenci i redakcje ogólnopolskie.", [], [], [], [NATIONAL]),
]  # fmt: skip


def load(command):
    """Create the demo CRM unless there are contacts already; report to the command."""
    if Outlet.objects.exists() or Journalist.objects.exists():
        return
    rng = random.Random(5)  # noqa: S311 - repeatable demo data, not secrets
    today = timezone.localdate()
    users = _press_office()
    beats = {slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in BEATS}
    _custom_fields()
    outlets = _outlets(rng)
    journalists = _journalists(rng, outlets, list(beats.values()), today)
    entries = _timelines(rng, journalists, outlets, users)
    tasks = _tasks(rng, journalists, outlets, users, today)
    _coordinators_and_rules(beats, users)
    lists = _lists(beats, outlets)
    command.stdout.write(
        _(
            "CRM: %(outlets)d outlets, %(journalists)d journalists, %(entries)d timeline entries, "
            "%(tasks)d tasks, %(lists)d distribution lists."
        )
        % {
            "outlets": len(outlets),
            "journalists": len(journalists),
            "entries": entries,
            "tasks": tasks,
            "lists": lists,
        }
    )


def surname(masculine, gender):
    """The surname's form for ``gender`` ("f" or "m"): Lewandowski → Lewandowska."""
    if gender == "f" and masculine.endswith(("ski", "cki", "dzki")):
        return masculine[:-1] + "a"
    return masculine


def address_part(text):
    """``text`` as the local part of an e-mail address: Łucja Ślusarczyk → lucja.slusarczyk."""
    return slugify(anyascii(text)).replace("-", ".")


def unique(address, used):
    """``address``, numbered when ``used`` has it already (two people of the same name); noted in ``used``."""
    local, domain = address.split("@")
    number = 1
    while address in used:
        number += 1
        address = f"{local}{number}@{domain}"
    used.add(address)
    return address


def phone(rng, area_code=None):
    """A valid Polish number in international form: a landline in ``area_code``, else a mobile."""
    while True:
        if area_code:
            digits = f"{area_code}{rng.randint(3, 8)}{rng.randint(0, 999999):06d}"
        else:
            digits = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9999999):07d}"
        with contextlib.suppress(ValidationError):  # not a valid number: draw another
            return normalise_phone(digits)


def _press_office():
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=PRESS_OFFICE, is_active=True)}
    if not users:
        users = {user.username: user for user in User.objects.filter(is_superuser=True)[:1]}
    return users


def _custom_fields():
    definitions = [
        (CustomFieldTarget.OUTLET, "naklad", "Nakład", CustomFieldKind.NUMBER, "",
         "Średni nakład jednego wydania (prasa).", True, False),
        (CustomFieldTarget.JOURNALIST, "akredytacja_do", "Akredytacja do", CustomFieldKind.DATE, "",
         "Do kiedy ważna jest akredytacja na sesje rady miasta.", True, False),
        (CustomFieldTarget.JOURNALIST, "jezyk", "Język", CustomFieldKind.CHOICE, "\n".join(LANGUAGES),
         "Język, w którym dziennikarz chce dostawać materiały.", False, True),
    ]  # fmt: skip
    for order, (target, key, label, kind, choices, help_text, in_list, filterable) in enumerate(definitions):
        CustomField.objects.get_or_create(
            target=target,
            key=key,
            defaults={
                "label": label,
                "kind": kind,
                "choices": choices,
                "help_text": help_text,
                "show_in_list": in_list,
                "filterable": filterable,
                "sort_order": order,
            },
        )


def _tags(names):
    return {name: Tag.objects.get_or_create(name=name)[0] for name in names}


def _outlets(rng):
    rows = OUTLETS
    outlets = Outlet.objects.bulk_create(
        Outlet(
            name=name,
            kind=kind,
            reach=reach,
            website=f"https://{domain}.example.pl/",
            extra={"naklad": circulation} if circulation else {},
        )
        for name, kind, reach, domain, *_rest, circulation in rows
    )
    tags = _tags(sorted({tag for row in rows for tag in row[8]}))
    addresses, phones, emails, profiles, tagged = [], [], [], [], []
    for outlet, (_name, _kind, _reach, domain, street, code, city, area, tag_names, _c) in zip(
        outlets, rows, strict=True
    ):
        addresses.append(
            OutletAddress(
                outlet=outlet, sort_order=0, label="redakcja", street=street, postal_code=code, city=city
            )
        )
        phones.append(OutletPhone(outlet=outlet, sort_order=0, label="sekretariat", number=phone(rng, area)))
        if rng.random() < 0.5:
            phones.append(
                OutletPhone(outlet=outlet, sort_order=1, label="wydawca dyżurny", number=phone(rng))
            )
        emails.append(
            OutletEmail(outlet=outlet, sort_order=0, label="redakcja", email=f"redakcja@{domain}.example.pl")
        )
        emails.append(
            OutletEmail(outlet=outlet, sort_order=1, label="informacje", email=f"kontakt@{domain}.example.pl")
        )
        profiles.append(
            OutletSocialProfile(outlet=outlet, sort_order=0, network=SocialNetwork.FACEBOOK,
                                handle=f"https://www.facebook.com/{domain.replace('-', '')}")
        )  # fmt: skip
        tagged.extend(OutletTag(content_object=outlet, tag=tags[name]) for name in tag_names)
    OutletAddress.objects.bulk_create(addresses)
    OutletPhone.objects.bulk_create(phones)
    OutletEmail.objects.bulk_create(emails)
    OutletSocialProfile.objects.bulk_create(profiles)
    OutletTag.objects.bulk_create(tagged)
    return outlets


def _people(rng, count):
    """``count`` distinct (gender, first name, last name), about half women."""
    people, seen = [], set()
    while len(people) < count:
        gender = rng.choice("fm")
        first = rng.choice(FEMALE_NAMES if gender == "f" else MALE_NAMES)
        last = surname(rng.choice(SURNAMES), gender)
        if (first, last) not in seen:
            seen.add((first, last))
            people.append((gender, first, last))
    return people


def _journalists(rng, outlets, beats, today):
    """90 journalists: e-mails, phones, jobs (a fifth moved newsrooms), beats, tags, custom values."""
    people = _people(rng, 90)
    domains = {outlet.pk: urlsplit(outlet.website).hostname for outlet in outlets}
    channels = (
        [ContactChannel.EMAIL] * 6 + [ContactChannel.PHONE] * 2 + [ContactChannel.SMS, ContactChannel.SOCIAL]
    )
    journalists = []
    for _gender, first, last in people:
        extra = {"jezyk": rng.choice(LANGUAGES) if rng.random() < 0.15 else "polski"}
        if rng.random() < 0.35:
            extra["akredytacja_do"] = (today + datetime.timedelta(days=rng.randint(-30, 365))).isoformat()
        journalists.append(
            Journalist(
                first_name=first,
                last_name=last,
                preferred_channel=rng.choice(channels),
                legal_basis=LegalBasis.CONSENT if rng.random() < 0.2 else LegalBasis.LEGITIMATE_INTEREST,
                data_source=rng.choice(DATA_SOURCES),
                review_at=today + datetime.timedelta(days=rng.randint(-20, 720)),
                active=rng.random() > 0.05,
                extra=extra,
            )
        )
    journalists = Journalist.objects.bulk_create(journalists)
    tags = _tags(JOURNALIST_TAGS)
    jobs, emails, phones, profiles, tagged, beat_rows, used = [], [], [], [], [], [], set()
    Beat = Journalist.beats.through
    for journalist, (gender, first, last) in zip(journalists, people, strict=True):
        outlet = rng.choice(outlets)
        started = today - datetime.timedelta(days=rng.randint(60, 3000))
        if rng.random() < 0.2:  # moved here from another newsroom
            before = rng.choice([other for other in outlets if other != outlet])
            jobs.append(
                Employment(
                    journalist=journalist,
                    outlet=before,
                    sort_order=0,
                    role=rng.choice(ROLES[gender]),
                    started_on=started - datetime.timedelta(days=rng.randint(400, 2500)),
                    ended_on=started - datetime.timedelta(days=rng.randint(1, 30)),
                )
            )
        role = rng.choice(ROLES[gender])
        jobs.append(
            Employment(journalist=journalist, outlet=outlet, sort_order=1, role=role, started_on=started)
        )
        name = f"{address_part(first)}.{address_part(last)}"
        address = unique(f"{name}@{domains[outlet.pk]}", used)
        emails.append(JournalistEmail(journalist=journalist, email=address, primary=True, sort_order=0))
        if rng.random() < 0.3:
            private = unique(f"{name}@poczta.example.pl", used)
            emails.append(JournalistEmail(journalist=journalist, email=private, sort_order=1))
        phones.append(
            JournalistPhone(journalist=journalist, sort_order=0, label="komórka", number=phone(rng))
        )
        if rng.random() < 0.25:
            phones.append(
                JournalistPhone(
                    journalist=journalist, sort_order=1, label="redakcja", number=phone(rng, "65")
                )
            )
        if rng.random() < 0.4:
            network = rng.choice([SocialNetwork.X, SocialNetwork.BLUESKY, SocialNetwork.LINKEDIN])
            profiles.append(JournalistSocialProfile(journalist=journalist, sort_order=0, network=network,
                                                    handle="@" + name.replace(".", "_")))  # fmt: skip
        beat_rows.extend(
            Beat(journalist=journalist, topic=topic) for topic in rng.sample(beats, rng.randint(1, 3))
        )
        tagged.extend(
            JournalistTag(content_object=journalist, tag=tags[tag])
            for tag in rng.sample(JOURNALIST_TAGS, rng.choice([0, 1, 1, 2, 3]))
        )
    Employment.objects.bulk_create(jobs)
    JournalistEmail.objects.bulk_create(emails)
    JournalistPhone.objects.bulk_create(phones)
    JournalistSocialProfile.objects.bulk_create(profiles)
    Beat.objects.bulk_create(beat_rows)
    JournalistTag.objects.bulk_create(tagged)
    return journalists


def _timelines(rng, journalists, outlets, users):
    """Two thirds of the journalists get 1–6 exchanges over the last half year; some releases were sent."""
    authors = list(users.values())
    releases = list(PressReleasePage.objects.live().order_by("-first_published_at")[:6])
    chosen = rng.sample(journalists, len(journalists) * 2 // 3)
    people = Journalist.objects.filter(pk__in=[j.pk for j in chosen]).prefetch_related(
        Prefetch("employments", queryset=Employment.objects.select_related("outlet")), "beats"
    )
    now = timezone.now()
    count = 0
    for journalist in people:
        topics = [topic.name.lower() for topic in journalist.beats.all()] or ["sprawy miasta"]
        for _number in range(rng.randint(1, 6)):
            kind = rng.choice(list(EXCHANGES))
            timeline.record(
                kind=kind,
                subject=rng.choice(EXCHANGES[kind]).format(topic=rng.choice(topics)),
                journalist=journalist,
                author=rng.choice(authors),
                body=rng.choice(BODIES),
                occurred_at=now - datetime.timedelta(days=rng.randint(0, 180), minutes=rng.randint(0, 600)),
            )
            count += 1
        if releases and rng.random() < 0.3:
            release = rng.choice(releases)
            timeline.record(
                kind=EntryKind.PRESS_RELEASE,
                subject=release.title,
                journalist=journalist,
                author=rng.choice(authors),
                about=release,
                occurred_at=release.first_published_at or now,
            )
            count += 1
    for outlet in rng.sample(outlets, 10):
        timeline.record(
            kind=EntryKind.MEETING,
            subject="Spotkanie z kierownictwem redakcji",
            outlet=outlet,
            author=rng.choice(authors),
            body="Omówiliśmy zasady akredytacji i kalendarz konferencji.",
            occurred_at=now - datetime.timedelta(days=rng.randint(5, 170)),
        )
        count += 1
    return count


def _tasks(rng, journalists, outlets, users, today):
    """Open tasks overdue, due soon and later, plus done and cancelled ones, across the press office."""
    assignees = list(users.values())
    beat_names = [name.lower() for _slug, name in BEATS]
    # (status, first and last day relative to today, how many)
    plan = [
        (TaskStatus.OPEN, -14, -1, 7),
        (TaskStatus.OPEN, 0, 4, 7),
        (TaskStatus.OPEN, 5, 30, 6),
        (TaskStatus.DONE, -60, -1, 10),
        (TaskStatus.CANCELLED, -30, -5, 2),
    ]
    tasks = []
    for status, first, last, count in plan:
        for _number in range(count):
            title, with_topic, on_outlet = rng.choice(TASKS)
            due_on = today + datetime.timedelta(days=rng.randint(first, last))
            done = status == TaskStatus.DONE
            tasks.append(
                Task(
                    title=title.format(topic=rng.choice(beat_names)) if with_topic else title,
                    journalist=None if on_outlet else rng.choice(journalists),
                    outlet=rng.choice(outlets) if on_outlet else None,
                    assignee=rng.choice(assignees),
                    created_by=rng.choice(assignees),
                    due_on=due_on,
                    status=status,
                    completed_at=(
                        timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(11, 30)))
                        if done
                        else None
                    ),
                )
            )
    return len(Task.objects.bulk_create(tasks))


def _coordinators_and_rules(beats, users):
    head = users.get(PRESS_OFFICE[0]) or next(iter(users.values()))
    for slug, username in COORDINATORS:
        if username in users:
            BeatCoordinator.objects.get_or_create(beat=beats[slug], defaults={"coordinator": users[username]})
    TaskRule.objects.get_or_create(
        name="Nowy dziennikarz mediów ogólnopolskich",
        defaults={
            "trigger": TaskTrigger.NEW_JOURNALIST,
            "outlet_reach": NATIONAL,
            "to_beat_coordinator": True,
            "assignee": head,
            "task_title": "Przedstawić się i przesłać kontakty: {name}",
            "due_in_days": 3,
        },
    )
    TaskRule.objects.get_or_create(
        name="Nowa redakcja",
        defaults={
            "trigger": TaskTrigger.NEW_OUTLET,
            "to_beat_coordinator": False,
            "assignee": users.get("magdalena.wisniewska", head),
            "task_title": "Dodać {name} do list dystrybucyjnych",
            "due_in_days": 5,
        },
    )


def _lists(beats, outlets):
    count = 0
    for name, description, beat_slugs, tags, kinds, reaches in LISTS:
        if DistributionList.objects.filter(name=name).exists():
            continue
        distribution_list = DistributionList(name=name, description=description)
        distribution_list.beats.set([beats[slug] for slug in beat_slugs])
        distribution_list.outlets.set([o for o in outlets if o.kind in kinds or o.reach in reaches])
        distribution_list.tags.add(*tags)
        distribution_list.save()
        count += 1
    return count
