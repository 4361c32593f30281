"""Build a believable Polish city hall for demos: units, users of each role, home page.

Idempotent: running it again changes nothing that exists. New users get random
passwords, printed once; the command refuses to run with production settings.
"""

import secrets
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from cms.core.models import HomePage
from cms.organisation.models import Membership, MembershipRole, Unit, UnitKind
from cms.plugin_api import migrations as roles
from cms.plugin_api.registry import active_plugins

#: Core apps with a demo.py, loaded in this order before the plugins' ones.
CORE_DEMOS = ["cms.outbox", "cms.editorial", "cms.narratives"]

DEP, ORG, COM = UnitKind.DEPARTMENT, UnitKind.ORGANISATIONAL_UNIT, UnitKind.MUNICIPAL_COMPANY

# (code, name, kind, parent code, e-mail)
UNITS = [
    ("KP", "Kancelaria Prezydenta Miasta", DEP, None, "kancelaria@um.wierzbin.pl"),
    ("BP", "Biuro Prasowe", ORG, "KP", "biuro.prasowe@um.wierzbin.pl"),
    ("WGK", "Wydział Gospodarki Komunalnej", DEP, None, "wgk@um.wierzbin.pl"),
    ("WE", "Wydział Edukacji", DEP, None, "edukacja@um.wierzbin.pl"),
    ("WIM", "Wydział Inwestycji Miejskich", DEP, None, "inwestycje@um.wierzbin.pl"),
    ("WKT", "Wydział Komunikacji i Transportu", DEP, None, "transport@um.wierzbin.pl"),
    ("ZDM", "Zarząd Dróg Miejskich", ORG, "WKT", "zdm@um.wierzbin.pl"),
    ("WOS", "Wydział Ochrony Środowiska", DEP, None, "srodowisko@um.wierzbin.pl"),
    ("WUA", "Wydział Urbanistyki i Architektury", DEP, None, "urbanistyka@um.wierzbin.pl"),
    ("SM", "Straż Miejska", ORG, None, "straz.miejska@um.wierzbin.pl"),
    ("MOPS", "Miejski Ośrodek Pomocy Społecznej", ORG, None, "sekretariat@mops.wierzbin.pl"),
    ("MPK", "Miejskie Przedsiębiorstwo Komunikacyjne sp. z o.o.", COM, None, "biuro@mpk.wierzbin.pl"),
    (
        "MPWIK",
        "Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji sp. z o.o.",
        COM,
        None,
        "bok@mpwik.wierzbin.pl",
    ),
    ("ZGO", "Zakład Gospodarki Odpadami sp. z o.o.", COM, None, "zgo@zgo.wierzbin.pl"),
]

# (username, first name, last name, groups, [(unit code, role)])
USERS = [
    ("piotr.nowak", "Piotr", "Nowak", [roles.MODERATORS], [("BP", MembershipRole.UNIT_HEAD)]),
    ("anna.kowalska", "Anna", "Kowalska", [roles.EDITORS], [("BP", MembershipRole.REPRESENTATIVE)]),
    ("marek.zielinski", "Marek", "Zieliński", [roles.EDITORS], [("BP", MembershipRole.REPRESENTATIVE)]),
    (
        "magdalena.wisniewska",
        "Magdalena",
        "Wiśniewska",
        [roles.COORDINATORS],
        [("BP", MembershipRole.REPRESENTATIVE)],
    ),
    ("tomasz.wojcik", "Tomasz", "Wójcik", [roles.SUBJECT_EXPERTS], [("WGK", MembershipRole.SUBJECT_EXPERT)]),
    ("ewa.kaczmarek", "Ewa", "Kaczmarek", [roles.SUBJECT_EXPERTS], [("WE", MembershipRole.UNIT_HEAD)]),
    (
        "jan.lewandowski",
        "Jan",
        "Lewandowski",
        [roles.REPRESENTATIVES],
        [("MPK", MembershipRole.REPRESENTATIVE)],
    ),
    (
        "barbara.szymanska",
        "Barbara",
        "Szymańska",
        [roles.REPRESENTATIVES],
        [("ZDM", MembershipRole.REPRESENTATIVE)],
    ),
    (
        "krzysztof.mazur",
        "Krzysztof",
        "Mazur",
        [roles.REPRESENTATIVES],
        [("WGK", MembershipRole.REPRESENTATIVE)],
    ),
    ("agnieszka.dudek", "Agnieszka", "Dudek", [roles.SUBJECT_EXPERTS], [("WKT", MembershipRole.UNIT_HEAD)]),
    ("joanna.sikorska", "Joanna", "Sikorska", [roles.SUBJECT_EXPERTS], [("WIM", MembershipRole.UNIT_HEAD)]),
    ("iwona.baran", "Iwona", "Baran", [roles.SUBJECT_EXPERTS], [("WOS", MembershipRole.UNIT_HEAD)]),
    ("michal.pawlak", "Michał", "Pawlak", [roles.REPRESENTATIVES], [("MPK", MembershipRole.SUBJECT_EXPERT)]),
    ("rafal.kubiak", "Rafał", "Kubiak", [roles.REPRESENTATIVES], [("MPWIK", MembershipRole.SUBJECT_EXPERT)]),
    (
        "lukasz.zawadzki",
        "Łukasz",
        "Zawadzki",
        [roles.REPRESENTATIVES],
        [("ZGO", MembershipRole.SUBJECT_EXPERT)],
    ),
    ("katarzyna.kaminska", "Katarzyna", "Kamińska", [roles.ADMINISTRATORS], []),
]

