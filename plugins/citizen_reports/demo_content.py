"""What the demo citizen reports are made of: Wierzbin's units, people, districts, categories and texts.

Plain data read by demo.py; every text is realistic Polish as citizens and the city hall write it.
"""

from cms.organisation.models import MembershipRole, UnitKind
from cms.plugin_api import migrations as groups

DEP, ORG, COM = UnitKind.DEPARTMENT, UnitKind.ORGANISATIONAL_UNIT, UnitKind.MUNICIPAL_COMPANY
REP, EXPERT, HEAD = MembershipRole.REPRESENTATIVE, MembershipRole.SUBJECT_EXPERT, MembershipRole.UNIT_HEAD

#: The press office coordinator of the core demo, who dispatches the reports.
DISPATCHER = "magdalena.wisniewska"

# Units that handle reports: (code, name, kind, parent code, e-mail). The core demo creates most of them;
# the rest are added.
UNITS = [
    ("WKT", "Wydział Komunikacji i Transportu", DEP, None, "transport@um.wierzbin.pl"),
    ("ZDM", "Zarząd Dróg Miejskich", ORG, "WKT", "zdm@um.wierzbin.pl"),
    ("WOS", "Wydział Ochrony Środowiska", DEP, None, "srodowisko@um.wierzbin.pl"),
    ("ZZM", "Zarząd Zieleni Miejskiej", ORG, "WOS", "zzm@um.wierzbin.pl"),
    ("WGK", "Wydział Gospodarki Komunalnej", DEP, None, "wgk@um.wierzbin.pl"),
    ("SM", "Straż Miejska", ORG, None, "straz.miejska@um.wierzbin.pl"),
    ("MPK", "Miejskie Przedsiębiorstwo Komunikacyjne sp. z o.o.", COM, None, "biuro@mpk.wierzbin.pl"),
    (
        "MPWIK",
        "Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji sp. z o.o.",
        COM,
        None,
        "bok@mpwik.wierzbin.pl",
    ),
    ("ZGO", "Zakład Gospodarki Odpadami sp. z o.o.", COM, None, "zgo@zgo.wierzbin.pl"),
    ("ZOU", "Zakład Oświetlenia Ulicznego w Wierzbinie sp. z o.o.", COM, None, "awarie@zou.wierzbin.pl"),
]

# People of those units: (username, first name, last name, group, unit code, role). Existing demo users
# are reused as they are (only a missing membership is added); the others are created.
PEOPLE = [
    ("barbara.szymanska", "Barbara", "Szymańska", groups.REPRESENTATIVES, "ZDM", REP),
    ("pawel.gorski", "Paweł", "Górski", groups.SUBJECT_EXPERTS, "ZDM", EXPERT),
    ("monika.jablonska", "Monika", "Jabłońska", groups.REPRESENTATIVES, "ZZM", REP),
    ("grzegorz.olszewski", "Grzegorz", "Olszewski", groups.SUBJECT_EXPERTS, "ZZM", EXPERT),
    ("krzysztof.mazur", "Krzysztof", "Mazur", groups.REPRESENTATIVES, "WGK", REP),
    ("tomasz.wojcik", "Tomasz", "Wójcik", groups.SUBJECT_EXPERTS, "WGK", EXPERT),
    ("karolina.sadowska", "Karolina", "Sadowska", groups.REPRESENTATIVES, "WOS", REP),
    ("iwona.baran", "Iwona", "Baran", groups.SUBJECT_EXPERTS, "WOS", HEAD),
    ("adam.majewski", "Adam", "Majewski", groups.REPRESENTATIVES, "SM", REP),
    ("jerzy.wasilewski", "Jerzy", "Wasilewski", groups.SUBJECT_EXPERTS, "SM", HEAD),
    ("jan.lewandowski", "Jan", "Lewandowski", groups.REPRESENTATIVES, "MPK", REP),
    ("michal.pawlak", "Michał", "Pawlak", groups.REPRESENTATIVES, "MPK", EXPERT),
    ("damian.kozlowski", "Damian", "Kozłowski", groups.REPRESENTATIVES, "MPWIK", REP),
    ("rafal.kubiak", "Rafał", "Kubiak", groups.REPRESENTATIVES, "MPWIK", EXPERT),
    ("natalia.wrobel", "Natalia", "Wróbel", groups.REPRESENTATIVES, "ZGO", REP),
    ("lukasz.zawadzki", "Łukasz", "Zawadzki", groups.REPRESENTATIVES, "ZGO", EXPERT),
    ("sebastian.wieczorek", "Sebastian", "Wieczorek", groups.REPRESENTATIVES, "ZOU", REP),
    ("renata.zalewska", "Renata", "Zalewska", groups.SUBJECT_EXPERTS, "ZOU", EXPERT),
]

