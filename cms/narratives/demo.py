"""Demo narratives: the city of Wierzbin's positions on a dozen topics, in every status.

Called by ``manage.py seed_demo`` after the units and users exist; does nothing when
the demo narratives are already there. The narratives go in through the bulk importer
(cms.narratives.importer), then get their owners, sources, related positions and dates
relative to today, so that most are active, some are due for review, some have
expired, a few are drafts and one is not in force yet.
"""

import datetime
import json
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from cms.core.models import Topic
from cms.narratives import importer
from cms.narratives.models import Narrative, NarrativeSource, RelatedNarrative
from cms.narratives.status import LABELS
from search import connection

SITE = "https://wierzbin.pl/"

TOPICS = [
    ("Transport", "transport"),
    ("Drogi", "drogi"),
    ("Edukacja", "edukacja"),
    ("Zdrowie", "zdrowie"),
    ("Budżet", "budzet"),
    ("Środowisko", "srodowisko"),
    ("Kultura", "kultura"),
    ("Sport", "sport"),
    ("Mieszkalnictwo", "mieszkalnictwo"),
    ("Bezpieczeństwo", "bezpieczenstwo"),
    ("Cyfryzacja", "cyfryzacja"),
    ("Pomoc społeczna", "pomoc-spoleczna"),
    ("Inwestycje", "inwestycje"),
]

#: Who keeps the positions of each unit true (demo accounts of seed_demo).
OWNERS = {
    "WKT": "barbara.szymanska",
    "ZDM": "barbara.szymanska",
    "MPK": "jan.lewandowski",
    "WE": "ewa.kaczmarek",
    "KP": "magdalena.wisniewska",
    "MOPS": "magdalena.wisniewska",
}
DEFAULT_OWNER = "tomasz.wojcik"

#: States: active, expiring (active, expires within two weeks), review (its review date has
#: passed), expired, draft (not published), upcoming (published, in force from next week).
ACTIVE, EXPIRING, REVIEW, EXPIRED, DRAFT, UPCOMING = (
    "active",
    "expiring",
    "review",
    "expired",
    "draft",
    "upcoming",
)