HOME_INTRO = "Komunikaty, stanowiska i kontakt dla mediów – Biuro Prasowe Urzędu Miasta Wierzbin."
HOME_BODY = (
    "<p>Biuro Prasowe odpowiada na pytania dziennikarzy od poniedziałku do piątku w godzinach "
    "7:30–15:30. Pilne sprawy poza tymi godzinami: rzecznik prasowy, tel. 600 100 200.</p>"
    '<p>Pytania prosimy kierować na adres <a href="mailto:biuro.prasowe@um.wierzbin.pl">'
    "biuro.prasowe@um.wierzbin.pl</a>.</p>"
)


class Command(BaseCommand):
    help = _("Load demo data: a Polish city hall with units, users of every role and a home page.")

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError(_("Demo data is never loaded with production settings."))
        with transaction.atomic():
            units = self._units()
            passwords = self._users(units)
            self._home_page()
        for module in demo_modules():
            with transaction.atomic():
                module.load(self)
        self.stdout.write(
            self.style.SUCCESS(_("Demo data is ready: %(count)d units.") % {"count": len(units)})
        )
        if passwords:
            self.stdout.write(_("New demo accounts (passwords are shown only this once):"))
            for username, password in passwords:
                self.stdout.write(f"  {username:<22} {password}")

    def _units(self):
        units = {}
        for code, name, kind, parent, email in UNITS:
            units[code], _created = Unit.objects.get_or_create(
                code=code, defaults={"name": name, "kind": kind, "parent": units.get(parent), "email": email}
            )
        return units

    def _users(self, units):
        User = get_user_model()
        passwords = []
        accounts = [("admin", "Administrator", "Systemu", [], [])] + USERS
        for username, first, last, groups, memberships in accounts:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(9)
            user = User.objects.create_user(
                username=username,
                email=f"{username}@um.wierzbin.pl",
                password=password,
                first_name=first,
                last_name=last,
                is_superuser=username == "admin",
                is_staff=username == "admin",
            )
            user.groups.set(Group.objects.filter(name__in=groups))
            for code, role in memberships:
                Membership.objects.create(user=user, unit=units[code], role=role)
            passwords.append((username, password))
        return passwords

    def _home_page(self):
        home = HomePage.objects.first()
        if home and not home.intro:
            home.title = "Biuro Prasowe Urzędu Miasta Wierzbin"
            home.intro = HOME_INTRO
            home.body = HOME_BODY
            home.save_revision().publish()


def demo_modules():
    """The ``demo`` modules of the core apps, then of each active plugin that has one."""
    packages = [apps.get_app_config(name.rsplit(".", 1)[-1]) for name in CORE_DEMOS] + active_plugins()
    return [
        import_module(f"{config.name}.demo")
        for config in packages
        if module_has_submodule(config.module, "demo")
    ]