#: The city centre (the town hall on the market square) and the districts around it.
CENTRE = (52.1100, 21.0100)
OLD_TOWN = "Stare Miasto"
# District: (compass bearing of its middle in degrees, or None for the old town in the middle),
# streets as (nominative, genitive), landmarks.
DISTRICTS = {
    OLD_TOWN: (
        None,
        [
            ("ul. Długa", "ul. Długiej"),
            ("ul. Kościuszki", "ul. Kościuszki"),
            ("ul. Mickiewicza", "ul. Mickiewicza"),
            ("ul. Zamkowa", "ul. Zamkowej"),
            ("ul. Farna", "ul. Farnej"),
            ("ul. Młyńska", "ul. Młyńskiej"),
            ("pl. Wolności", "pl. Wolności"),
        ],
        [
            "Rynek, przy ratuszu",
            "Rynek, przy fontannie",
            "skwer przy kościele farnym",
            "przystanek Rynek (w stronę dworca)",
            "pasaż między ul. Długą a ul. Farną",
        ],
    ),
    "Przylesie": (
        0,
        [
            ("ul. Leśna", "ul. Leśnej"),
            ("ul. Sosnowa", "ul. Sosnowej"),
            ("ul. Jodłowa", "ul. Jodłowej"),
            ("ul. Klonowa", "ul. Klonowej"),
            ("ul. Słowackiego", "ul. Słowackiego"),
            ("ul. Lipowa", "ul. Lipowej"),
        ],
        [
            "parking leśny na końcu ul. Leśnej",
            "plac zabaw na osiedlu Przylesie",
            "przy przychodni na ul. Sosnowej",
            "park Przylesie, alejka przy stawie",
            "pętla autobusowa Przylesie",
        ],
    ),
    "Zatorze": (
        90,
        [
            ("ul. Kolejowa", "ul. Kolejowej"),
            ("ul. Fabryczna", "ul. Fabrycznej"),
            ("ul. Towarowa", "ul. Towarowej"),
            ("ul. Reymonta", "ul. Reymonta"),
            ("ul. Hallera", "ul. Hallera"),
            ("ul. Składowa", "ul. Składowej"),
        ],
        [
            "przejście podziemne przy dworcu PKP",
            "parking przy hali targowej",
            "tunel pod torami na ul. Kolejowej",
            "przystanek Dworzec PKP",
            "teren przy dawnej cukrowni",
        ],
    ),
    "Piaski": (
        180,
        [
            ("ul. Polna", "ul. Polnej"),
            ("ul. Łąkowa", "ul. Łąkowej"),
            ("ul. Piaskowa", "ul. Piaskowej"),
            ("ul. Słoneczna", "ul. Słonecznej"),
            ("ul. Wrzosowa", "ul. Wrzosowej"),
            ("ul. Traugutta", "ul. Traugutta"),
        ],
        [
            "przy Szkole Podstawowej nr 7",
            "staw na Piaskach, od strony ul. Łąkowej",
            "pętla autobusowa Piaski",
            "boisko przy ul. Słonecznej",
            "targowisko na Piaskach",
        ],
    ),
    "Nadrzecze": (
        270,
        [
            ("ul. Nadbrzeżna", "ul. Nadbrzeżnej"),
            ("ul. Rybacka", "ul. Rybackiej"),
            ("ul. Flisacka", "ul. Flisackiej"),
            ("ul. Żeromskiego", "ul. Żeromskiego"),
            ("ul. Mostowa", "ul. Mostowej"),
            ("ul. Ogrodowa", "ul. Ogrodowej"),
        ],
        [
            "bulwar nad Wierzbinką, przy przystani kajakowej",
            "kładka nad Wierzbinką",
            "przy moście Jagiellońskim",
            "ogródki działkowe „Nadrzecze”, brama od ul. Rybackiej",
            "ścieżka rowerowa wzdłuż Wierzbinki",
        ],
    ),
}

#: Open311 application that sends some of the reports.
APP_NAME = "Aplikacja Wierzbin 24"

FIRST_NAMES = {
    "m": [
        "Jan",
        "Piotr",
        "Krzysztof",
        "Andrzej",
        "Tomasz",
        "Paweł",
        "Marcin",
        "Michał",
        "Jakub",
        "Kamil",
        "Wojciech",
        "Mateusz",
        "Stanisław",
        "Zbigniew",
        "Dariusz",
        "Artur",
        "Robert",
        "Bartosz",
    ],
    "f": [
        "Anna",
        "Maria",
        "Katarzyna",
        "Małgorzata",
        "Agnieszka",
        "Barbara",
        "Ewa",
        "Krystyna",
        "Zofia",
        "Joanna",
        "Aleksandra",
        "Magdalena",
        "Natalia",
        "Dorota",
        "Halina",
        "Julia",
        "Beata",
        "Elżbieta",
    ],
}
LAST_NAMES = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Nowakowski",
    "Pawłowski",
    "Michalski",
    "Adamczyk",
    "Dudek",
    "Zając",
    "Wieczorek",
    "Jabłoński",
    "Król",
    "Majewski",
    "Olszewski",
    "Jaworski",
    "Wróbel",
    "Malinowski",
    "Pawlak",
    "Witkowski",
    "Walczak",
    "Stępień",
    "Górski",
    "Rutkowski",
    "Michalak",
    "Sikora",
    "Ostrowski",
    "Baran",
    "Duda",
    "Szewczyk",
    "Tomaszewski",
    "Pietrzak",
]


def feminine(last_name):
    """Kowalski -> Kowalska; names without an adjectival ending stay as they are (Nowak)."""
    for ending in ("ski", "cki", "dzki"):
        if last_name.endswith(ending):
            return last_name[:-1] + "a"
    return last_name


# --- categories ---------------------------------------------------------------------------------
ROADS, LIGHTS, CLEAN, GREEN, TRANSPORT, WATER, ORDER, OTHER = (
    "Drogi i chodniki",
    "Oświetlenie i sygnalizacja",
    "Czystość i odpady",
    "Zieleń i place zabaw",
    "Komunikacja miejska",
    "Woda i kanalizacja",
    "Porządek i bezpieczeństwo",
    "Inne",
)
WINTER = (11, 12, 1, 2, 3)
GROWING = (4, 5, 6, 7, 8, 9, 10)
YES_NO = [{"key": "tak", "name": "Tak"}, {"key": "nie", "name": "Nie"}]


def choices(*pairs):
    return [{"key": key, "name": name} for key, name in pairs]