# (key, state, unit, topics, tags, title, summary, body (paragraphs split by blank lines),
#  sources [(title, path on wierzbin.pl)], related keys)
NARRATIVES = [
    # Transport
    (
        "tramwaj", ACTIVE, "MPK", "transport inwestycje", "tramwaje, Zielone Wzgórza",
        "Tramwaj na Zielone Wzgórza – harmonogram budowy",
        "Nowa linia tramwajowa na Zielone Wzgórza będzie miała 4,2 km i sześć przystanków. "
        "Pierwsi pasażerowie pojadą nią w grudniu 2028 roku.",
        "Umowę z wykonawcą o wartości 312 mln zł miasto podpisało w listopadzie. 60 proc. kosztów pokryją "
        "fundusze europejskie z programu FEnIKS.\n\n"
        "Budowa ruszy w marcu 2027 roku od pętli przy ul. Jaśminowej. Prace przy skrzyżowaniu z ul. Długą "
        "zaplanowano na wakacje 2027, gdy ruch jest mniejszy.\n\n"
        "Na czas budowy linię autobusową 17 wydłużymy do osiedla Zielone Wzgórza; autobusy pojadą co 7 minut "
        "w godzinach szczytu.",
        [("Umowa na budowę linii tramwajowej", "inwestycje/tramwaj-zielone-wzgorza")],
        ["dluga", "autobusy"],
    ),
    (
        "bilety", ACTIVE, "MPK", "transport", "bilety, ceny",
        "Ceny biletów komunikacji miejskiej w 2027 roku",
        "Ceny biletów jednorazowych i miesięcznych w 2027 roku się nie zmienią. "
        "Bilet jednorazowy nadal kosztuje 4,40 zł, a miesięczny 110 zł.",
        "Rada Miasta nie zmieniła uchwały taryfowej. Rosnące koszty energii trakcyjnej, o około 11 mln zł "
        "rocznie, pokryje budżet miasta.\n\n"
        "Bezpłatnie jeżdżą nadal dzieci do 7 lat, seniorzy od 70 lat i uczniowie wierzbińskich szkół "
        "podstawowych z ważną legitymacją.",
        [("Uchwała taryfowa", "mpk/taryfa")],
        [],
    ),
    (
        "nocne", EXPIRED, "MPK", "transport", "autobusy nocne, rozkład jazdy",
        "Nocne linie autobusowe – zmiany od września",
        "Od 1 września nocne linie N1 i N2 jeździły co 30 minut zamiast co godzinę.",
        "Zmiana była odpowiedzią na wyniki ankiety, w której 2300 mieszkańców wskazało nocne połączenia "
        "jako najważniejsze do poprawy.\n\n"
        "Nowy rozkład obowiązywał do końca okresu próbnego; decyzję o dalszym kursowaniu "
        "podejmie zarząd MPK.",
        [("Rozkład linii nocnych", "mpk/linie-nocne")],
        [],
    ),
    (
        "spp", DRAFT, "WKT", "transport", "parkowanie, Śródmieście",
        "Strefa Płatnego Parkowania w Śródmieściu Północnym",
        "Miasto proponuje objąć strefą płatnego parkowania 14 ulic Śródmieścia Północnego. "
        "Mieszkańcy otrzymają abonament za 30 zł rocznie.",
        "Z pomiarów Zarządu Dróg Miejskich wynika, że w godzinach 8–16 zajętych jest 97 proc. miejsc, "
        "a co trzeci samochód parkuje dłużej niż 6 godzin.\n\n"
        "Projekt uchwały trafi pod obrady Rady Miasta w styczniu. Przed głosowaniem odbędą się dwa spotkania "
        "konsultacyjne w Szkole Podstawowej nr 3.",
        [("Konsultacje: Strefa Płatnego Parkowania", "konsultacje/spp-srodmiescie")],
        [],
    ),
    (
        "rower", REVIEW, "WKT", "transport", "rower miejski",
        "Wierzbiński Rower Miejski – sezon i zasady",
        "Wierzbiński Rower Miejski działa od 1 marca do 30 listopada. Pierwsze 20 minut każdego "
        "wypożyczenia jest bezpłatne.",
        "W systemie jest 650 rowerów, w tym 80 elektrycznych, na 74 stacjach. W ubiegłym sezonie "
        "zarejestrowano 412 tys. wypożyczeń.\n\n"
        "Operatorem systemu do 2028 roku jest firma wyłoniona w przetargu; miasto płaci 3,1 mln zł rocznie.",
        [("Regulamin Wierzbińskiego Roweru Miejskiego", "transport/rower-miejski")],
        [],
    ),
    (
        "autobusy", ACTIVE, "MPK", "transport inwestycje", "autobusy elektryczne, ekologia",
        "Zakup 24 autobusów elektrycznych",
        "Do końca 2027 roku MPK kupi 24 autobusy elektryczne. Zastąpią najstarsze pojazdy z silnikami "
        "Diesla, które jeżdżą po mieście od 2006 roku.",
        "Zakup kosztuje 86 mln zł; 70 proc. tej kwoty pokryje dofinansowanie z Narodowego Funduszu Ochrony "
        "Środowiska.\n\n"
        "Pierwsze osiem autobusów wyjedzie na linie 4 i 12 jesienią. W zajezdni przy ul. Przemysłowej "
        "powstaje 12 stanowisk ładowania.",
        [("Przetarg na autobusy elektryczne", "mpk/autobusy-elektryczne")],
        [],
    ),
    (
        "park-ride", ACTIVE, "WKT", "transport", "parkingi, Park & Ride",
        "Parkingi Park & Ride przy pętlach tramwajowych",
        "Przy pętlach Jaśminowa i Dworzec Wschodni powstaną parkingi Park & Ride na 420 samochodów. "
        "Z ważnym biletem miesięcznym parkowanie będzie bezpłatne.",
        "Parkingi są częścią projektu budowy tramwaju na Zielone Wzgórza. Będą miały 40 miejsc dla rowerów "
        "i 16 stanowisk ładowania samochodów elektrycznych.\n\n"
        "Bez biletu MPK postój kosztuje 3 zł za dzień.",
        [("Parkingi Park & Ride", "transport/park-and-ride")],
        ["tramwaj"],
    ),
    # Roads
    (
        "dluga", ACTIVE, "ZDM", "drogi transport", "remonty, objazdy, ul. Długa",
        "Przebudowa ul. Długiej – harmonogram i objazdy",
        "Przebudowa ul. Długiej potrwa do 30 czerwca. Autobusy linii 4, 12 i 17 jeżdżą objazdem "
        "przez ul. Ogrodową.",
        "Wymieniamy nawierzchnię, 1,2 km sieci wodociągowej i oświetlenie. Wzdłuż ulicy powstanie "
        "dwukierunkowa droga dla rowerów i 46 nowych drzew.\n\n"
        "Prace podzielono na trzy etapy, żeby zawsze był dojazd do posesji. Obecnie trwa etap od Placu "
        "Wolności do ul. Kościuszki.\n\n"
        "Koszt inwestycji to 38,4 mln zł.",
        [("Mapa objazdów", "drogi/dluga-objazdy"), ("Harmonogram prac", "drogi/dluga-harmonogram")],
        ["tramwaj"],
    ),
    (
        "most", REVIEW, "ZDM", "drogi inwestycje", "mosty, remonty",
        "Remont mostu Zwierzynieckiego",
        "Most Zwierzyniecki jest bezpieczny. Ograniczenie tonażu do 18 ton obowiązuje do czasu remontu, "
        "który zaplanowano na 2027 rok.",
        "Przegląd techniczny wykazał korozję łożysk i uszkodzenia izolacji płyty pomostu. Konstrukcja "
        "nośna jest w dobrym stanie.\n\n"
        "Dokumentacja projektowa będzie gotowa w kwietniu; remont ma kosztować około 24 mln zł.",
        [("Wyniki przeglądu mostu", "drogi/most-zwierzyniecki")],
        [],
    ),
    (
        "zima", ACTIVE, "ZDM", "drogi", "zima, odśnieżanie",
        "Zimowe utrzymanie dróg – standardy odśnieżania",
        "Ulice z trasami autobusów i tramwajów są przejezdne najpóźniej trzy godziny po ustaniu opadów. "
        "Zgłoszenia przyjmuje całodobowo numer 986.",
        "Zimą w gotowości jest 48 pługopiaskarek i 30 pojazdów do odśnieżania chodników. Służby dbają "
        "o 620 km ulic, chodników i dróg dla rowerów.\n\n"
        "Ulice osiedlowe odśnieżamy w drugiej kolejności, do 12 godzin po ustaniu opadów.",
        [("Zimowe utrzymanie dróg", "drogi/zima")],
        [],
    ),
    (
        "ubytki", EXPIRED, "ZDM", "drogi", "nawierzchnie, zgłoszenia",
        "Naprawy nawierzchni po zimie – jak zgłaszać ubytki",
        "Ubytki w jezdni można zgłaszać przez aplikację Wierzbin lub pod numerem 986. "
        "Naprawiamy je w ciągu 7 dni.",
        "Po zimie ekipy Zarządu Dróg Miejskich załatały 3400 ubytków. Na naprawy miasto przeznaczyło "
        "2,6 mln zł.\n\n"
        "Kierowca, któremu ubytek uszkodził samochód, może zgłosić szkodę do ubezpieczyciela miasta.",
        [("Zgłoś ubytek w jezdni", "zgloszenia/drogi")],
        ["aplikacja"],
    ),
    (
        "obwodnica", ACTIVE, "WIM", "drogi inwestycje", "obwodnica, GDDKiA",
        "Obwodnica północna – stanowisko miasta wobec wariantu przebiegu",
        "Miasto popiera wariant II obwodnicy północnej, który omija osiedle Łąki Młyńskie. "
        "Decyzję o przebiegu podejmie Generalna Dyrekcja Dróg Krajowych i Autostrad.",
        "Wariant II jest o 1,8 km dłuższy, ale nie wymaga wyburzenia żadnego budynku mieszkalnego.\n\n"
        "Stanowisko Rady Miasta przekazaliśmy GDDKiA w trakcie konsultacji społecznych. "
        "Budowa obwodnicy nie jest finansowana z budżetu miasta.",
        [("Stanowisko Rady Miasta w sprawie obwodnicy", "rada/uchwaly/obwodnica-polnocna")],
        [],
    ),
    (
        "tempo30", UPCOMING, "ZDM", "drogi bezpieczenstwo", "prędkość, osiedla",
        "Ograniczenie prędkości do 30 km/h na osiedlach",
        "Od przyszłego tygodnia na 86 ulicach osiedlowych obowiązuje ograniczenie prędkości do 30 km/h. "
        "Główne ulice pozostają bez zmian.",
        "Ograniczenie obejmuje ulice w pobliżu szkół, przedszkoli i placów zabaw. Ustawiamy 240 nowych "
        "znaków i 38 progów zwalniających.\n\n"
        "W miastach, które wprowadziły podobne strefy, liczba wypadków z udziałem pieszych spadła o około "
        "jedną trzecią.",
        [("Mapa stref tempo 30", "drogi/tempo-30")],
        ["monitoring"],
    ),
    # Education
    (
        "szkoly", ACTIVE, "WE", "edukacja", "sieć szkół, oświata",
        "Sieć szkół podstawowych – żadna szkoła nie zostanie zamknięta",
        "Miasto nie planuje zamykania ani łączenia szkół podstawowych. W roku szkolnym 2026/2027 działa "
        "29 miejskich szkół podstawowych.",
        "Liczba uczniów w klasach pierwszych spada, ale w szkołach na Zielonych Wzgórzach i Łąkach Młyńskich "
        "brakuje miejsc. Dlatego rozbudowujemy Szkołę Podstawową nr 12.\n\n"
        "Subwencja oświatowa pokrywa 62 proc. wydatków na szkoły; resztę, 214 mln zł, dokłada miasto.",
        [("Uchwała w sprawie sieci szkół", "edukacja/siec-szkol")],
        ["sp12"],
    ),
    (
        "przedszkola", ACTIVE, "WE", "edukacja", "rekrutacja, przedszkola",
        "Rekrutacja do przedszkoli 2027/2028",
        "Wnioski o przyjęcie do miejskich przedszkoli można składać od 1 do 21 marca 2027 roku. "
        "Miejsc wystarczy dla wszystkich dzieci z Wierzbina.",
        "Rekrutacja odbywa się przez internet. W każdej dzielnicy działa punkt konsultacyjny, w którym "
        "pracownicy pomogą wypełnić wniosek.\n\n"
        "W tym roku do dyspozycji jest 4860 miejsc w 52 przedszkolach.",
        [("Rekrutacja do przedszkoli", "edukacja/rekrutacja-przedszkola")],
        [],
    ),
    (
        "sp12", REVIEW, "WIM", "edukacja inwestycje", "SP 12, rozbudowa, Zielone Wzgórza",
        "Rozbudowa Szkoły Podstawowej nr 12 na Zielonych Wzgórzach",
        "Nowe skrzydło Szkoły Podstawowej nr 12 z 16 salami i salą gimnastyczną ma być gotowe do "
        "września 2027 roku. Dzięki temu szkoła przestanie pracować na dwie zmiany.",
        "Rozbudowa kosztuje 27,5 mln zł. Wykonawca realizuje prace zgodnie z harmonogramem; stan surowy "
        "zamknięty osiągnięto w październiku.\n\n"
        "Na czas budowy boisko szkolne jest zamknięte, a lekcje wychowania fizycznego odbywają się "
        "w hali przy ul. Sportowej.",
        [("Rozbudowa SP 12", "inwestycje/sp12")],
        ["szkoly"],
    ),
    (
        "posilki", ACTIVE, "WE", "edukacja pomoc-spoleczna", "posiłki, uczniowie",
        "Bezpłatne posiłki dla uczniów klas I–III",
        "Wszyscy uczniowie klas I–III miejskich szkół podstawowych jedzą obiady bezpłatnie. "
        "Program kosztuje miasto 9,8 mln zł rocznie.",
        "Z obiadów korzysta codziennie 6100 dzieci. Jadłospisy układa dietetyk, a co miesiąc "
        "sprawdza je Miejski Ośrodek Pomocy Społecznej.\n\n"
        "Rodzice nie muszą składać żadnych wniosków – wystarczy zapisać dziecko w sekretariacie szkoły.",
        [("Bezpłatne obiady w szkołach", "edukacja/obiady")],
        [],
    ),
    (
        "nauczyciele", EXPIRED, "WE", "edukacja budzet", "nauczyciele, wynagrodzenia",
        "Dodatki dla nauczycieli – stanowisko w sprawie regulaminu wynagradzania",
        "Miasto podniosło dodatek za wychowawstwo do 400 zł miesięcznie. Regulamin uzgodniono "
        "ze związkami zawodowymi.",
        "Nowy regulamin obowiązywał w poprzednim roku szkolnym. Koszt podwyżki dodatków wyniósł "
        "4,2 mln zł.\n\n"
        "Rozmowy o regulaminie na kolejny rok szkolny trwają.",
        [("Regulamin wynagradzania nauczycieli", "edukacja/regulamin-wynagradzania")],
        [],
    ),
    (
        "tablice", ACTIVE, "WE", "edukacja cyfryzacja", "szkoły, sprzęt",
        "Interaktywne monitory we wszystkich szkołach podstawowych",
        "Do końca roku szkolnego każda sala lekcyjna w miejskich szkołach podstawowych będzie miała "
        "interaktywny monitor. Miasto kupiło 640 urządzeń.",
        "Zakup kosztował 7,4 mln zł, z czego 5 mln zł pochodziło z rządowego programu Aktywna Tablica.\n\n"
        "Nauczyciele przechodzą szkolenia w Miejskim Ośrodku Doskonalenia Nauczycieli.",
        [("Aktywna Tablica w Wierzbinie", "edukacja/aktywna-tablica")],
        [],
    ),
    # Health
    (
        "sor", ACTIVE, "KP", "zdrowie inwestycje", "szpital, SOR",
        "Szpital Miejski – modernizacja SOR",
        "Szpitalny Oddział Ratunkowy w Szpitalu Miejskim przy ul. Szpitalnej działa przez cały czas "
        "modernizacji. Prace potrwają do października.",
        "Modernizacja kosztuje 19 mln zł. Powstaje nowa strefa segregacji pacjentów i sala resuscytacyjna "
        "na cztery stanowiska.\n\n"
        "Na czas prac wejście na SOR prowadzi od ul. Klonowej; karetki dojeżdżają bez zmian.",
        [("Modernizacja SOR", "zdrowie/sor")],
        ["nocna-pomoc"],
    ),
    (
        "grypa", EXPIRED, "KP", "zdrowie", "szczepienia, seniorzy",
        "Bezpłatne szczepienia przeciw grypie dla seniorów",
        "Mieszkańcy Wierzbina po 65. roku życia mogli się bezpłatnie zaszczepić przeciw grypie w 18 "
        "przychodniach.",
        "Program trwał od października do lutego. Skorzystało z niego 7900 osób, o 1200 więcej "
        "niż rok wcześniej.\n\n"
        "Miasto przeznaczyło na szczepienia 600 tys. zł.",
        [("Szczepienia przeciw grypie", "zdrowie/szczepienia-grypa")],
        ["karta-seniora"],
    ),
    (
        "nieplodnosc", ACTIVE, "KP", "zdrowie", "program zdrowotny",
        "Miejski program wsparcia leczenia niepłodności",
        "Miasto dofinansowuje leczenie niepłodności kwotą do 6 tys. zł na jedną procedurę. "
        "Program jest przewidziany do 2028 roku.",
        "Z programu może skorzystać para, w której przynajmniej jedna osoba mieszka w Wierzbinie od roku. "
        "Rocznie na dofinansowanie przeznaczamy 800 tys. zł.\n\n"
        "Wnioski przyjmują dwie kliniki wyłonione w konkursie.",
        [("Program zdrowotny", "zdrowie/program-leczenia-nieplodnosci")],
        [],
    ),
    (
        "nocna-pomoc", REVIEW, "KP", "zdrowie", "nocna opieka, przychodnie",
        "Nocna i świąteczna opieka zdrowotna – gdzie szukać pomocy",
        "W nocy, w weekendy i w święta pomocy udzielają przychodnie przy ul. Szpitalnej 4 i ul. Lipowej 12. "
        "W nagłych wypadkach należy dzwonić pod numer 112.",
        "Nocna i świąteczna opieka działa w dni powszednie od 18:00 do 8:00 rano, a w weekendy i święta "
        "całą dobę.\n\n"
        "Lekarza można też wezwać do domu, jeśli pacjent nie może dojechać do przychodni.",
        [("Nocna i świąteczna opieka zdrowotna", "zdrowie/nocna-opieka")],
        ["sor"],
    ),
    (
        "mammobus", DRAFT, "KP", "zdrowie", "profilaktyka, mammografia",
        "Mammobus na osiedlach – bezpłatna mammografia",
        "W maju mammobus odwiedzi sześć osiedli. Bezpłatne badanie mogą wykonać kobiety w wieku 45–74 lat.",
        "Badanie finansuje Narodowy Fundusz Zdrowia; miasto opłaca dojazd i kampanię informacyjną.\n\n"
        "Na badanie trzeba się zapisać telefonicznie; harmonogram postojów opublikujemy w kwietniu.",
        [],
        [],
    ),
    # Budget
    (
        "budzet-2027", ACTIVE, "KP", "budzet", "budżet 2027, inwestycje",
        "Projekt budżetu na 2027 rok – najważniejsze liczby",
        "Projekt budżetu Wierzbina na 2027 rok zakłada 2,14 mld zł dochodów i 2,31 mld zł wydatków. "
        "Na inwestycje przeznaczamy rekordowe 512 mln zł.",
        "Deficyt w wysokości 170 mln zł pokryją obligacje i kredyt w Europejskim Banku Inwestycyjnym.\n\n"
        "Największe inwestycje to tramwaj na Zielone Wzgórza, przebudowa ul. Długiej i rozbudowa "
        "Szkoły Podstawowej nr 12.\n\n"
        "Rada Miasta zagłosuje nad budżetem na sesji 18 grudnia.",
        [("Projekt budżetu na 2027 rok", "budzet/2027")],
        ["dlug", "tramwaj"],
    ),
    (
        "dlug", ACTIVE, "KP", "budzet", "zadłużenie, RIO",
        "Zadłużenie miasta – stanowisko wobec raportu RIO",
        "Zadłużenie Wierzbina wynosi 41 proc. dochodów i jest bezpieczne. Regionalna Izba Obrachunkowa "
        "pozytywnie zaopiniowała wieloletnią prognozę finansową.",
        "Miasto spłaca długi zgodnie z harmonogramem, a wskaźnik obsługi zadłużenia mieści się w limicie "
        "ustawowym z zapasem 4 punktów procentowych.\n\n"
        "Zadłużenie rośnie, bo miasto korzysta z funduszy europejskich, które wymagają wkładu własnego.",
        [("Opinia RIO o prognozie finansowej", "budzet/opinia-rio")],
        ["budzet-2027", "obligacje"],
    ),
    (
        "bo", ACTIVE, "KP", "budzet", "budżet obywatelski, konsultacje",
        "Budżet obywatelski 2027 – zasady i terminy",
        "W budżecie obywatelskim 2027 mieszkańcy zdecydują o 18 mln zł. Projekty można zgłaszać do 31 marca.",
        "Projekt może zgłosić każdy mieszkaniec Wierzbina; potrzeba 20 podpisów poparcia. Głosowanie "
        "odbędzie się we wrześniu.\n\n"
        "W ubiegłej edycji zagłosowało 41 tys. osób – najwięcej w historii miasta.",
        [("Budżet obywatelski", "budzet-obywatelski")],
        [],
    ),
    (
        "podatki", REVIEW, "KP", "budzet", "podatki lokalne",
        "Stawki podatku od nieruchomości na 2027 rok",
        "Stawka podatku od mieszkań i domów wzrośnie o 3 gr, do 1,15 zł za metr kwadratowy. "
        "Dla właściciela mieszkania o powierzchni 50 m² oznacza to 1,50 zł więcej rocznie.",
        "Stawki rosną o wskaźnik inflacji ogłoszony przez Ministra Finansów. Są niższe od maksymalnych "
        "dopuszczalnych o 12 proc.\n\n"
        "Dzięki podwyżce budżet miasta zyska około 2,3 mln zł.",
        [("Uchwała w sprawie stawek podatku", "budzet/podatki-2027")],
        [],
    ),
    (
        "obligacje", DRAFT, "KP", "budzet", "obligacje",
        "Emisja obligacji komunalnych na 120 mln zł",
        "Miasto planuje wyemitować obligacje komunalne o wartości 120 mln zł. Pieniądze sfinansują "
        "wkład własny do projektów unijnych.",
        "Obligacje zostaną wykupione w latach 2032–2040. Agentem emisji będzie bank wybrany w przetargu.\n\n"
        "Projekt uchwały trafi pod obrady Rady Miasta w lutym.",
        [],
        ["dlug"],
    ),
    # Environment and flood protection
    (
        "powodz", ACTIVE, "WOS", "srodowisko bezpieczenstwo", "powódź, Wierzbinka, retencja",
        "Ochrona przeciwpowodziowa doliny Wierzbinki",
        "Wały na Wierzbince chronią miasto przed wodą stuletnią. Po powodzi z 2010 roku podwyższyliśmy "
        "je na długości 7,4 km.",
        "Stan rzeki jest mierzony co 15 minut na trzech wodowskazach; dane są publicznie dostępne na "
        "stronie miasta.\n\n"
        "Gdy poziom wody przekroczy stan ostrzegawczy, Miejskie Centrum Zarządzania Kryzysowego wysyła "
        "komunikaty SMS do zapisanych mieszkańców.\n\n"
        "Do 2028 roku powstanie zbiornik retencyjny Łąki Młyńskie, który zmniejszy falę powodziową "
        "o 30 proc.",
        [("Stany wody na Wierzbince", "bezpieczenstwo/wodowskazy")],
        ["zbiornik", "alarm"],
    ),
    (
        "zbiornik", ACTIVE, "WOS", "srodowisko inwestycje", "retencja, Łąki Młyńskie",
        "Zbiornik retencyjny Łąki Młyńskie",
        "Zbiornik Łąki Młyńskie pomieści 1,2 mln m³ wody. Przez większą część roku będzie suchym polderem "
        "z łąkami i ścieżkami spacerowymi.",
        "Koszt budowy to 64 mln zł, z czego 51 mln zł pokryją Wody Polskie.\n\n"
        "Budowa ruszy wiosną 2027 roku i potrwa dwa lata.",
        [("Zbiornik retencyjny Łąki Młyńskie", "srodowisko/zbiornik-laki-mlynskie")],
        ["powodz"],
    ),
    (
        "piece", EXPIRING, "WOS", "srodowisko", "smog, dotacje, ogrzewanie",
        "Program wymiany pieców – dotacje 2026",
        "Na wymianę starego pieca na pompę ciepła lub podłączenie do sieci ciepłowniczej miasto daje "
        "do 15 tys. zł. Wnioski przyjmujemy do końca naboru.",
        "W Wierzbinie pracuje jeszcze około 2100 pieców na węgiel i drewno niespełniających norm.\n\n"
        "Od początku programu wymieniono 3400 pieców, a stężenie pyłu PM10 zimą spadło o jedną czwartą.",
        [("Dotacje na wymianę pieców", "srodowisko/wymiana-piecow")],
        [],
    ),
    (
        "ogrodowa", REVIEW, "WOS", "srodowisko drogi", "drzewa, ul. Ogrodowa",
        "Wycinka drzew przy ul. Ogrodowej – wyjaśnienia",
        "Przy ul. Ogrodowej usunięto 14 drzew, z których 11 było chorych lub zagrażało przechodniom. "
        "W ich miejsce posadzimy 42 nowe drzewa.",
        "Stan drzew ocenił dendrolog; jego opinia jest dostępna na stronie miasta.\n\n"
        "Nowe drzewa – lipy i klony – posadzimy jesienią, po zakończeniu przebudowy chodnika.",
        [("Opinia dendrologiczna", "srodowisko/ogrodowa-opinia")],
        ["dluga"],
    ),
    (
        "woda", ACTIVE, "MPWIK", "srodowisko zdrowie", "woda, wodociągi",
        "Jakość wody w wodociągu miejskim",
        "Woda z wierzbińskich wodociągów nadaje się do picia bez przegotowania. Badania sanepidu "
        "potwierdzają to co miesiąc.",
        "MPWiK bada wodę w 42 punktach sieci. Wyniki są publikowane na stronie przedsiębiorstwa.\n\n"
        "W razie przekroczenia norm mieszkańcy dostaną komunikat SMS i informację na stronie miasta.",
        [("Wyniki badań wody", "mpwik/jakosc-wody")],
        [],
    ),
    (
        "taryfa", DRAFT, "MPWIK", "srodowisko budzet", "woda, ceny",
        "Taryfa za wodę i ścieki – wniosek MPWiK",
        "MPWiK wystąpiło do Wód Polskich o zatwierdzenie nowej taryfy. Proponowany wzrost to 38 gr "
        "za metr sześcienny wody i ścieków.",
        "Przeciętne gospodarstwo domowe zapłaciłoby około 4 zł więcej miesięcznie.\n\n"
        "O nowej taryfie zdecydują Wody Polskie; miasto nie ma wpływu na ich decyzję.",
        [],
        ["woda"],
    ),
    (
        "pszok", ACTIVE, "ZGO", "srodowisko", "odpady, segregacja, PSZOK",
        "Segregacja odpadów – nowe punkty PSZOK",
        "Od kwietnia działają dwa nowe Punkty Selektywnej Zbiórki Odpadów Komunalnych: przy ul. Polnej "
        "i ul. Przemysłowej. Mieszkańcy oddają w nich odpady bezpłatnie.",
        "W PSZOK można zostawić meble, elektroodpady, opony i gruz z drobnych remontów.\n\n"
        "Punkty są otwarte od wtorku do soboty w godzinach 10–18.",
        [("Punkty Selektywnej Zbiórki Odpadów", "odpady/pszok")],
        ["oplata-odpady"],
    ),
    (
        "oplata-odpady", ACTIVE, "ZGO", "srodowisko budzet", "odpady, opłaty",
        "Opłata za odbiór odpadów od 1 stycznia",
        "Od 1 stycznia opłata za odbiór odpadów wynosi 34 zł miesięcznie od osoby. "
        "Właściciele domów, którzy kompostują bioodpady, płacą 30 zł.",
        "Opłata pokrywa pełny koszt systemu: odbiór, transport, przetwarzanie i prowadzenie PSZOK. "
        "Miasto nie może na niej zarabiać.\n\n"
        "Koszt przetwarzania tony odpadów wzrósł w ciągu roku o 17 proc.",
        [("Opłata za odpady", "odpady/oplaty")],
        ["pszok"],
    ),
    (
        "park", ACTIVE, "WOS", "srodowisko kultura", "parki, rewitalizacja",
        "Park nad Wierzbinką po rewitalizacji",
        "Park nad Wierzbinką ma nowe alejki, 320 drzew i plac zabaw dostępny dla dzieci "
        "z niepełnosprawnościami.",
        "Rewitalizacja kosztowała 18,6 mln zł; 11 mln zł pochodziło z funduszy europejskich.\n\n"
        "Park jest otwarty całą dobę; w sezonie letnim działa w nim tężnia solankowa.",
        [("Park nad Wierzbinką", "srodowisko/park-nad-wierzbinka")],
        [],
    ),
    (
        "alarm", EXPIRED, "WOS", "srodowisko bezpieczenstwo", "powódź, komunikat",
        "Stan ostrzegawczy na Wierzbince – komunikat",
        "Poziom Wierzbinki przekroczył stan ostrzegawczy na wodowskazie Młyńska. Zagrożenia dla zabudowy "
        "nie było.",
        "Służby miejskie monitorowały wały przez całą dobę. Zamknięto bulwar nad rzeką między mostem "
        "Zwierzynieckim a ul. Młyńską.\n\n"
        "Stan ostrzegawczy odwołano po trzech dniach.",
        [("Komunikaty Centrum Zarządzania Kryzysowego", "bezpieczenstwo/komunikaty")],
        ["powodz"],
    ),
    # Culture
    (
        "jarmark", EXPIRED, "KP", "kultura", "jarmark, Rynek, święta",
        "Jarmark Bożonarodzeniowy na Rynku",
        "Jarmark Bożonarodzeniowy na Rynku trwał od 6 do 23 grudnia. Na 80 stoiskach sprzedawano rękodzieło "
        "i regionalne produkty.",
        "Jarmark odwiedziło około 190 tys. osób. Koszt organizacji, 1,1 mln zł, w połowie pokryły opłaty "
        "od wystawców.\n\n"
        "Lodowisko na Rynku było czynne do końca ferii zimowych.",
        [("Jarmark Bożonarodzeniowy", "kultura/jarmark")],
        [],
    ),
    (
        "teatr", ACTIVE, "WIM", "kultura inwestycje", "Teatr Miejski, remont",
        "Remont Teatru Miejskiego im. Bogusławskiego",
        "Teatr Miejski wraca na scenę przy ul. Teatralnej w listopadzie 2027 roku. Do tego czasu spektakle "
        "odbywają się w sali Centrum Kultury Zamek.",
        "Remont obejmuje wymianę maszynerii sceny, klimatyzację i dostosowanie budynku dla osób "
        "z niepełnosprawnościami. Kosztuje 46 mln zł.\n\n"
        "Podczas prac odkryto polichromie z 1908 roku; ich konserwacja wydłużyła remont o pół roku.",
        [("Remont Teatru Miejskiego", "inwestycje/teatr")],
        [],
    ),
    (
        "dni-miasta", ACTIVE, "KP", "kultura bezpieczenstwo", "Dni Wierzbina, koncerty",
        "Dni Wierzbina – program i bezpieczeństwo",
        "Dni Wierzbina odbędą się w pierwszy weekend czerwca na Błoniach. Wstęp na wszystkie koncerty "
        "jest bezpłatny.",
        "Na bezpieczeństwo uczestników będzie czuwać 220 pracowników ochrony, Straż Miejska i policja.\n\n"
        "Autobusy linii 4 i 9 pojadą w tych dniach częściej, a ostatnie kursy odjadą z Błoni o 0:30.",
        [("Dni Wierzbina", "kultura/dni-wierzbina")],
        [],
    ),
    (
        "biblioteki", ACTIVE, "KP", "kultura", "biblioteka, osiedla",
        "Nowe filie Biblioteki Miejskiej na osiedlach",
        "W tym roku otworzymy dwie nowe filie Biblioteki Miejskiej: na Zielonych Wzgórzach i na Łąkach "
        "Młyńskich. Będą czynne także w soboty.",
        "Filie powstają w parterach nowych budynków komunalnych. Każda będzie miała strefę dla dzieci "
        "i salę spotkań dla mieszkańców.\n\n"
        "Biblioteka Miejska ma 61 tys. czytelników i 14 filii.",
        [("Biblioteka Miejska", "kultura/biblioteka")],
        [],
    ),
    (
        "muzeum", REVIEW, "KP", "kultura", "muzeum, bilety",
        "Darmowe czwartki w Muzeum Ziemi Wierzbińskiej",
        "W każdy czwartek wstęp na wystawy stałe Muzeum Ziemi Wierzbińskiej jest bezpłatny. "
        "W pozostałe dni bilet normalny kosztuje 18 zł.",
        "Od wprowadzenia darmowych czwartków liczba zwiedzających wzrosła o 35 proc.\n\n"
        "Muzeum jest czynne od wtorku do niedzieli w godzinach 10–18.",
        [("Muzeum Ziemi Wierzbińskiej", "kultura/muzeum")],
        [],
    ),
    # Sport
    (
        "stadion", ACTIVE, "WIM", "sport inwestycje", "stadion, modernizacja",
        "Modernizacja Stadionu Miejskiego przy ul. Sportowej",
        "Stadion Miejski będzie miał zadaszone trybuny na 8,5 tys. widzów. Modernizacja potrwa do lata "
        "2028 roku.",
        "Koszt modernizacji to 96 mln zł. Miasto ubiega się o 30 mln zł dofinansowania z programu "
        "Ministerstwa Sportu.\n\n"
        "Na czas przebudowy drużyna Wierzbinianki rozgrywa mecze na stadionie w Borkach.",
        [("Modernizacja Stadionu Miejskiego", "inwestycje/stadion")],
        ["kluby"],
    ),
    (
        "baseny", ACTIVE, "KP", "sport", "baseny, ceny",
        "Cennik basenów miejskich",
        "Godzina pływania na basenach miejskich kosztuje 16 zł, a z Wierzbińską Kartą Mieszkańca 12 zł. "
        "Dzieci do 7 lat wchodzą bezpłatnie.",
        "Miasto dopłaca do każdego wejścia na basen średnio 9 zł.\n\n"
        "W wakacje uczniowie z Wierzbina pływają bezpłatnie w dni powszednie do 12:00.",
        [("Cennik basenów", "sport/baseny")],
        ["karta-seniora"],
    ),
    (
        "polmaraton", EXPIRED, "ZDM", "sport drogi", "półmaraton, utrudnienia",
        "Półmaraton Wierzbiński – utrudnienia w ruchu",
        "W dniu półmaratonu od 8:00 do 13:00 zamknięte były ulice na trasie biegu. Komunikacja "
        "miejska jeździła objazdami.",
        "W biegu wystartowało 4200 zawodników.\n\n"
        "Mieszkańcy ulic na trasie mogli wyjechać z posesji przed 8:00 lub po otwarciu ulic.",
        [("Półmaraton Wierzbiński – mapa utrudnień", "sport/polmaraton")],
        [],
    ),
    (
        "boiska", ACTIVE, "WE", "sport edukacja", "boiska, szkoły",
        "Boiska szkolne otwarte po lekcjach",
        "Boiska przy 22 szkołach podstawowych są otwarte dla mieszkańców po lekcjach i w weekendy. "
        "Nad porządkiem czuwają animatorzy sportu.",
        "Boiska są czynne od 16:00 do 21:00 w dni powszednie i od 10:00 do 20:00 w weekendy.\n\n"
        "Na animatorów sportu miasto przeznacza 1,3 mln zł rocznie.",
        [("Boiska szkolne", "sport/boiska")],
        [],
    ),
    (
        "kluby", DRAFT, "KP", "sport budzet", "dotacje, kluby sportowe",
        "Dotacje dla klubów sportowych 2027",
        "W 2027 roku kluby sportowe otrzymają 7,5 mln zł dotacji, o 0,5 mln zł więcej niż w tym roku. "
        "Pierwszeństwo mają kluby szkolące dzieci i młodzież.",
        "Konkurs ofert zostanie ogłoszony w styczniu; oceni je komisja z udziałem przedstawicieli "
        "Rady Sportu.\n\n"
        "Kluby zawodowe otrzymają wsparcie tylko na szkolenie grup młodzieżowych.",
        [],
        ["stadion"],
    ),
    # Housing
    (
        "komunalne", ACTIVE, "WGK", "mieszkalnictwo pomoc-spoleczna", "mieszkania komunalne",
        "Mieszkania komunalne – kolejka i zasady przydziału",
        "Na mieszkanie komunalne czeka 640 rodzin. Średni czas oczekiwania to trzy lata.",
        "W tym roku miasto przydzieli 150 mieszkań, w tym 40 w nowych budynkach przy ul. Kolejowej.\n\n"
        "O kolejności decyduje liczba punktów przyznanych według uchwały Rady Miasta, m.in. za dochód "
        "i warunki mieszkaniowe.",
        [("Zasady najmu mieszkań komunalnych", "mieszkania/zasady")],
        ["kolejowa"],
    ),
    (
        "kolejowa", ACTIVE, "WGK", "mieszkalnictwo inwestycje", "mieszkania na wynajem, SIM",
        "Budowa 180 mieszkań na wynajem przy ul. Kolejowej",
        "Społeczna Inicjatywa Mieszkaniowa buduje przy ul. Kolejowej 180 mieszkań na wynajem. "
        "Czynsz wyniesie około 25 zł za metr kwadratowy.",
        "Pierwsi lokatorzy wprowadzą się w marcu 2028 roku. Nabór wniosków ruszy pół roku wcześniej.\n\n"
        "Budowa kosztuje 72 mln zł; 35 proc. pokrywa rządowy Fundusz Dopłat.",
        [("SIM Wierzbin – ul. Kolejowa", "mieszkania/kolejowa")],
        ["komunalne"],
    ),
    (
        "plan-zw", REVIEW, "WUA", "mieszkalnictwo srodowisko", "plan miejscowy, Zielone Wzgórza",
        "Miejscowy plan zagospodarowania Zielonych Wzgórz",
        "Projekt planu miejscowego dla Zielonych Wzgórz ogranicza wysokość nowych budynków do pięciu "
        "kondygnacji i chroni 14 ha terenów zielonych.",
        "Uwagi do projektu złożyło 312 osób i instytucji. Wydział Urbanistyki i Architektury odpowie "
        "na każdą z nich.\n\n"
        "Plan przewiduje miejsce na szkołę, przychodnię i park osiedlowy.",
        [("Projekt planu miejscowego", "urbanistyka/plan-zielone-wzgorza")],
        ["tramwaj"],
    ),
    (
        "kamienice", ACTIVE, "WGK", "mieszkalnictwo", "remonty, kamienice, Śródmieście",
        "Program remontów kamienic w Śródmieściu",
        "W tym roku wyremontujemy elewacje i dachy 12 kamienic komunalnych w Śródmieściu. "
        "Program kosztuje 21 mln zł.",
        "Kamienice wybrano na podstawie oceny stanu technicznego. W czterech z nich wymienimy też instalacje "
        "gazowe.\n\n"
        "Lokatorzy nie muszą się wyprowadzać na czas remontu.",
        [("Remonty kamienic", "mieszkania/remonty")],
        [],
    ),
    # Safety
    (
        "monitoring", ACTIVE, "SM", "bezpieczenstwo cyfryzacja", "monitoring, dane osobowe",
        "Miejski monitoring wizyjny – rozbudowa i ochrona danych",
        "Do końca roku miejski monitoring obejmie 410 kamer. Nagrania są przechowywane przez 30 dni "
        "i udostępniane tylko policji, prokuraturze i sądom.",
        "Nowe kamery stanęły m.in. na Rynku, przy dworcu i w parkach. Operatorzy w centrum monitoringu "
        "pracują całą dobę.\n\n"
        "Przetwarzanie nagrań regulują przepisy o ochronie danych osobowych; inspektor ochrony danych "
        "przeprowadza audyt co rok.",
        [("Monitoring wizyjny", "bezpieczenstwo/monitoring")],
        [],
    ),
    (
        "fajerwerki", EXPIRED, "SM", "bezpieczenstwo", "sylwester, Rynek",
        "Zakaz fajerwerków na Rynku w sylwestra",
        "W noc sylwestrową na Rynku obowiązywał zakaz odpalania fajerwerków. Zamiast pokazu pirotechnicznego "
        "miasto przygotowało pokaz laserowy.",
        "Zakaz wprowadzono ze względu na bezpieczeństwo uczestników i zwierząt.\n\n"
        "Straż Miejska i policja ukarały mandatami 14 osób.",
        [("Sylwester na Rynku", "bezpieczenstwo/sylwester")],
        [],
    ),
    (
        "hulajnogi", ACTIVE, "SM", "bezpieczenstwo transport", "hulajnogi, parkowanie",
        "Hulajnogi elektryczne – strefy parkowania",
        "W Śródmieściu hulajnogi elektryczne z wypożyczalni można zostawiać tylko w 120 wyznaczonych "
        "strefach. Operatorzy płacą za hulajnogę zostawioną poza strefą.",
        "Strefy są oznaczone na chodnikach i w aplikacjach operatorów.\n\n"
        "Źle zaparkowaną hulajnogę można zgłosić przez aplikację Wierzbin; operator ma dwie godziny "
        "na jej przestawienie.",
        [("Strefy parkowania hulajnóg", "bezpieczenstwo/hulajnogi")],
        ["aplikacja"],
    ),
    (
        "patrole", ACTIVE, "SM", "bezpieczenstwo", "Straż Miejska, parki",
        "Patrole Straży Miejskiej w parkach latem",
        "Od maja do września strażnicy miejscy patrolują parki także wieczorem, do 23:00. "
        "Patrole rowerowe obejmują Park nad Wierzbinką i Błonia.",
        "Straż Miejska przyjmuje zgłoszenia pod numerem 986 przez całą dobę.\n\n"
        "Najczęstsze interwencje dotyczą spożywania alkoholu i zakłócania ciszy nocnej.",
        [("Straż Miejska", "bezpieczenstwo/straz-miejska")],
        ["park"],
    ),
    (
        "czad", EXPIRING, "SM", "bezpieczenstwo pomoc-spoleczna", "czujniki czadu, seniorzy",
        "Czujniki czadu dla seniorów",
        "Seniorzy z Wierzbińską Kartą Seniora mogą bezpłatnie odebrać czujnik czadu w siedzibie Straży "
        "Miejskiej. Akcja trwa do wyczerpania zapasu 2000 czujników.",
        "Strażnicy pomagają zamontować czujnik osobom, które nie mogą tego zrobić samodzielnie.\n\n"
        "Czad co roku jest przyczyną kilku zatruć w Wierzbinie, najczęściej w mieszkaniach "
        "z piecykami gazowymi.",
        [("Akcja: czujniki czadu", "bezpieczenstwo/czujniki-czadu")],
        ["karta-seniora"],
    ),
    # Digital services
    (
        "e-urzad", ACTIVE, "KP", "cyfryzacja", "e-usługi, urząd",
        "E-Urząd Wierzbin – sprawy do załatwienia online",
        "Przez E-Urząd Wierzbin mieszkańcy załatwiają online 86 spraw, m.in. rejestrację samochodu "
        "i zgłoszenie budowy. Do logowania wystarcza profil zaufany.",
        "W zeszłym roku przez internet złożono 74 tys. wniosków, o połowę więcej niż rok wcześniej.\n\n"
        "Osoby, które wolą wizytę w urzędzie, mogą umówić termin przez internet lub telefonicznie.",
        [("E-Urząd Wierzbin", "e-urzad")],
        ["aplikacja"],
    ),
    (
        "wifi", REVIEW, "KP", "cyfryzacja", "Wi-Fi, przestrzeń publiczna",
        "Darmowe Wi-Fi w przestrzeni publicznej",
        "Darmowe Wi-Fi działa na Rynku, w parkach, w bibliotekach i we wszystkich tramwajach. "
        "Z sieci korzysta średnio 9 tys. osób dziennie.",
        "Do sieci można się zalogować bez podawania danych osobowych; sesja trwa do dwóch godzin.\n\n"
        "Sieć jest finansowana z budżetu miasta i kosztuje 420 tys. zł rocznie.",
        [("Wi-Fi miejskie", "cyfryzacja/wifi")],
        [],
    ),
    (
        "incydent", EXPIRED, "KP", "cyfryzacja bezpieczenstwo", "cyberbezpieczeństwo",
        "Incydent w systemie kolejkowym urzędu – wyjaśnienia",
        "System rezerwacji wizyt w urzędzie był niedostępny przez dwa dni z powodu ataku DDoS. "
        "Dane mieszkańców nie wyciekły.",
        "Incydent zgłosiliśmy do CSIRT NASK i Prezesa Urzędu Ochrony Danych Osobowych.\n\n"
        "W tym czasie wizyty można było umawiać telefonicznie.",
        [("Komunikat o incydencie", "cyfryzacja/incydent")],
        [],
    ),
    (
        "aplikacja", ACTIVE, "KP", "cyfryzacja", "aplikacja mobilna, zgłoszenia",
        "Aplikacja mobilna Wierzbin – zgłoszenia mieszkańców",
        "Przez aplikację Wierzbin mieszkańcy zgłaszają m.in. dziury w jezdni, nielegalne wysypiska "
        "i zepsute latarnie. Na zgłoszenie odpowiadamy w ciągu trzech dni roboczych.",
        "Aplikację pobrało 58 tys. osób. W zeszłym roku przyjęła 21 tys. zgłoszeń; 92 proc. z nich "
        "załatwiono.\n\n"
        "Zgłoszenia można śledzić na mapie w aplikacji.",
        [("Aplikacja Wierzbin", "cyfryzacja/aplikacja")],
        [],
    ),
    # Social welfare
    (
        "oslonowy", ACTIVE, "MOPS", "pomoc-spoleczna", "dodatki, ogrzewanie",
        "Pomoc w opłatach za ogrzewanie",
        "Gospodarstwa domowe o niskich dochodach mogą otrzymać z MOPS do 1200 zł pomocy na opłaty za "
        "ogrzewanie. Wnioski przyjmujemy do 31 marca.",
        "Z pomocy może skorzystać osoba samotna z dochodem do 2100 zł lub rodzina z dochodem do 1500 zł "
        "na osobę.\n\n"
        "Wniosek można złożyć w jednym z pięciu punktów MOPS lub przez E-Urząd Wierzbin.",
        [("Pomoc w opłatach za ogrzewanie", "mops/ogrzewanie")],
        ["e-urzad"],
    ),
    (
        "karta-seniora", ACTIVE, "MOPS", "pomoc-spoleczna", "seniorzy, Karta Seniora",
        "Wierzbińska Karta Seniora",
        "Wierzbińską Kartę Seniora może bezpłatnie otrzymać każdy mieszkaniec po 60. roku życia. "
        "Daje zniżki w 140 instytucjach i firmach.",
        "Kartę ma 23 tys. osób. Można ją odebrać w Punkcie Obsługi Mieszkańców lub w Klubie Seniora.\n\n"
        "Z kartą seniorzy płacą mniej m.in. za baseny, kino i wizytę w Muzeum Ziemi Wierzbińskiej.",
        [("Karta Seniora", "mops/karta-seniora")],
        ["baseny"],
    ),
    (
        "bezdomnosc", REVIEW, "MOPS", "pomoc-spoleczna bezpieczenstwo", "bezdomność, zima",
        "Pomoc osobom w kryzysie bezdomności zimą",
        "Zimą schroniska i noclegownie w Wierzbinie mają 210 miejsc. Nikt nie zostanie odesłany, "
        "gdy temperatura spada poniżej zera.",
        "Streetworkerzy MOPS i Straż Miejska odwiedzają miejsca, w których przebywają osoby w kryzysie "
        "bezdomności.\n\n"
        "Osobę, która potrzebuje pomocy, można zgłosić pod numerem 986 przez całą dobę.",
        [("Pomoc dla osób w kryzysie bezdomności", "mops/bezdomnosc")],
        ["patrole"],
    ),
    (
        "asystenci", ACTIVE, "MOPS", "pomoc-spoleczna zdrowie", "niepełnosprawność, asystencja",
        "Asystenci osobiści osób z niepełnosprawnościami",
        "W tym roku 160 osób z niepełnosprawnościami otrzyma wsparcie asystenta osobistego, do 60 godzin "
        "miesięcznie. Usługa jest bezpłatna.",
        "Program finansuje Fundusz Solidarnościowy; miasto organizuje go przez MOPS.\n\n"
        "Asystent pomaga m.in. w dojazdach do pracy, lekarza i urzędu.",
        [("Asystencja osobista", "mops/asystencja")],
        [],
    ),
]  # fmt: skip