# Each category: code, name, group, description, help_text, keywords; rules {area name or None for the
# whole city: unit code} (no rules: the dispatcher routes to ``dispatch_to``); policy ((amount, unit) of
# the first response, of the resolution) or None for the defaults; questions (code, question, help,
# datatype, required, choices or sample answers); what citizens write (a text, or (text, unit code) for
# the dispatcher's choice); public updates; what was done; months it happens in (None: all year);
# weight; photo (background colour, shape colour, shape).
CATEGORIES = [
    {
        "code": "oswietlenie",
        "name": "Niedziałające oświetlenie uliczne",
        "group": LIGHTS,
        "description": "Latarnie, które nie świecą, migają albo świecą w dzień; uszkodzone słupy i oprawy.",
        "help_text": "Podaj numer słupa (tabliczka na wysokości ok. 2 m) i napisz, ile latarni nie świeci.",
        "keywords": "latarnia, lampa, ciemno, słup, oświetlenie",
        "rules": {None: "ZDM", OLD_TOWN: "ZOU"},
        "policy": ((2, "working_days"), (10, "working_days")),
        "questions": [
            ("liczba", "Ile latarni nie świeci?", "", "number", False, (1, 6)),
            (
                "slup",
                "Numer słupa",
                "Z tabliczki na słupie, jeśli jest widoczna.",
                "string",
                False,
                ["OŚ-1123", "W/45/12", "ZOU 0871", "L-2207", "S-019"],
            ),
        ],
        "texts": [
            "Latarnia nie świeci od kilku dni. Wieczorem na chodniku jest zupełnie ciemno, ludzie chodzą "
            "z latarkami w telefonach.",
            "Trzy kolejne latarnie nie działają, cały odcinek ulicy jest nieoświetlony, a to droga "
            "do szkoły.",
            "Lampa miga przez całą noc i gaśnie co kilka minut.",
            "Latarnia świeci przez cały dzień, także w południe.",
            "Przy przejściu dla pieszych nie działa oświetlenie – kierowcy nie widzą pieszych po zmroku.",
            "Słup oświetleniowy jest przechylony po uderzeniu samochodu, klosz wisi na przewodzie.",
            "Otwarta skrzynka przy słupie latarni, widać przewody. Bawią się tam dzieci.",
        ],
        "updates": [
            "Usterkę przekazaliśmy konserwatorowi oświetlenia. Naprawa jest zaplanowana w ciągu 5 dni "
            "roboczych.",
            "Konserwator potwierdził uszkodzenie przewodu zasilającego – potrzebne jest wyłączenie odcinka "
            "sieci, które uzgadniamy z dystrybutorem energii.",
        ],
        "done": [
            "Wymieniliśmy źródło światła i zapłonnik; latarnie świecą prawidłowo.",
            "Naprawiliśmy uszkodzony przewód zasilający – cały odcinek ulicy jest znów oświetlony.",
            "Słup został wymieniony na nowy, a skrzynkę zabezpieczono nowymi drzwiczkami z zamkiem.",
        ],
        "weight": 14,
        "photo": ((40, 44, 70), (250, 220, 90), "lamp"),
    },
    {
        "code": "dziura-w-jezdni",
        "name": "Dziura w jezdni",
        "group": ROADS,
        "description": "Ubytki w nawierzchni jezdni, zapadnięte łaty, wyrwy po zimie.",
        "help_text": "Napisz, na którym pasie jest ubytek i jak jest duży; zdjęcie z oznaczeniem miejsca "
        "bardzo pomaga.",
        "keywords": "dziura, wyrwa, ubytek, asfalt, jezdnia, koleiny",
        "rules": {None: "ZDM"},
        "policy": ((8, "working_hours"), (7, "working_days")),
        "questions": [
            (
                "wielkosc",
                "Jak duży jest ubytek?",
                "",
                "singlevaluelist",
                True,
                choices(("maly", "mniej niż 30 cm"), ("sredni", "30 cm – 1 m"), ("duzy", "ponad 1 m")),
            ),
            ("pas", "Czy ubytek jest na pasie ruchu?", "", "singlevaluelist", False, YES_NO),
        ],
        "texts": [
            "Głęboka dziura na prawym pasie, samochody gwałtownie ją omijają i zjeżdżają na przeciwny pas.",
            "Po ostatnich deszczach zrobiła się wyrwa przy krawężniku, pełna wody – nie widać, jak jest "
            "głęboka.",
            "Kilka dziur jedna przy drugiej na odcinku około 50 metrów. Urwałem na jednej z nich kołpak.",
            "Zapadnięta łata asfaltu przy studzience, przy przejeździe mocno uderza zawieszenie.",
            "Dziura przy przejściu dla pieszych, rowerzyści wjeżdżają w nią, bo jej nie widać po zmroku.",
        ],
        "updates": [
            "Miejsce zostało oznakowane i zabezpieczone. Naprawę wykona ekipa cząstkowa ZDM.",
            "Ubytek naprawimy masą na gorąco – prace zaplanowaliśmy na najbliższy tydzień, jeśli pozwoli "
            "pogoda.",
        ],
        "done": [
            "Ubytek został naprawiony masą bitumiczną na gorąco.",
            "Wycięliśmy uszkodzony fragment nawierzchni i ułożyliśmy nową warstwę asfaltu na odcinku 12 m².",
            "Naprawiliśmy nawierzchnię wokół studzienki i wyregulowaliśmy jej wysokość.",
        ],
        "weight": 16,
        "photo": ((90, 90, 95), (30, 30, 32), "hole"),
    },
    {
        "code": "chodnik",
        "name": "Uszkodzony chodnik lub ścieżka rowerowa",
        "group": ROADS,
        "description": "Wystające lub brakujące płyty, zapadnięta kostka, korzenie podnoszące nawierzchnię.",
        "help_text": "Napisz, po której stronie ulicy i na wysokości którego numeru jest uszkodzenie.",
        "keywords": "chodnik, płyta, kostka, ścieżka rowerowa, potknięcie",
        "rules": {None: "ZDM"},
        "policy": None,
        "questions": [],
        "texts": [
            "Wystające płyty chodnikowe, starsza pani przewróciła się tu w zeszłym tygodniu.",
            "Zapadnięta kostka na ścieżce rowerowej, tworzy się kałuża na całą szerokość.",
            "Brakuje kilku płyt chodnika, dziura zabezpieczona tylko kawałkiem taśmy.",
            "Korzenie drzewa podniosły nawierzchnię chodnika, trudno przejechać wózkiem.",
            "Obniżenie krawężnika przy przejściu jest uszkodzone, osoby na wózkach nie mogą zjechać.",
        ],
        "updates": [
            "Zleciliśmy naprawę wykonawcy utrzymania chodników; prace potrwają około dwóch tygodni.",
            "Miejsce zostało zabezpieczone barierkami do czasu naprawy.",
        ],
        "done": [
            "Przełożyliśmy zapadniętą kostkę i uzupełniliśmy podsypkę.",
            "Wymieniliśmy uszkodzone płyty chodnikowe na odcinku około 15 metrów.",
            "Obniżenie krawężnika zostało przebudowane zgodnie z wymaganiami dostępności.",
        ],
        "weight": 10,
        "photo": ((150, 145, 140), (100, 95, 90), "slabs"),
    },
    {
        "code": "wysypisko",
        "name": "Nielegalne wysypisko śmieci",
        "group": CLEAN,
        "description": "Porzucone odpady poza wyznaczonymi miejscami: gruz, opony, meble, worki "
        "ze śmieciami.",
        "help_text": "Opisz, co zostało porzucone i ile tego jest. Nie przeszukuj odpadów.",
        "keywords": "śmieci, wysypisko, gruz, opony, odpady, meble",
        "rules": {None: "WGK"},
        "policy": None,
        "questions": [
            (
                "rodzaj",
                "Co zostało porzucone?",
                "Możesz zaznaczyć kilka.",
                "multivaluelist",
                True,
                choices(
                    ("gruz", "gruz i odpady budowlane"),
                    ("opony", "opony"),
                    ("meble", "meble i gabaryty"),
                    ("zielone", "odpady zielone"),
                    ("elektro", "elektrośmieci"),
                    ("inne", "inne"),
                ),
            ),
            ("objetosc", "Przybliżona ilość (w workach 120 l)", "", "number", False, (2, 40)),
        ],
        "texts": [
            "W krzakach ktoś wyrzucił kilkanaście worków z gruzem i stare płytki.",
            "Na poboczu leży sterta opon, przybywa ich co tydzień.",
            "Porzucone meble: kanapa, szafka i materac. Stoją tam od dwóch tygodni.",
            "Dzikie wysypisko za garażami – worki ze śmieciami, butelki, stary telewizor.",
            "Ktoś regularnie wysypuje tu skoszoną trawę i gałęzie.",
        ],
        "updates": [
            "Straż Miejska sprawdza, kto porzucił odpady. Po zakończeniu czynności zlecimy ich uprzątnięcie.",
            "Uprzątnięcie odpadów zleciliśmy firmie odbierającej odpady; termin to 10 dni roboczych.",
        ],
        "done": [
            "Odpady zostały uprzątnięte i przekazane do utylizacji. Miejsce będzie częściej kontrolowane.",
            "Usunęliśmy odpady (ok. 3 m³). Ustalono sprawcę – sprawa trafiła do Straży Miejskiej.",
        ],
        "weight": 8,
        "photo": ((95, 120, 70), (120, 110, 100), "pile"),
    },
    {
        "code": "kosz",
        "name": "Przepełniony kosz na śmieci",
        "group": CLEAN,
        "description": "Przepełnione lub uszkodzone kosze uliczne i parkowe.",
        "help_text": "Jeśli kosz jest uszkodzony, napisz to; przy przystanku podaj jego nazwę.",
        "keywords": "kosz, śmieci, przepełniony, brud",
        "rules": {None: "ZGO", "Przylesie": "ZZM"},
        "policy": ((1, "working_days"), (2, "working_days")),
        "questions": [],
        "texts": [
            "Kosz przepełniony od kilku dni, śmieci leżą dookoła, wiatr je roznosi.",
            "Kosz przy przystanku nie jest opróżniany, śmierdzi i zlatują się osy.",
            "Kosz na psie odchody pełny, brakuje też woreczków w pojemniku.",
            "Kosz jest wyrwany ze słupka i leży na trawniku.",
        ],
        "updates": ["Zwiększyliśmy częstotliwość opróżniania koszy w tym miejscu do trzech razy w tygodniu."],
        "done": [
            "Kosz został opróżniony, a teren wokół uprzątnięty.",
            "Zamontowaliśmy nowy kosz i uzupełniliśmy woreczki na psie odchody.",
        ],
        "weight": 9,
        "photo": ((110, 140, 100), (60, 60, 60), "bin"),
    },
    {
        "code": "drzewo",
        "name": "Niebezpieczne drzewo lub konar",
        "group": GREEN,
        "description": "Pochylone, spróchniałe lub połamane drzewa, zwisające konary, drzewa po wichurze.",
        "help_text": "Jeśli drzewo leży na jezdni lub przewodach, dzwoń pod 112. Napisz, czy drzewo blokuje "
        "przejście.",
        "keywords": "drzewo, konar, gałąź, wichura, spróchniałe",
        "rules": {None: "ZZM"},
        "policy": ((4, "working_hours"), (5, "working_days")),
        "questions": [
            (
                "zagrozenie",
                "Czy drzewo lub konar blokuje przejście albo przejazd?",
                "",
                "singlevaluelist",
                True,
                YES_NO,
            ),
            (
                "gatunek",
                "Gatunek drzewa, jeśli go znasz",
                "",
                "string",
                False,
                ["topola", "klon", "lipa", "brzoza", "kasztanowiec", "wierzba"],
            ),
        ],
        "texts": [
            "Duży konar zwisa nad chodnikiem, złamany po wczorajszej wichurze. Może spaść na przechodniów.",
            "Drzewo mocno pochylone w stronę placu zabaw, przy ziemi widać spróchniały pień.",
            "Połamane gałęzie leżą na ścieżce rowerowej, trzeba je omijać trawnikiem.",
            "Stara topola ma pęknięty pień, przy silniejszym wietrze słychać trzeszczenie.",
            "Gałęzie zasłaniają znak „stop” i sygnalizator, kierowcy ich nie widzą.",
        ],
        "updates": [
            "Dendrolog obejrzał drzewo; teren pod nim jest wygrodzony do czasu prac.",
            "Usunięcie konaru zleciliśmy firmie pielęgnującej zieleń – prace wymagają podnośnika.",
        ],
        "done": [
            "Usunęliśmy złamany konar i wykonaliśmy cięcie sanitarne korony.",
            "Drzewo zostało wycięte po oględzinach dendrologa; w sezonie jesiennym posadzimy w tym miejscu "
            "nowe.",
            "Uprzątnęliśmy połamane gałęzie i podcięliśmy koronę nad skrajnią.",
        ],
        "weight": 9,
        "photo": ((150, 190, 230), (90, 60, 30), "tree"),
    },
    {
        "code": "zielen",
        "name": "Zieleń do pielęgnacji",
        "group": GREEN,
        "description": "Nieskoszone trawniki, zarośnięte chodniki, krzewy ograniczające widoczność, "
        "zniszczone klomby.",
        "help_text": "Napisz, czy zieleń ogranicza widoczność na skrzyżowaniu albo przejściu.",
        "keywords": "trawa, koszenie, krzewy, żywopłot, trawnik",
        "rules": {None: "ZZM"},
        "policy": None,
        "questions": [],
        "texts": [
            "Trawa po pas, nieskoszona od początku lata. Zbiera się w niej mnóstwo śmieci.",
            "Krzewy przy skrzyżowaniu zasłaniają widoczność przy wyjeździe z podporządkowanej.",
            "Żywopłot wchodzi na chodnik, zostało może 60 cm przejścia.",
            "Klomb rozjeżdżony przez samochody, rośliny zniszczone.",
        ],
        "updates": ["Teren został wpisany do harmonogramu koszenia na najbliższe dwa tygodnie."],
        "done": [
            "Trawnik został skoszony, a pokos wywieziony.",
            "Przycięliśmy krzewy, aby poprawić widoczność na skrzyżowaniu.",
        ],
        "months": GROWING,
        "weight": 6,
        "photo": ((120, 170, 80), (60, 110, 40), "grass"),
    },
    {
        "code": "pojazd",
        "name": "Porzucony pojazd",
        "group": ORDER,
        "description": "Wraki i pojazdy bez tablic, długo stojące w jednym miejscu na drogach publicznych.",
        "help_text": "Podaj numer rejestracyjny, markę i kolor. Nie zgłaszaj tu źle zaparkowanych aut – "
        "dzwoń do Straży Miejskiej: 986.",
        "keywords": "wrak, porzucony samochód, auto, pojazd bez tablic",
        "rules": {None: "SM"},
        "policy": None,
        "questions": [
            (
                "rejestracja",
                "Numer rejestracyjny",
                "Jeśli pojazd go ma.",
                "string",
                False,
                ["WWI 4K21", "WZ 9183C", "brak tablic", "WGM 55TX", "WX 2210A"],
            ),
            (
                "od_kiedy",
                "Od jak dawna stoi pojazd?",
                "",
                "singlevaluelist",
                False,
                choices(("miesiac", "krócej niż miesiąc"), ("kwartal", "1–3 miesiące"), ("dluzej", "dłużej")),
            ),
        ],
        "texts": [
            "Srebrny opel bez tablic rejestracyjnych, z przebitymi oponami, stoi na parkingu od wakacji.",
            "Wrak samochodu z wybitymi szybami, w środku śmieci.",
            "Przyczepa kempingowa zajmuje dwa miejsca parkingowe od kilku miesięcy.",
            "Zielony fiat bez jednego koła, oparty na cegłach.",
        ],
        "updates": [
            "Strażnicy ustalili właściciela i wezwali go do usunięcia pojazdu w ciągu 14 dni.",
        ],
        "done": [
            "Właściciel usunął pojazd po wezwaniu Straży Miejskiej.",
            "Pojazd został odholowany na parking strzeżony na podstawie dyspozycji Straży Miejskiej.",
        ],
        "weight": 5,
        "photo": ((120, 120, 125), (170, 40, 40), "car"),
    },
    {
        "code": "graffiti",
        "name": "Graffiti i zniszczone elewacje",
        "group": CLEAN,
        "description": "Napisy i rysunki na budynkach, ogrodzeniach i urządzeniach miejskich; wulgaryzmy.",
        "help_text": "Napisz, czy napis jest wulgarny lub obraźliwy – usuwamy go wtedy w pierwszej "
        "kolejności.",
        "keywords": "graffiti, bazgroły, napisy, pseudograffiti, elewacja",
        "rules": {None: "WGK"},
        "policy": None,
        "questions": [
            ("wulgarne", "Czy napis jest wulgarny lub obraźliwy?", "", "singlevaluelist", False, YES_NO),
        ],
        "texts": [
            "Wulgarne napisy na ścianie przejścia podziemnego.",
            "Świeżo odnowiona elewacja szkoły pomazana sprayem.",
            "Bazgroły na wiacie śmietnikowej i na ogrodzeniu placu zabaw.",
            "Graffiti na zabytkowym murze – szkoda, bo mur był niedawno czyszczony.",
        ],
        "updates": [
            "Zleciliśmy usunięcie napisów firmie specjalistycznej; wulgarne usuwamy w pierwszej kolejności."
        ],
        "done": [
            "Napisy zostały usunięte, a ściana zabezpieczona powłoką antygraffiti.",
            "Zamalowaliśmy napisy w kolorze elewacji.",
        ],
        "weight": 5,
        "photo": ((200, 190, 170), (200, 40, 160), "scribble"),
    },
    {
        "code": "przystanek",
        "name": "Uszkodzony przystanek lub wiata",
        "group": TRANSPORT,
        "description": "Zbite szyby wiat, uszkodzone ławki, brak rozkładu jazdy, niedziałające tablice "
        "informacji pasażerskiej.",
        "help_text": "Podaj nazwę przystanku i kierunek (nazwa jest na słupku).",
        "keywords": "przystanek, wiata, szyba, rozkład jazdy, autobus",
        "rules": {None: "MPK"},
        "policy": None,
        "questions": [
            (
                "przystanek",
                "Nazwa przystanku",
                "",
                "string",
                True,
                [
                    "Rynek",
                    "Dworzec PKP",
                    "Piaski – pętla",
                    "Szpital",
                    "Kolejowa",
                    "Przylesie – pętla",
                    "Most Jagielloński",
                    "Hala Targowa",
                ],
            ),
            (
                "uszkodzenie",
                "Co jest uszkodzone?",
                "",
                "multivaluelist",
                False,
                choices(
                    ("szyba", "szyba wiaty"),
                    ("lawka", "ławka"),
                    ("rozklad", "rozkład jazdy"),
                    ("tablica", "tablica elektroniczna"),
                    ("kosz", "kosz"),
                ),
            ),
        ],
        "texts": [
            "Zbita szyba w wiacie, szkło leży na chodniku.",
            "Brak rozkładu jazdy na przystanku, gablotka pusta od tygodnia.",
            "Tablica elektroniczna pokazuje odjazdy sprzed kilku godzin albo jest wygaszona.",
            "Połamana ławka na przystanku, starsi ludzie nie mają gdzie usiąść.",
            "Przez dziurawy dach wiaty leje się woda prosto na ławkę.",
        ],
        "updates": [
            "Szkło zostało uprzątnięte, a ubytek zabezpieczony. Nową szybę zamówiliśmy u producenta wiat."
        ],
        "done": [
            "Wymieniliśmy zbitą szybę w wiacie.",
            "Rozkład jazdy został wywieszony, a gablotka naprawiona.",
            "Tablica została zrestartowana i działa; serwisant wymienił moduł łączności.",
        ],
        "weight": 7,
        "photo": ((170, 200, 220), (40, 90, 160), "shelter"),
    },
    {
        "code": "sygnalizacja",
        "name": "Awaria sygnalizacji świetlnej",
        "group": LIGHTS,
        "description": "Niedziałające lub źle działające światła na skrzyżowaniach i przejściach, "
        "przyciski dla pieszych.",
        "help_text": "Jeśli sygnalizacja nie działa na całym skrzyżowaniu, zadzwoń też pod 986.",
        "keywords": "światła, sygnalizacja, sygnalizator, przycisk, skrzyżowanie",
        "rules": {None: "ZDM"},
        "policy": ((2, "working_hours"), (1, "working_days")),
        "questions": [
            (
                "co",
                "Co nie działa?",
                "",
                "singlevaluelist",
                True,
                choices(
                    ("calosc", "cała sygnalizacja"),
                    ("sygnalizator", "jeden sygnalizator"),
                    ("przycisk", "przycisk dla pieszych"),
                    ("dzwiek", "sygnał dźwiękowy"),
                ),
            ),
        ],
        "texts": [
            "Na skrzyżowaniu miga żółte światło we wszystkich kierunkach, tworzą się korki.",
            "Przycisk dla pieszych nie działa, zielone światło nie zapala się wcale.",
            "Sygnał dźwiękowy dla niewidomych jest wyłączony.",
            "Zielone dla pieszych trwa kilka sekund, starsze osoby nie zdążają przejść.",
        ],
        "updates": ["Serwis sygnalizacji był na miejscu; czekamy na dostawę sterownika."],
        "done": [
            "Serwisant wymienił uszkodzony moduł sterownika; sygnalizacja działa.",
            "Wydłużyliśmy czas zielonego światła dla pieszych do 14 sekund.",
            "Przycisk został wymieniony, a sygnał dźwiękowy przywrócony.",
        ],
        "weight": 5,
        "photo": ((60, 60, 65), (240, 190, 20), "signal"),
    },
    {
        "code": "oznakowanie",
        "name": "Brakujące lub uszkodzone oznakowanie drogowe",
        "group": ROADS,
        "description": "Przewrócone, obrócone lub zasłonięte znaki, wytarte pasy i przejścia dla pieszych.",
        "help_text": "Napisz, jaki to znak i w którą stronę jest (był) zwrócony.",
        "keywords": "znak, oznakowanie, zebra, pasy, malowanie",
        "rules": {None: "ZDM"},
        "policy": None,
        "questions": [],
        "texts": [
            "Znak „ustąp pierwszeństwa” leży na trawniku, słupek złamany.",
            "Wytarte przejście dla pieszych, pasy prawie niewidoczne po zmroku.",
            "Znak zakazu parkowania obrócony o 90 stopni, kierowcy go nie widzą.",
            "Brakuje znaku ograniczenia prędkości przed szkołą, został tylko słupek.",
        ],
        "updates": ["Znak został tymczasowo ustawiony na przenośnej podstawie."],
        "done": [
            "Ustawiliśmy nowy znak na nowym słupku.",
            "Odnowiliśmy oznakowanie poziome przejścia farbą cienkowarstwową.",
        ],
        "weight": 6,
        "photo": ((150, 150, 150), (200, 30, 30), "sign"),
    },
    {
        "code": "plac-zabaw",
        "name": "Uszkodzony plac zabaw lub siłownia plenerowa",
        "group": GREEN,
        "description": "Zepsute urządzenia zabawowe i do ćwiczeń, wystające śruby, ostre krawędzie, "
        "uszkodzone ogrodzenie.",
        "help_text": "Jeśli urządzenie grozi wypadkiem, nie korzystaj z niego i napisz to w opisie.",
        "keywords": "plac zabaw, huśtawka, zjeżdżalnia, siłownia, piaskownica",
        "rules": {None: "ZZM"},
        "policy": ((1, "working_days"), (10, "working_days")),
        "questions": [
            (
                "urzadzenie",
                "Które urządzenie?",
                "",
                "singlevaluelist",
                False,
                choices(
                    ("hustawka", "huśtawka"),
                    ("zjezdzalnia", "zjeżdżalnia"),
                    ("piaskownica", "piaskownica"),
                    ("silownia", "urządzenie siłowni"),
                    ("ogrodzenie", "ogrodzenie lub furtka"),
                ),
            ),
        ],
        "texts": [
            "Urwany łańcuch huśtawki, siedzisko leży na ziemi.",
            "Ze zjeżdżalni wystaje śruba, dziecko rozcięło sobie nogę.",
            "Furtka placu zabaw nie domyka się, psy wbiegają do piaskownicy.",
            "Orbitrek w siłowni plenerowej zablokowany, pedał pęknięty.",
        ],
        "updates": ["Urządzenie zostało wyłączone z użytku i oznaczone taśmą do czasu naprawy."],
        "done": [
            "Wymieniliśmy łańcuchy i siedzisko huśtawki; urządzenie przeszło przegląd.",
            "Usunęliśmy wystającą śrubę i zabezpieczyliśmy krawędzie zjeżdżalni.",
            "Naprawiliśmy samozamykacz furtki.",
        ],
        "weight": 5,
        "photo": ((120, 180, 110), (230, 120, 30), "swing"),
    },
    {
        "code": "woda",
        "name": "Awaria wodociągowa lub kanalizacyjna",
        "group": WATER,
        "description": "Wycieki wody, zapadnięte lub otwarte studzienki, zapchane wpusty, przykry zapach "
        "z kanalizacji.",
        "help_text": "Awarie grożące zalaniem zgłaszaj też całodobowo pod numerem 994.",
        "keywords": "woda, wyciek, studzienka, kanalizacja, wpust, hydrant",
        "rules": {None: "MPWIK"},
        "policy": ((2, "working_hours"), (2, "working_days")),
        "questions": [
            (
                "co",
                "Co się dzieje?",
                "",
                "singlevaluelist",
                True,
                choices(
                    ("wyciek", "wyciek wody"),
                    ("studzienka", "zapadnięta lub otwarta studzienka"),
                    ("wpust", "zapchany wpust uliczny"),
                    ("zapach", "przykry zapach"),
                    ("hydrant", "uszkodzony hydrant"),
                ),
            ),
        ],
        "texts": [
            "Z jezdni wypływa woda, od rana coraz więcej, tworzy się rozlewisko.",
            "Pokrywa studzienki jest przesunięta, otwór częściowo odkryty.",
            "Zapchana kratka ściekowa, po każdym deszczu woda stoi na całej szerokości ulicy.",
            "Od kilku dni bardzo nieprzyjemny zapach z kanalizacji przy przystanku.",
            "Hydrant przechylony i cieknie z niego woda.",
        ],
        "updates": ["Pogotowie wodociągowe zlokalizowało wyciek; naprawa wymaga rozkopania jezdni."],
        "done": [
            "Usunęliśmy awarię przyłącza i odtworzyliśmy nawierzchnię.",
            "Wymieniliśmy pokrywę studzienki na nową, zabezpieczoną przed przesunięciem.",
            "Wpust został oczyszczony, a przykanalik przepłukany.",
        ],
        "weight": 7,
        "photo": ((80, 80, 85), (70, 130, 200), "puddle"),
    },
    {
        "code": "zwierzeta",
        "name": "Bezdomne lub ranne zwierzę",
        "group": ORDER,
        "description": "Błąkające się psy i koty, ranne zwierzęta, dzikie zwierzęta na osiedlach.",
        "help_text": "Do rannego zwierzęcia nie podchodź; jeśli jest agresywne, dzwoń pod 986.",
        "keywords": "pies, kot, zwierzę, dzik, ranne, bezdomne",
        "rules": {None: "SM"},
        "policy": ((2, "working_hours"), (1, "working_days")),
        "questions": [
            (
                "zwierze",
                "Jakie to zwierzę?",
                "",
                "singlevaluelist",
                True,
                choices(
                    ("pies", "pies"),
                    ("kot", "kot"),
                    ("dzikie", "dzikie zwierzę"),
                    ("ptak", "ptak"),
                    ("inne", "inne"),
                ),
            ),
            ("ranne", "Czy zwierzę jest ranne?", "", "singlevaluelist", False, YES_NO),
        ],
        "texts": [
            "Od dwóch dni błąka się tu pies bez obroży, jest wychudzony i boi się ludzi.",
            "Ranny kot leży pod samochodem, nie chce wyjść.",
            "Dziki rozkopują trawniki na osiedlu, wieczorem podchodzą pod bloki.",
            "Łabędź z zaplątaną w dziób żyłką.",
        ],
        "updates": ["Patrol ekopatrolu był na miejscu; zwierzę będzie odłowione przy pomocy schroniska."],
        "done": [
            "Zwierzę zostało odłowione i przewiezione do schroniska; właściciel może je odebrać.",
            "Rannym zwierzęciem zajął się lekarz weterynarii współpracujący z miastem.",
            "Myśliwi z koła łowieckiego odłowili dziki i wywieźli je do lasu.",
        ],
        "weight": 5,
        "photo": ((190, 180, 150), (110, 80, 50), "animal"),
    },
    {
        "code": "odsniezanie",
        "name": "Nieodśnieżona lub oblodzona ulica albo chodnik",
        "group": ROADS,
        "description": "Zalegający śnieg i lód na jezdniach, chodnikach i przystankach zarządzanych przez "
        "miasto.",
        "help_text": "Chodniki przy posesjach odśnieżają ich właściciele; zgłaszaj tu drogi i chodniki "
        "miejskie.",
        "keywords": "śnieg, lód, gołoledź, odśnieżanie, posypywanie",
        "rules": {None: "ZDM", "Przylesie": "ZGO", "Zatorze": "ZGO"},
        "policy": ((4, "working_hours"), (1, "working_days")),
        "questions": [],
        "texts": [
            "Chodnik nieodśnieżony, pod śniegiem lód, ludzie się przewracają.",
            "Ulica nieprzejezdna, pług nie był tu od wczoraj rana.",
            "Przystanek oblodzony, nikt nie posypał piaskiem.",
            "Zwał śniegu z jezdni zasypał przejście dla pieszych.",
        ],
        "updates": ["Przekazaliśmy zgłoszenie wykonawcy zimowego utrzymania – sprzęt jest w drodze."],
        "done": [
            "Chodnik został odśnieżony i posypany mieszanką piasku z solą.",
            "Pługopiaskarka przejechała ulicę dwukrotnie; jezdnia jest przejezdna.",
        ],
        "months": WINTER,
        "weight": 12,
        "photo": ((235, 240, 245), (180, 190, 200), "snow"),
    },
    {
        "code": "halas",
        "name": "Hałas i zakłócanie porządku",
        "group": ORDER,
        "description": "Uciążliwy hałas, spożywanie alkoholu w miejscach publicznych, zakłócanie ciszy "
        "nocnej.",
        "help_text": "Jeśli zakłócenie trwa teraz, dzwoń do Straży Miejskiej pod 986 albo na Policję: 112.",
        "keywords": "hałas, cisza nocna, impreza, alkohol, porządek",
        "rules": {},
        "dispatch_to": "SM",
        "policy": None,
        "questions": [],
        "texts": [
            "Co noc na ławkach przy placu zabaw odbywają się głośne imprezy do 3 nad ranem.",
            "Prace budowlane zaczynają się o 5:30, także w soboty.",
            "Bar na rogu puszcza głośną muzykę na zewnątrz do późnej nocy.",
            "Grupa osób codziennie pije alkohol przy wejściu do sklepu i zaczepia przechodniów.",
        ],
        "updates": ["Patrole Straży Miejskiej będą częściej kontrolować to miejsce w godzinach wieczornych."],
        "done": [
            "Strażnicy przeprowadzili kontrole w pięciu kolejnych dniach; nałożono dwa mandaty.",
            "Kierownik budowy został pouczony; prace głośne zaczynają się teraz o 7:00.",
        ],
        "weight": 4,
        "photo": ((70, 60, 90), (230, 230, 80), "waves"),
    },
    {
        "code": "inne",
        "name": "Inny problem",
        "group": OTHER,
        "description": "Sprawy, które nie pasują do żadnej kategorii: dyżurny przekaże je właściwej "
        "jednostce.",
        "help_text": "Opisz problem możliwie dokładnie; dyżurny urzędu przekaże go właściwej jednostce.",
        "keywords": "inne, pozostałe",
        "rules": {},
        "dispatch_to": "WGK",
        "policy": None,
        "questions": [],
        "texts": [
            ("Na ogrodzeniu skweru zawieszono baner reklamowy bez żadnego pozwolenia.", "WGK"),
            (
                "Zepsuty parkomat – nie przyjmuje monet ani kart, a kontrolerzy wystawiają opłaty dodatkowe.",
                "ZDM",
            ),
            ("Połamana ławka na skwerze, wystają gwoździe.", "ZZM"),
            ("Brakuje tabliczki z nazwą ulicy na skrzyżowaniu – kurierzy nie mogą trafić.", "ZDM"),
            ("Pitnik z wodą na skwerze nie działa od tygodnia, w niecce zbiera się brudna woda.", "WGK"),
            ("W rowie melioracyjnym martwe ryby i tłusta plama na wodzie, czuć smar.", "WOS"),
        ],
        "updates": ["Sprawę przekazaliśmy właściwej jednostce, która skontaktuje się w razie pytań."],
        "done": [
            "Sprawa została załatwiona przez właściwą jednostkę.",
            "Usterkę usunięto podczas przeglądu technicznego.",
        ],
        "weight": 6,
        "photo": ((170, 170, 180), (90, 90, 200), "box"),
    },
]