REVIEW_DAYS = 90
#: Fields set after the import (written without save(), whose signals would index row by row).
DATED = ["owner", "valid_from", "expires_at", "last_verified_at", "last_verified_by", "next_review_at"]


def load(command):
    """Create the demo narratives unless they exist; report to the command."""
    titles = [entry[5] for entry in NARRATIVES]
    if Narrative.objects.filter(title__in=titles).exists():
        return
    for name, slug in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    report = importer.import_lines((json.dumps(_line(entry)) for entry in NARRATIVES), index=False)
    if report.errors:
        raise ValueError(f"Demo narratives do not import: {report.errors}")
    narratives = {
        (n.title, n.unit.code): n for n in Narrative.objects.filter(pk__in=report.ids).select_related("unit")
    }
    by_key = {entry[0]: narratives[(entry[5], entry[2])] for entry in NARRATIVES}
    users = {user.username: user for user in get_user_model().objects.all()}
    today = timezone.localdate()
    for number, (key, state, unit, *_texts, sources, related) in enumerate(NARRATIVES):
        narrative = by_key[key]
        narrative.owner = users.get(OWNERS.get(unit, DEFAULT_OWNER))
        _date(narrative, state, today, number)
        Narrative.objects.filter(pk=narrative.pk).update(**{name: getattr(narrative, name) for name in DATED})
        narrative.sources = NarrativeSource.objects.bulk_create(
            NarrativeSource(narrative=narrative, sort_order=order, title=title, url=SITE + path)
            for order, (title, path) in enumerate(sources)
        )
        narrative.related_links = RelatedNarrative.objects.bulk_create(
            RelatedNarrative(source=narrative, narrative=by_key[other], sort_order=order)
            for order, other in enumerate(related)
        )
        # The revision the admin opens shows the narrative as it is now.
        Revision.objects.filter(pk=narrative.latest_revision_id).update(content=narrative.serializable_data())
    notice = importer.index_narratives(report.ids)[1] if connection.is_configured() else ""
    counts = Counter(narrative.status for narrative in by_key.values())
    command.stdout.write(
        _("Narratives: %(count)d (%(statuses)s).")
        % {
            "count": len(by_key),
            "statuses": ", ".join(f"{LABELS[status]}: {n}" for status, n in sorted(counts.items())),
        }
    )
    if notice:
        command.stdout.write(notice)