#: A dispatcher moves some reports to another unit: category: (unit code, reason).
REASSIGN = {
    "oswietlenie": ("ZZM", "Latarnia stoi w parku – oświetlenie parkowe utrzymuje Zarząd Zieleni Miejskiej."),
    "chodnik": ("ZZM", "To alejka parkowa, a nie chodnik w pasie drogowym – zarządcą jest ZZM."),
    "kosz": ("ZZM", "Kosz stoi na skwerze w zarządzie ZZM, nie w pasie drogowym."),
    "przystanek": ("ZDM", "Wiatę na tym przystanku utrzymuje ZDM, nie MPK – to wiata z programu RFRD."),
    "woda": ("ZDM", "To wpust kanalizacji deszczowej w jezdni, który należy do ZDM."),
    "wysypisko": ("ZGO", "Odpady zbierze ZGO w ramach umowy na likwidację dzikich wysypisk."),
    "drzewo": ("WOS", "Drzewo rośnie na działce miejskiej przy rzece – decyzję o wycince wydaje WOS."),
}
HAND_BACKS = [
    "Teren należy do Spółdzielni Mieszkaniowej „Przyszłość”, nie do miasta – proszę o przekazanie zarządcy.",
    "To droga wojewódzka nr 579 – zarządcą jest Mazowiecki Zarząd Dróg Wojewódzkich.",
    "Wskazane miejsce jest poza naszym rejonem; proszę o ustalenie właściwej jednostki.",
    "Działka prywatna (wg mapy ewidencyjnej) – nie możemy tam prowadzić prac.",
]
REJECTIONS = [
    "Wskazany teren nie należy do miasta – jest własnością Spółdzielni Mieszkaniowej „Przyszłość”, "
    "do której przekazaliśmy informację.",
    "Podczas oględzin nie stwierdziliśmy opisanego problemu. Jeśli się powtórzy, prosimy o zgłoszenie "
    "ze zdjęciem.",
    "Zgłoszenie dotyczy drogi wojewódzkiej; przekazaliśmy je Mazowieckiemu Zarządowi Dróg Wojewódzkich.",
    "Opis nie pozwala ustalić miejsca. Prosimy o nowe zgłoszenie z adresem lub punktem na mapie.",
    "Sprawa dotyczy sporu sąsiedzkiego i nie należy do zadań miasta.",
    "Miejsce jest na terenie budowy; za porządek odpowiada wykonawca, którego wezwaliśmy do usunięcia "
    "usterki.",
]
NOTES = [
    "Oględziny zaplanowane na czwartek, brygada nr 2.",
    "Zamówiona część u dostawcy, czas oczekiwania ok. tygodnia.",
    "Wykonawca potwierdził termin telefonicznie.",
    "Sprawdzić na mapie ewidencyjnej, czy to nie teren spółdzielni.",
    "Do ujęcia w zbiorczym zleceniu na przyszły tydzień.",
    "Mieszkaniec dzwonił też na infolinię – to to samo miejsce.",
    "Zdjęcia z oględzin w dokumentacji wykonawcy, protokół nr 118/2026.",
    "Prace wymagają zajęcia pasa drogowego – wniosek złożony.",
]
CITIZEN_ADDITIONS = [
    "Dodaję zdjęcie zrobione dziś rano.",
    "Problem jest coraz większy – dziś prawie doszło do wypadku.",
    "Czy wiadomo już, kiedy ktoś się tym zajmie?",
    "Dziękuję za informację. Dodam, że sytuacja powtarza się co kilka dni.",
    "Sąsiedzi też to zgłaszali telefonicznie, dołączam się do ich prośby.",
]
CITIZEN_REOPENINGS = [
    "Niestety problem wrócił – wygląda to tak samo jak przed zgłoszeniem.",
    "Naprawa wytrzymała dwa dni, usterka się powtórzyła.",
    "Usunięto tylko część, reszta nadal jest na miejscu.",
]
STAFF_REOPENINGS = [
    "Mieszkaniec zadzwonił, że usterka się powtórzyła – wracamy do sprawy.",
    "Kontrola po odbiorze prac wykazała usterki; wykonawca musi je poprawić.",
]
PHONE_NOTE = "Zgłoszenie przyjęte telefonicznie przez dyżurnego."
#: An approver sends a reply back: (comment, the sentence added in the next version).
REPLY_RETURNS = [
    (
        "Proszę dopisać, kiedy prace zostaną zakończone.",
        "Prace zakończymy najpóźniej w ciągu 7 dni roboczych.",
    ),
    (
        "Dodajmy numer do dyżurnego, gdyby problem wrócił.",
        "Jeśli problem się powtórzy, prosimy o kontakt z dyżurnym pod numerem 22 100 20 40.",
    ),
    (
        "Podziękujmy za zdjęcia – bardzo pomogły ekipie.",
        "Dziękujemy też za zdjęcia – ułatwiły ekipie szybkie znalezienie miejsca.",
    ),
]
REPLY = (
    "Dzień dobry,\n\ndziękujemy za zgłoszenie nr {number} ({category}, {place}). {text}\n\n"
    "Z poważaniem\n{unit}"
)