def _line(entry):
    _key, state, unit, topics, tags, title, summary, body, _sources, _related = entry
    return {
        "title": title,
        "summary": summary,
        "body": body,
        "topics": topics.split(),
        "tags": [tag.strip() for tag in tags.split(",")],
        "unit": unit,
        "review_interval_days": REVIEW_DAYS,
        "status": "draft" if state == DRAFT else "published",
    }


def _date(narrative, state, today, number):
    """Dates that put ``narrative`` in ``state`` today; ``number`` spreads them out."""
    days = datetime.timedelta
    narrative.valid_from = today - days(40 + (number * 13) % 300)
    verified = today - days(5 + (number * 7) % 60)
    narrative.expires_at = None
    if state == EXPIRING:
        narrative.expires_at = today + days(4 + number % 9)
    elif state == REVIEW:
        verified = today - days(REVIEW_DAYS + 1 + number % 20)
    elif state == EXPIRED:
        narrative.expires_at = today - days(3 + number % 40)
        narrative.valid_from = narrative.expires_at - days(120)
        verified = narrative.expires_at - days(30)
    elif state == UPCOMING:
        narrative.valid_from = today + days(7)
        verified = today - days(2)
    if narrative.live:
        narrative.last_verified_by = narrative.owner
        narrative.last_verified_at = timezone.now() - (timezone.localdate() - verified)
        narrative.next_review_at = verified + days(REVIEW_DAYS)