# The report page
PAGE_TITLE, PAGE_SLUG = "Zgłoś problem", "zglos-problem"
PAGE_INTRO = (
    "<p>Nie świeci latarnia, w jezdni jest dziura, ktoś wyrzucił gruz do lasu? Zgłoś to tutaj – sprawa "
    "trafi prosto do jednostki miejskiej albo spółki, która może problem usunąć. Po wysłaniu dostaniesz "
    "numer zgłoszenia i prywatny link, pod którym sprawdzisz, co się dzieje, i przeczytasz naszą "
    "odpowiedź.</p>"
    "<p><b>W sytuacji zagrożenia życia lub zdrowia dzwoń pod numer alarmowy 112.</b> Awarie wodociągowe "
    "zgłaszaj też całodobowo pod numerem 994, a interwencje Straży Miejskiej pod numerem 986.</p>"
)
PAGE_PRIVACY = (
    "<p><b>Administrator danych.</b> Administratorem Pani/Pana danych osobowych jest Prezydent Miasta "
    "Wierzbin, pl. Wolności 1, 05-800 Wierzbin.</p>"
    "<p><b>Inspektor ochrony danych.</b> Kontakt: iod@um.wierzbin.pl, tel. 22 100 20 30.</p>"
    "<p><b>Cel i podstawa.</b> Dane przetwarzamy, aby rozpatrzyć zgłoszenie i poinformować o jego "
    "załatwieniu (art. 6 ust. 1 lit. e RODO w związku z ustawą o samorządzie gminnym).</p>"
    "<p><b>Odbiorcy.</b> Jednostki miejskie i spółki komunalne, które usuwają zgłoszony problem, oraz "
    "dostawcy usług informatycznych urzędu. Zdjęcia przechowujemy bez metadanych, w tym bez lokalizacji "
    "z aparatu.</p>"
    "<p><b>Okres przechowywania.</b> 2 lata od zakończenia sprawy, a potem zgodnie z przepisami "
    "o archiwizacji.</p>"
    "<p><b>Prawa.</b> Ma Pani/Pan prawo dostępu do danych, ich sprostowania, ograniczenia przetwarzania "
    "i sprzeciwu oraz skargi do Prezesa Urzędu Ochrony Danych Osobowych. Podanie danych kontaktowych "
    "jest dobrowolne, ale bez adresu e-mail nie wyślemy potwierdzenia ani odpowiedzi.</p>"
)
PAGE_THANKS = (
    "<p>Dziękujemy! Zgłoszenie trafiło do urzędu. Zachowaj numer sprawy i link do statusu – zobaczysz "
    "tam postęp prac i naszą odpowiedź. Jeśli podałeś adres e-mail, wysłaliśmy na niego potwierdzenie.</p>"
)
