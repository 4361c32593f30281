"""Demo inquiry desk: four months of journalists' questions to Wierzbin's city hall, and internal requests.

Called by ``manage.py seed_demo`` after the CRM's demo, whose journalists ask the
questions; does nothing when there are inquiries or internal requests already.
Seeded, so every run builds the same cases relative to today: 104 inquiries in
every state (some answered late, some extended with the notice, two refused by
a decision, answers sent back at either stage) and 23 internal requests of the
three kinds.

Every step goes through the desk's services (cases, answer, internal_requests),
so states move by their machines and the audit log, the journalists' CRM
timelines, the deadlines and the notifications agree. The services record
"now"; each step is then dated to when it happened (:class:`Clock`), and the SLA
sweep runs once, as the scheduler would have. No e-mail leaves while the demo
loads: answers to journalists and notifications go to Django's dummy backend.
"""

import contextlib
import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.db.models import Case, DateTimeField, F, Value, When
from django.db.models.signals import post_save
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.rich_text import RichText

from cms.approvals.models import Decision, TextVersion
from cms.core.models import Topic
from cms.core.working_time import add_working_hours, working_hours_between
from cms.editorial.models import PressReleasePage
from cms.narratives.models import Narrative
from cms.narratives.status import ACTIVE, condition, to_q
from cms.notifications.models import Notification
from cms.organisation.models import Membership, MembershipRole, Unit
from cms.organisation.people import APPROVER_ROLES
from cms.sla import sweep
from cms.sla.models import Deadline
from plugins.crm.demo import BEATS
from plugins.crm.models import Journalist, OutletKind, TimelineEntry
from plugins.inquiries import answer, cases, internal_requests, roles
from plugins.inquiries.models import (
    Assignment,
    Attachment,
    Channel,
    Inquiry,
    InquiryKind,
    InquiryState,
    InternalRequest,
    Message,
    Priority,
    RequestKind,
    RequestMessage,
    RequestState,
    Visibility,
)

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
HEAD, COORDINATOR, EDITOR = "piotr.nowak", "magdalena.wisniewska", "anna.kowalska"

# Kinds of inquiries (the names of the managed list the desk's migration creates).
EMAIL, RECORDING, INTERVIEW, INFORMATION, OTHER = (
    "Pytanie e-mailowe",
    "Prośba o nagranie",
    "Prośba o wywiad",
    "Wniosek o informację",
    "Inne",
)
CHANNELS = {
    EMAIL: [Channel.EMAIL] * 8 + [Channel.FORM, Channel.SOCIAL],
    RECORDING: [Channel.PHONE] * 3 + [Channel.EMAIL],
    INTERVIEW: [Channel.EMAIL, Channel.PHONE, Channel.IN_PERSON],
    INFORMATION: [Channel.EMAIL] * 3 + [Channel.LETTER, Channel.FORM],
    OTHER: [Channel.IN_PERSON, Channel.PHONE, Channel.EMAIL],
}

# Genitive street names ("remont ulicy Lipowej"), districts with their preposition ("na Zatorzu").
STREETS = [
    "Długiej",
    "Lipowej",
    "Kościuszki",
    "Polnej",
    "Żeromskiego",
    "Mickiewicza",
    "Ogrodowej",
    "Młyńskiej",
    "Słowackiego",
    "Łąkowej",
    "Kolejowej",
    "Reymonta",
    "Traugutta",
    "Leśnej",
    "Fabrycznej",
]
PLACES = [
    "na Zatorzu",
    "na Piaskach",
    "na Nadrzeczu",
    "na Zielonych Wzgórzach",
    "na Podgórzu",
    "na Kamionce",
    "w Łęgach",
    "w Borkach",
    "na Przylesiu",
    "na Starym Mieście",
]

# (kind, subject, question, units, topic slugs, the first unit's part, the answer); {street}, {place}
# and {school} are filled in per case. Cases without units are answered by the press office alone.
QUESTIONS = [
    (
        EMAIL,
        "Remont ulicy {street} – termin i koszty",
        "Dzień dobry, kiedy zakończy się remont ulicy {street}? Mieszkańcy skarżą się na objazdy i brak "
        "dojazdu do posesji. Ile kosztuje inwestycja i czy termin jest zagrożony?",
        ["ZDM"],
        ["drogi", "inwestycje"],
        "Wykonawca ma czas do 30 czerwca, zaawansowanie robót 55%. Koszt 6,8 mln zł, w tym 2,1 mln zł z "
        "RFRD. Objazd ulicami Polną i Ogrodową.",
        "Remont ulicy {street} prowadzi Zarząd Dróg Miejskich. Zgodnie z umową wykonawca zakończy prace do "
        "końca czerwca i termin nie jest zagrożony. Wartość robót to 6,8 mln zł, z czego 2,1 mln zł "
        "pochodzi z Rządowego Funduszu Rozwoju Dróg. Dojazd do posesji jest zapewniony przez cały czas "
        "prac, a w razie problemów mieszkańcy mogą dzwonić do inspektora nadzoru pod numer 65 820 14 00.",
    ),
    (
        EMAIL,
        "Wycinka drzew przy ulicy {street}",
        "Mieszkańcy alarmują, że przy ulicy {street} wycięto kilkanaście drzew. Kto wydał zgodę, ile drzew "
        "usunięto i czy miasto posadzi nowe?",
        ["WOS", "ZDM"],
        ["srodowisko"],
        "Zezwolenie wydane po oględzinach dendrologa: 14 drzew (12 topoli, 2 klony) w złym stanie. "
        "Nasadzenia zastępcze: 28 drzew i 300 krzewów w listopadzie.",
        "Przy ulicy {street} usunięto 14 drzew, w większości topoli w złym stanie zdrowotnym, które "
        "zagrażały pieszym. Zezwolenie wydał Wydział Ochrony Środowiska po oględzinach dendrologa. W zamian "
        "jeszcze tej jesieni posadzimy 28 drzew – lip drobnolistnych i klonów polnych – oraz 300 krzewów.",
    ),
    (
        EMAIL,
        "Rekrutacja do przedszkoli – ile wolnych miejsc",
        "Ile miejsc w miejskich przedszkolach będzie w nadchodzącej rekrutacji i ile dzieci nie dostało się "
        "w ubiegłym roku? Czy miasto planuje nowe oddziały {place}?",
        ["WE"],
        ["edukacja"],
        "1240 miejsc (o 60 więcej niż rok temu); 38 dzieci przyjętych spoza listy preferencji; dwa nowe "
        "oddziały "
        "w Przedszkolu Miejskim nr 12 od września.",
        "W rekrutacji na rok szkolny 2027/2028 miejskie przedszkola zaoferują 1 240 miejsc, o 60 więcej niż "
        "przed "
        "rokiem. W ubiegłorocznej rekrutacji miejsce otrzymały wszystkie dzieci 3–5-letnie, choć 38 z nich w "
        "przedszkolu spoza listy preferencji. {place_title} od września ruszą dwa nowe oddziały.",
    ),
    (
        EMAIL,
        "Budżet obywatelski – realizacja zwycięskich projektów",
        "Ile projektów z ostatniej edycji budżetu obywatelskiego już zrealizowano? Mieszkańcy pytają o "
        "siłownię plenerową {place}, na którą głosowali.",
        ["WIM"],
        ["budzet", "inwestycje"],
        "17 z 23 projektów zrealizowanych, 4 w trakcie, 2 do ponownego przetargu – w tym siłownia; montaż do "
        "31 maja.",
        "Z 23 projektów zwycięskiej edycji zrealizowaliśmy 17, cztery są w trakcie, a dwa wymagają ponownego "
        "przetargu. Siłownia plenerowa {place} stanie do końca maja: pierwszy przetarg unieważniliśmy, bo "
        "jedyna oferta przekraczała budżet projektu o 40%.",
    ),
    (
        EMAIL,
        "Nowy rozkład jazdy MPK – mniej kursów linii 4 i 17?",
        "Od poniedziałku zmienia się rozkład jazdy autobusów. Czy to prawda, że linie 4 i 17 będą kursowały "
        "rzadziej? Z czego wynikają zmiany?",
        ["MPK", "WKT"],
        ["transport"],
        "Linie 4 i 17 w szczycie bez zmian (co 10 min); w soboty po 19:00 co 30 zamiast co 20 min, "
        "napełnienie poniżej 15%. Nowa linia 21 do strefy przemysłowej.",
        "W godzinach szczytu linie 4 i 17 kursują bez zmian, co 10 minut. Rzadziej – co 30 zamiast co 20 "
        "minut – pojadą tylko w soboty po 19:00, gdy w autobusach jest mniej niż 15% miejsc zajętych. "
        "Zaoszczędzone kursy przeznaczamy na nową linię 21 do strefy przemysłowej.",
    ),
    (
        EMAIL,
        "Nieodebrane odpady {place}",
        "Czytelnicy piszą, że od dwóch tygodni {place} nikt nie odebrał odpadów segregowanych. Co się stało "
        "i kiedy sytuacja wróci do normy?",
        ["ZGO", "WGK"],
        ["srodowisko"],
        "Awaria dwóch śmieciarek; pojazd zastępczy od środy, zaległe odbiory do soboty.",
        "Opóźnienia w odbiorze odpadów segregowanych {place} wynikały z awarii dwóch śmieciarek. Zaległe "
        "odbiory Zakład Gospodarki Odpadami nadrobi do soboty, a od poniedziałku odpady będą odbierane "
        "zgodnie z harmonogramem. Nieodebrane odpady można zgłaszać pod numerem 65 830 20 20.",
    ),
    (
        INFORMATION,
        "Ceny wody i ścieków od stycznia",
        "Proszę o informację, o ile wzrosną opłaty za wodę i odprowadzanie ścieków od stycznia oraz jaka "
        "jest taryfa MPWiK na kolejne trzy lata.",
        ["MPWIK"],
        ["budzet", "mieszkalnictwo"],
        "Woda 5,42 → 5,71 zł/m³, ścieki 8,10 → 8,49 zł/m³ brutto; taryfa na trzy lata zatwierdzona przez "
        "Wody Polskie.",
        "Od 1 stycznia cena 1 m³ wody wzrośnie z 5,42 zł do 5,71 zł brutto, a odprowadzania ścieków z 8,10 "
        "zł do 8,49 zł brutto. Dla czteroosobowej rodziny zużywającej 12 m³ miesięcznie rachunek wzrośnie o "
        "8,16 zł. Taryfę na lata 2027–2029 zatwierdził regulator, Państwowe Gospodarstwo Wodne Wody Polskie.",
    ),
    (
        RECORDING,
        "Awaria wodociągu {place}",
        "Od rana {place} nie ma wody. Co się stało, ile domów jest bez wody i kiedy awaria zostanie "
        "usunięta? Prosimy o krótką wypowiedź do serwisu informacyjnego.",
        ["MPWIK"],
        ["zdrowie"],
        "Pęknięcie magistrali o średnicy 300 mm, ok. 1200 mieszkań bez wody, dostawy do 18:00, dwa "
        "beczkowozy.",
        "Rano pękła magistrala wodociągowa o średnicy 300 mm. Bez wody pozostaje około 1 200 mieszkań. Ekipy "
        "MPWiK pracują na miejscu, a dostawy wrócą do 18:00. Beczkowozy stoją przy szkole podstawowej i przy "
        "pętli autobusowej. Wypowiedzi udzieli rzecznik MPWiK przy stacji uzdatniania o 13:00.",
    ),
    (
        RECORDING,
        "Korki na rondzie przy ul. {street}",
        "Prosimy o wypowiedź do materiału o korkach na rondzie przy ul. {street}. Co miasto zamierza zrobić, "
        "by poprawić przepustowość skrzyżowania?",
        ["ZDM", "WKT"],
        ["transport", "drogi"],
        "Pomiary: 2400 pojazdów na godzinę w szczycie. Wydzielony prawoskręt i synchronizacja sygnalizacji "
        "wiosną, ok. dwóch tygodni prac.",
        "Przez rondo przy ul. {street} w szczycie przejeżdża 2 400 pojazdów na godzinę. Zarząd Dróg "
        "Miejskich wydzieli pas do skrętu w prawo i zsynchronizuje sygnalizację na sąsiednich "
        "skrzyżowaniach; prace potrwają dwa tygodnie i ruszą wiosną. Wypowiedzi udzieli zastępca dyrektora "
        "ZDM.",
    ),
    (
        EMAIL,
        "Bezpłatne bilety MPK dla uczniów",
        "Czy miasto planuje bezpłatną komunikację dla uczniów szkół średnich, tak jak w sąsiedniej Lipnicy? "
        "Ile by to kosztowało?",
        ["MPK", "WE"],
        ["transport", "edukacja"],
        "Uczniowie szkół podstawowych jeżdżą za darmo z Kartą Mieszkańca; szkoły średnie: ok. 4,3 mln zł "
        "rocznie.",
        "Uczniowie szkół podstawowych mieszkający w Wierzbinie już dziś jeżdżą za darmo na podstawie Karty "
        "Mieszkańca. Rozszerzenie ulgi na uczniów szkół ponadpodstawowych kosztowałoby według szacunków MPK "
        "4,3 mln zł rocznie; analiza trafi do radnych przed pracami nad budżetem.",
    ),
    (
        EMAIL,
        "Droga rowerowa wzdłuż ul. {street}",
        "Kiedy powstanie zapowiadana droga rowerowa wzdłuż ulicy {street}? Czy jest już projekt i "
        "pozwolenie na budowę?",
        ["WIM", "ZDM"],
        ["transport", "inwestycje"],
        "Projekt gotowy, pozwolenie na budowę z września, przetarg w styczniu, pięć miesięcy budowy, 3,9 "
        "mln zł (60% dotacji).",
        "Projekt drogi rowerowej wzdłuż ulicy {street} (1,8 km) jest gotowy, a pozwolenie na budowę miasto "
        "uzyskało we wrześniu. Przetarg ogłosimy w styczniu, budowa potrwa około pięciu miesięcy. Inwestycja "
        "kosztuje 3,9 mln zł, z czego 60% pokryje dotacja z programu Rowerowa Polska.",
    ),
    (
        INTERVIEW,
        "Wywiad o budowie pływalni na Zielonych Wzgórzach",
        "Chcielibyśmy porozmawiać z zastępcą prezydenta o budowie krytej pływalni na Zielonych Wzgórzach: "
        "koszty, "
        "terminy, opóźnienia.",
        ["WIM"],
        ["sport", "inwestycje"],
        "Koszt 48 mln zł, odbiór we wrześniu; trzy miesiące opóźnienia przez dodatkowe badania gruntu.",
        "Zastępca prezydenta chętnie porozmawia o budowie pływalni. Proponujemy czwartek o 10:00 w ratuszu, "
        "pokój 214; rozmowa może trwać do 30 minut. Najważniejsze dane: koszt 48 mln zł, zakończenie budowy "
        "we wrześniu, trzy miesiące opóźnienia z powodu dodatkowych badań gruntu.",
    ),
    (
        EMAIL,
        "Remont Szkoły Podstawowej nr {school}",
        "Rodzice uczniów SP nr {school} skarżą się, że remont sali gimnastycznej miał się skończyć we "
        "wrześniu, a "
        "nadal trwa. Kiedy dzieci wrócą na lekcje wychowania fizycznego do sali?",
        ["WE", "WIM"],
        ["edukacja", "inwestycje"],
        "Dodatkowe roboty: izolacja fundamentów (aneks 380 tys. zł); odbiór po feriach; w-f w hali MOSiR z "
        "dowozem.",
        "Remont sali gimnastycznej w Szkole Podstawowej nr {school} przedłużył się, bo pod starą podłogą "
        "wykonawca odkrył zawilgocone fundamenty, które trzeba było osuszyć i zaizolować. Sala będzie "
        "gotowa po feriach zimowych. Do tego czasu lekcje wychowania fizycznego odbywają się w hali MOSiR, "
        "dokąd uczniów dowozi bezpłatny autobus.",
    ),
    (
        EMAIL,
        "Stan techniczny kładki nad Wierzbinką",
        "Czy kładka dla pieszych nad Wierzbinką przy ul. {street} jest bezpieczna? Na zdjęciach czytelników "
        "widać skorodowane barierki.",
        ["ZDM"],
        ["drogi", "bezpieczenstwo"],
        "Przegląd w październiku: konstrukcja bez zastrzeżeń, barierki do wymiany w ciągu trzech tygodni, "
        "zabezpieczone.",
        "Kładka przeszła przegląd okresowy w październiku; jej konstrukcja nośna jest w dobrym stanie. "
        "Skorodowane barierki Zarząd Dróg Miejskich wymieni w ciągu trzech tygodni. Do tego czasu przejście "
        "pozostaje otwarte, a uszkodzone przęsła barierki zostały zabezpieczone.",
    ),
    (
        EMAIL,
        "Akcja zima: ile soli i piasku w magazynach",
        "Ile soli drogowej i piasku zgromadziło miasto na zimę i ile kosztuje akcja zima? Czy miasto "
        "odśnieża wszystkie chodniki?",
        ["ZDM"],
        ["drogi"],
        "Sól 4200 t, piasek 1500 t; sezon 9,2 mln zł; 620 km tras; chodniki przy posesjach – właściciele.",
        "W magazynach Zarządu Dróg Miejskich jest 4 200 ton soli i 1 500 ton piasku, o 10% więcej niż przed "
        "rokiem. Zimowe utrzymanie dróg kosztuje w sezonie 9,2 mln zł. Miasto odśnieża 620 km ulic, "
        "chodników i dróg rowerowych; za chodniki wzdłuż posesji odpowiadają ich właściciele.",
    ),
    (
        EMAIL,
        "Dopłaty do wymiany pieców węglowych",
        "Ilu mieszkańców skorzystało w tym roku z dopłat do wymiany pieców węglowych i ile takich pieców "
        "wciąż jest w mieście?",
        ["WOS"],
        ["srodowisko"],
        "412 dotacji na 4,1 mln zł; ok. 1900 pieców niespełniających norm; nabór od 15 stycznia.",
        "W tym roku z miejskiego programu dopłat skorzystało 412 gospodarstw domowych, które otrzymały "
        "łącznie 4,1 mln zł. Według inwentaryzacji w Wierzbinie pozostało około 1 900 pieców na paliwo "
        "stałe niespełniających norm. Nabór wniosków na przyszły rok ruszy 15 stycznia.",
    ),
    (
        RECORDING,
        "Smog {place} – komentarz do radia",
        "Czujniki {place} pokazują przekroczenia norm pyłu PM10. Prosimy o krótką wypowiedź: co robi miasto "
        "i czy straż miejska sprawdza, czym palą mieszkańcy?",
        ["WOS"],
        ["srodowisko", "zdrowie"],
        "Przekroczenia przy bezwietrznej pogodzie; 230 kontroli palenisk, 41 mandatów; wypowie się "
        "naczelniczka wydziału.",
        "Przekroczenia norm PM10 {place} wynikają ze spalania węgla i odpadów w starych piecach przy "
        "bezwietrznej pogodzie. Straż Miejska codziennie kontroluje paleniska – od początku sezonu "
        "sprawdziła 230 posesji i nałożyła 41 mandatów. Wypowiedzi do radia udzieli naczelniczka Wydziału "
        "Ochrony Środowiska.",
    ),
    (
        EMAIL,
        "Podwyżka opłat za odbiór odpadów",
        "Czy od stycznia wzrośnie opłata za odbiór odpadów? Ile wyniesie stawka od osoby i z czego wynika "
        "podwyżka?",
        ["WGK", "ZGO"],
        ["budzet", "srodowisko"],
        "Projekt uchwały: 36 zł od osoby (dziś 33 zł); wyższa opłata marszałkowska i ceny w instalacji "
        "regionalnej; ulga za kompostownik 2 zł.",
        "O stawce zdecyduje Rada Miasta na grudniowej sesji. Projekt uchwały zakłada 36 zł od osoby "
        "miesięcznie (obecnie 33 zł). Wzrost wynika z wyższej opłaty marszałkowskiej i cen zagospodarowania "
        "odpadów w instalacji regionalnej. Właściciele domów kompostujący bioodpady zapłacą 2 zł mniej.",
    ),
    (
        EMAIL,
        "Tramwaj na Zielone Wzgórza – utrudnienia w czasie budowy",
        "Jakie są najbliższe etapy budowy linii tramwajowej na Zielone Wzgórza i jakie utrudnienia czekają "
        "kierowców oraz pasażerów MPK?",
        ["WIM", "MPK"],
        ["transport", "inwestycje"],
        "Start w marcu od skrzyżowania z ul. Jaśminową; cztery miesiące objazdów; linie 8 i 12 objazdem, "
        "linia zastępcza Z8.",
        "Budowa linii tramwajowej ruszy w marcu od przebudowy skrzyżowania z ul. Jaśminową. Przez około "
        "cztery miesiące autobusy linii 8 i 12 pojadą objazdem, a MPK uruchomi linię zastępczą Z8. Pierwsze "
        "tramwaje pojadą na Zielone Wzgórza w 2028 roku.",
    ),
    (
        EMAIL,
        "Nowe wiaty przystankowe",
        "Ile nowych wiat przystankowych stanie w tym roku? Czytelnicy pytają o przystanek przy ul. {street}, "
        "gdzie wiaty brakuje od lat.",
        ["ZDM", "MPK"],
        ["transport"],
        "35 wiat, w tym 12 z zielonymi dachami; przystanek przy ul. {street} do końca miesiąca.",
        "W tym roku Zarząd Dróg Miejskich postawi 35 nowych wiat, w tym 12 z zielonymi dachami. Przystanek "
        "przy ul. {street} jest na liście: wiata stanie do końca miesiąca, gdy tylko wykonawca dostanie "
        "zgodę gestora sieci energetycznej.",
    ),
    (
        EMAIL,
        "Przepełnione schronisko dla zwierząt",
        "Wolontariusze alarmują, że schronisko dla zwierząt jest przepełnione. Ile psów i kotów w nim "
        "przebywa i czy miasto planuje rozbudowę?",
        ["WGK"],
        ["srodowisko"],
        "168 psów i 74 koty przy 180 miejscach dla psów; 412 adopcji w tym roku; rozbudowa o 40 boksów w "
        "2027.",
        "W schronisku przebywa obecnie 168 psów i 74 koty, przy 180 miejscach dla psów. W tym roku nowe "
        "domy znalazło 412 zwierząt. Miasto przygotowuje projekt rozbudowy o 40 boksów, a budowa jest "
        "zaplanowana w budżecie na 2027 rok.",
    ),
    (
        EMAIL,
        "Porządek w parku nad Wierzbinką",
        "Spacerowicze skarżą się na przepełnione kosze i brak toalety w parku nad Wierzbinką po "
        "rewitalizacji. Kto odpowiada za sprzątanie i jak często?",
        ["WGK"],
        ["srodowisko"],
        "Firma z przetargu, kosze opróżniane codziennie, w weekendy dwa razy; 20 dodatkowych koszy; toaleta "
        "w przyszłym miesiącu.",
        "Park sprząta firma wybrana w przetargu przez Wydział Gospodarki Komunalnej: kosze są opróżniane "
        "codziennie, a w weekendy dwa razy dziennie. Po sygnałach mieszkańców dostawiliśmy 20 koszy. Toaleta "
        "publiczna przy placu zabaw zostanie otwarta w przyszłym miesiącu.",
    ),
    (
        EMAIL,
        "Nie świecą latarnie na ul. {street}",
        "Od tygodnia na ul. {street} nie świecą latarnie. Mieszkańcy boją się wracać wieczorem. Kiedy "
        "oświetlenie zostanie naprawione?",
        ["WGK"],
        ["bezpieczenstwo"],
        "Kabel zasilający przerwany przez koparkę prywatnego inwestora; naprawione wczoraj, koszty pokryje "
        "sprawca.",
        "Przyczyną był kabel zasilający przerwany przez koparkę podczas prac prywatnego inwestora. Latarnie "
        "na ul. {street} świecą od wczoraj, a kosztami naprawy miasto obciąży sprawcę uszkodzenia.",
    ),
    (
        EMAIL,
        "Autobusy elektryczne w MPK",
        "Ile autobusów elektrycznych ma MPK Wierzbin i kiedy dojadą kolejne? Ile kosztują i jakie jest "
        "dofinansowanie?",
        ["MPK"],
        ["transport"],
        "24 elektryki (22% floty), 12 kolejnych w pierwszym półroczu, kontrakt 49 mln zł, 80% "
        "dofinansowania.",
        "MPK ma 24 autobusy elektryczne, czyli 22% floty. Kolejnych 12 dotrze w pierwszym półroczu; "
        "kontrakt o wartości 49 mln zł w 80% finansuje program Zielony Transport Publiczny. Do 2030 roku "
        "połowa autobusów MPK będzie bezemisyjna.",
    ),
    (
        INFORMATION,
        "Dodatki motywacyjne dla nauczycieli",
        "Proszę o informację, ile przeznaczono w tym roku na dodatki motywacyjne dla nauczycieli w szkołach "
        "prowadzonych przez miasto i jak zmieniła się ta kwota w porównaniu z ubiegłym rokiem.",
        ["WE"],
        ["edukacja", "budzet"],
        "7,6 mln zł (o 0,9 mln zł więcej); średnio 6% wynagrodzenia zasadniczego.",
        "Na dodatki motywacyjne nauczycieli szkół i przedszkoli prowadzonych przez miasto przeznaczyliśmy w "
        "tym roku 7,6 mln zł, o 0,9 mln zł więcej niż przed rokiem. Średni dodatek wynosi 6% wynagrodzenia "
        "zasadniczego.",
    ),
    (
        EMAIL,
        "Spóźnione dowozy uczniów z niepełnosprawnościami",
        "Rodzice skarżą się na spóźnienia busów dowożących dzieci z niepełnosprawnościami do szkół. Kto jest "
        "przewoźnikiem i czy miasto nałożyło kary?",
        ["WE"],
        ["edukacja", "pomoc-spoleczna"],
        "Kontrola przewoźnika po skargach; kary umowne 18 tys. zł; dodatkowy bus na najdłuższej trasie.",
        "Dowozy prowadzi przewoźnik wybrany w przetargu na lata 2026–2028. Po skargach rodziców Wydział "
        "Edukacji skontrolował firmę i nałożył kary umowne w wysokości 18 tys. zł. Od przyszłego tygodnia "
        "na najdłuższej trasie pojedzie dodatkowy bus.",
    ),
    (
        EMAIL,
        "Puste mieszkania komunalne",
        "Ile mieszkań komunalnych stoi pustych i czeka na remont? Ile rodzin czeka na przydział mieszkania?",
        ["WGK"],
        ["mieszkalnictwo"],
        "186 pustostanów, 64 w remoncie, 92 przydziały w tym roku; 540 rodzin w kolejce, 210 na najem "
        "socjalny.",
        "W zasobie miasta jest 186 pustostanów, z czego 64 są w remoncie. W tym roku wyremontowaliśmy i "
        "przydzieliliśmy 92 mieszkania. Na mieszkanie komunalne czeka 540 rodzin, a na najem socjalny 210.",
    ),
    (
        EMAIL,
        "Strefa płatnego parkowania {place}?",
        "Czy strefa płatnego parkowania obejmie ulice {place}? Od kiedy i jakie będą stawki?",
        ["WKT", "ZDM"],
        ["transport"],
        "Konsultacje do końca miesiąca; jeśli rada przyjmie uchwałę – od lipca, 4 zł za pierwszą godzinę, "
        "abonament mieszkańca 30 zł rocznie.",
        "Rozszerzenie strefy płatnego parkowania jest na etapie konsultacji społecznych, które potrwają do "
        "końca "
        "miesiąca. Jeśli radni przyjmą uchwałę, strefa obejmie nowy obszar od lipca, a pierwsza godzina "
        "postoju będzie kosztowała 4 zł. Mieszkańcy kupią abonament za 30 zł rocznie.",
    ),
    (
        EMAIL,
        "Brązowa woda w kranach po awarii",
        "Po awarii wodociągu {place} woda z kranu ma brązowy kolor. Czy można ją pić i czy sanepid badał "
        "próbki?",
        ["MPWIK"],
        ["zdrowie"],
        "Osady poruszone po awarii, sieć przepłukana, próbki sanepidu w normie; zalecane przegotowanie.",
        "Przebarwienie wody to poruszone po awarii osady w rurach; nie zagraża zdrowiu. MPWiK przepłukało "
        "sieć, a próbki pobrane wczoraj przez Państwowego Powiatowego Inspektora Sanitarnego spełniają "
        "normy. Do czasu ustąpienia przebarwienia zalecamy przegotowanie wody.",
    ),
    (
        EMAIL,
        "PSZOK w okresie świątecznym",
        "Jak będzie działał Punkt Selektywnej Zbiórki Odpadów Komunalnych w okresie świątecznym i czy można "
        "tam oddać choinkę?",
        ["ZGO"],
        ["srodowisko"],
        "Nieczynne 24–26 grudnia i 1 stycznia; choinki sprzed posesji 8–17 stycznia albo w PSZOK.",
        "PSZOK przy ul. Przemysłowej 22 będzie nieczynny 24–26 grudnia i 1 stycznia; w pozostałe dni działa "
        "od 8:00 do 18:00, w soboty do 14:00. Choinki Zakład Gospodarki Odpadami odbierze sprzed posesji w "
        "dniach 8–17 stycznia; można je też bezpłatnie oddać w PSZOK.",
    ),
    (
        INFORMATION,
        "Odszkodowania za szkody na dziurawych drogach",
        "Ile wniosków o odszkodowanie za uszkodzenia samochodów na dziurawych drogach wpłynęło w tym roku i "
        "ile miasto wypłaciło?",
        ["ZDM"],
        ["drogi"],
        "146 wniosków, 71 uznanych, 187 tys. zł wypłat; najwięcej zgłoszeń z ul. {street}.",
        "W tym roku do Zarządu Dróg Miejskich wpłynęło 146 wniosków o odszkodowanie; ubezpieczyciel miasta "
        "uznał 71 z nich i wypłacił łącznie 187 tys. zł. Najwięcej zgłoszeń dotyczyło ul. {street}, której "
        "remont ruszy wiosną.",
    ),
    (
        INTERVIEW,
        "Wywiad z prezydentem o inwestycjach w przyszłym roku",
        "Prosimy o wywiad z prezydentem miasta o planach inwestycyjnych i projekcie budżetu na przyszły "
        "rok, do wydania weekendowego.",
        [],
        ["budzet", "inwestycje"],
        "",
        "Prezydent Wierzbina zaprasza na rozmowę we wtorek o 13:00 w swoim gabinecie w ratuszu. Prosimy o "
        "przesłanie tekstu do autoryzacji do czwartku. Przesyłamy projekt budżetu i listę najważniejszych "
        "inwestycji.",
    ),
    (
        INFORMATION,
        "Umowy na promocję miasta w mediach",
        "Na podstawie ustawy o dostępie do informacji publicznej proszę o wykaz umów zawartych przez Urząd "
        "Miasta w tym roku na promocję w mediach, z nazwami kontrahentów i kwotami.",
        [],
        ["budzet"],
        "",
        "W tym roku Urząd Miasta zawarł 14 umów na promocję w mediach o łącznej wartości 612 tys. zł. Wykaz "
        "umów z nazwami kontrahentów, przedmiotem i kwotami jest w rejestrze umów w Biuletynie Informacji "
        "Publicznej; przesyłamy też jego wyciąg.",
    ),
    (
        OTHER,
        "Akredytacja na sesję Rady Miasta",
        "Redakcja prosi o akredytację dla reportera i operatora na grudniową sesję budżetową Rady Miasta.",
        [],
        ["budzet"],
        "",
        "Potwierdzamy akredytację dla reportera i operatora na sesję budżetową. Miejsca dla mediów są na "
        "galerii sali sesyjnej; prosimy o przybycie 20 minut przed rozpoczęciem obrad.",
    ),
]
# Requests refused by a decision (kind, subject, question, units, topics, the unit's part, the ground).
REFUSED = [
    (
        INFORMATION,
        "Wynagrodzenia pracowników Wydziału Inwestycji Miejskich",
        "Proszę o imienny wykaz wynagrodzeń wszystkich pracowników Wydziału Inwestycji Miejskich wraz z "
        "premiami za ostatni rok.",
        ["WIM"],
        ["budzet"],
        "Wydział nie ma uwag do przekazania danych zbiorczych; dane imienne chroni prywatność.",
        "ochrona prywatności osób niepełniących funkcji publicznych (art. 5 ust. 2 ustawy o dostępie do "
        "informacji publicznej)",
    ),
    (
        INFORMATION,
        "Oferty w przetargu na budowę pływalni",
        "Proszę o kopie wszystkich ofert złożonych w przetargu na budowę krytej pływalni, z kosztorysami "
        "ofertowymi.",
        ["WIM"],
        ["inwestycje", "sport"],
        "Dwóch wykonawców zastrzegło kosztorysy jako tajemnicę przedsiębiorstwa.",
        "tajemnica przedsiębiorcy zastrzeżona przez wykonawców (art. 5 ust. 2 ustawy o dostępie do "
        "informacji publicznej)",
    ),
]

NOTES = [
    "Dziennikarz dzwonił – prosi o odpowiedź najpóźniej jutro do 12:00, materiał idzie w wydaniu wieczornym.",
    "Proszę o dane z ostatnich trzech lat, żeby pokazać trend.",
    "Uzgodniłam z naczelnikiem, że odpowiadamy jako urząd, bez cytatu imiennego.",
    "Podobne pytanie zadał w zeszłym miesiącu Kurier – trzymajmy się tych samych liczb.",
    "Dane przekażemy do środy, czekamy jeszcze na raport wykonawcy.",
    "Czy możemy podać nazwę wykonawcy? Umowa jest jawna, więc moim zdaniem tak.",
    "W razie pytań o kwoty proszę odsyłać do sprawozdania z wykonania budżetu.",
]
FOLLOW_UPS = [
    "Dzień dobry, czy mogę liczyć na odpowiedź do jutra? Tekst zamykamy w czwartek.",
    "Uzupełniam pytanie: proszę także o liczbę zgłoszeń od mieszkańców w tej sprawie.",
    "Dziękuję. Czy mogę jeszcze prosić o zdjęcia do artykułu?",
    "Przypominam się z pytaniem – czy odpowiedź jest już gotowa?",
]
RECEIPT = (
    "Dzień dobry, potwierdzamy otrzymanie pytań. Odpowiedź przygotowuje właściwy wydział; prześlemy ją "
    "najszybciej, jak to możliwe. Pozdrawiamy, Biuro Prasowe UM Wierzbin"
)
INSTRUCTIONS = [
    "Proszę o dane i krótki komentarz merytoryczny.",
    "Proszę o odpowiedź na pytania dziennikarza; cytaty uzgodnimy osobno.",
    "Potrzebujemy liczb i terminów – odpowiedź pójdzie do mediów bez zmian.",
    "",
]
SECOND_UNIT = [
    "Potwierdzamy dane przekazane przez drugą jednostkę; nie mamy uwag.",
    "Uzupełniamy: harmonogram prac jest uzgodniony z naszym wydziałem.",
    "Z naszej strony bez zastrzeżeń, prosimy tylko o podanie numeru infolinii.",
]
# Stage 1 sends a draft back for the unit's missing part; stage 2 (the head) for a sentence to add.
UNIT_RETURNS = [
    "Odpowiedź jest niepełna – proszę uzupełnić o ostatnie ustalenia z wykonawcą.",
    "Proszę sprawdzić liczby z notatką wydziału i dopisać brakującą informację.",
    "Brakuje ostatniego zdania z naszego stanowiska, dopisałem je w wątku.",
]
HEAD_RETURNS = [
    (
        "Proszę dodać kontakt dla mediów.",
        "Dodatkowych informacji udziela rzecznik prasowy Urzędu Miasta, tel. 600 100 200.",
    ),
    ("Brakuje przeprosin dla mieszkańców za utrudnienia.", "Mieszkańców przepraszamy za utrudnienia."),
    (
        "Dodajmy, gdzie mieszkańcy znajdą aktualne informacje.",
        "Aktualne informacje publikujemy na stronie wierzbin.pl i w aplikacji Wierzbin Info.",
    ),
]
EXTENSION_REASONS = [
    "Odpowiedź wymaga zebrania danych z trzech wydziałów i spółki miejskiej za ostatnie pięć lat.",
    "Część dokumentów jest w archiwum zakładowym i musi zostać przejrzana pod kątem danych osobowych.",
    "Dane przygotowuje wykonawca zewnętrzny, który ma na to 21 dni zgodnie z umową.",
]
WITHDRAWALS = [
    "Redakcja zrezygnowała z materiału.",
    "Dziennikarz uzyskał odpowiedź na konferencji prasowej.",
    "Temat zdjęty z wydania – redakcja dziękuje.",
]
QUESTIONS_FILE = (
    "Pytania do Urzędu Miasta Wierzbin\n\n1. Jaki jest harmonogram prac?\n2. Ile wyniesie koszt całkowity?\n"
    "3. Kto jest wykonawcą i jakie kary przewiduje umowa za opóźnienia?\n"
)

# States in the order a case reaches them; withdrawn and refused cases stop on the way.
ORDER = [
    InquiryState.NEW,
    InquiryState.ASSIGNED,
    InquiryState.WAITING_FOR_UNIT,
    InquiryState.ANSWER_DRAFTED,
    InquiryState.IN_APPROVAL_1,
    InquiryState.IN_APPROVAL_2,
    InquiryState.APPROVED,
    InquiryState.SENT,
    InquiryState.CLOSED,
]
OK, SOON, OVERDUE, EXTENDED, LATE, REFUSAL = "ok", "soon", "overdue", "extended", "late", "refused"
# (state, how many, what is special, received so many days ago: from, to)
PLAN = [
    (InquiryState.NEW, 6, OK, 0, 2),
    (InquiryState.NEW, 2, SOON, 0, 0),
    (InquiryState.ASSIGNED, 6, OK, 0, 5),
    (InquiryState.ASSIGNED, 1, SOON, 0, 0),
    (InquiryState.WAITING_FOR_UNIT, 10, OK, 1, 10),
    (InquiryState.WAITING_FOR_UNIT, 3, OVERDUE, 16, 24),
    (InquiryState.WAITING_FOR_UNIT, 1, EXTENDED, 17, 24),
    (InquiryState.ANSWER_DRAFTED, 7, OK, 2, 11),
    (InquiryState.ANSWER_DRAFTED, 1, OVERDUE, 15, 22),
    (InquiryState.ANSWER_DRAFTED, 1, EXTENDED, 16, 24),
    (InquiryState.IN_APPROVAL_1, 7, OK, 2, 11),
    (InquiryState.IN_APPROVAL_1, 1, OVERDUE, 15, 20),
    (InquiryState.IN_APPROVAL_2, 6, OK, 3, 12),
    (InquiryState.APPROVED, 5, OK, 3, 12),
    (InquiryState.SENT, 8, OK, 3, 25),
    (InquiryState.SENT, 2, LATE, 18, 30),
    (InquiryState.CLOSED, 24, OK, 20, 125),
    (InquiryState.CLOSED, 4, LATE, 20, 125),
    (InquiryState.CLOSED, 2, EXTENDED, 40, 120),
    (InquiryState.CLOSED, 2, REFUSAL, 30, 110),
    (InquiryState.WITHDRAWN, 5, OK, 5, 110),
]

INFO, CORRECTION, PUBLICATION = RequestKind.INFORMATION, RequestKind.CORRECTION, RequestKind.PUBLICATION
R = RequestState
# (kind, title, details, requested by, target units, state, days ago, where it circulates,
#  [(author, message)]); corrections name the live release they correct (see CORRECTIONS).
REQUESTS = [
    (
        INFO,
        "Monitoring mediów: korki na rondzie Kościuszki",
        "W mediach społecznościowych i na portalu Wierzbin24 narasta krytyka korków na rondzie przy ul. "
        "Kościuszki po zmianie organizacji ruchu. Prosimy o zapoznanie się z materiałami i przygotowanie "
        "danych z pomiarów ruchu – spodziewamy się pytań dziennikarzy.",
        COORDINATOR,
        ["ZDM", "WKT"],
        R.DONE,
        40,
        "",
        [("barbara.szymanska", "Dane z pętli indukcyjnych z ostatnich dwóch tygodni są w przygotowaniu.")],
    ),
    (
        INFO,
        "Monitoring: zapowiedź artykułu o wycince w parku nad Wierzbinką",
        "Kurier Wierzbiński zapowiada na sobotę artykuł o wycince drzew w parku nad Wierzbinką. "
        "Przekazujemy do wiadomości i prosimy o wskazanie osoby do kontaktu z mediami.",
        COORDINATOR,
        ["WOS", "WGK"],
        R.IN_PROGRESS,
        6,
        "",
        [],
    ),
    (
        INFO,
        "Monitoring: wpisy mieszkańców o nieodebranych odpadach na Zatorzu",
        "Na grupie „Zatorze – sąsiedzi” pojawiło się kilkadziesiąt wpisów o nieodebranych odpadach "
        "segregowanych. Prosimy o sprawdzenie, czy problem jest znany.",
        COORDINATOR,
        ["ZGO"],
        R.NEW,
        1,
        "https://facebook.example.com/groups/zatorze-sasiedzi",
        [],
    ),
    (
        INFO,
        "Zapowiedź reportażu TVP3 o jakości wody",
        "TVP3 Wierzbin przygotowuje reportaż o jakości wody w sieci miejskiej po awariach na Piaskach. Ekipa "
        "poprosi o zdjęcia na stacji uzdatniania. Prosimy o potwierdzenie gotowości do nagrania.",
        COORDINATOR,
        ["MPWIK"],
        R.DONE,
        75,
        "",
        [("rafal.kubiak", "Nagranie możliwe we wtorek od 10:00, oprowadzi kierownik stacji.")],
    ),
    (
        INFO,
        "Radio Wierzbin FM: audycja o dowozach uczniów",
        "W czwartek o 9:00 audycja z udziałem rodziców dzieci dowożonych do szkół specjalnych. Przekazujemy "
        "do wiadomości; rozważamy udział naczelniczki wydziału.",
        COORDINATOR,
        ["WE"],
        R.IN_PROGRESS,
        4,
        "",
        [("ewa.kaczmarek", "Mogę wziąć udział w audycji, proszę o pytania wcześniej.")],
    ),
    (
        INFO,
        "Wierzbin24 pisze o opóźnieniach budowy tramwaju",
        "Redakcja Wierzbin24 zbiera opinie o rzekomych opóźnieniach przy przygotowaniu budowy tramwaju na "
        "Zielone Wzgórza. Przekazujemy do wiadomości WIM i MPK.",
        COORDINATOR,
        ["WIM", "MPK"],
        R.NEW,
        0,
        "https://wierzbin24.example.pl/",
        [],
    ),
    (
        INFO,
        "Tematy konferencji prasowej prezydenta w czwartek",
        "Konferencja prasowa prezydenta w czwartek o 11:00 w ratuszu: budżet na przyszły rok, zima w "
        "mieście, budowa tramwaju. Prosimy wydziały o aktualne dane do środy, do 14:00.",
        COORDINATOR,
        ["WGK", "WE", "WIM", "WKT"],
        R.DONE,
        25,
        "",
        [],
    ),
    (
        INFO,
        "Monitoring: ceny biletów MPK w mediach społecznościowych",
        "Wpis radnego o „ukrytej podwyżce” cen biletów okresowych ma ponad 800 udostępnień. Przekazujemy do "
        "wiadomości i prosimy o przygotowanie wyjaśnienia.",
        COORDINATOR,
        ["MPK"],
        R.IN_PROGRESS,
        3,
        "https://x.example.com/radny_wierzbin/status/1",
        [],
    ),
    (
        INFO,
        "Pytania o przepełnione schronisko dla zwierząt",
        "Wolontariusze zapowiadają akcję w mediach o przepełnionym schronisku. Prosimy o przygotowanie "
        "danych o liczbie zwierząt i adopcjach.",
        COORDINATOR,
        ["WGK"],
        R.NEW,
        2,
        "",
        [],
    ),
    (
        CORRECTION,
        "Sprostowanie: błędna liczba pługopiaskarek w portalu Wierzbin24",
        "Portal Wierzbin24 podał, że miasto ma w gotowości 28 pługopiaskarek. W rzeczywistości jest ich 48, "
        "jak w naszym komunikacie. Prosimy o sprostowanie i wyjaśnienie w komunikacie.",
        "barbara.szymanska",
        ["ZDM"],
        R.DONE,
        0,
        "https://wierzbin24.example.pl/zima-w-miescie-28-plugow",
        [],
    ),
    (
        CORRECTION,
        "Sprostowanie: termin naboru do przedszkoli",
        "Kilka portali podało, że nabór do przedszkoli rusza w lutym. Wnioski rodzice składają od 1 do 21 "
        "marca. "
        "Prosimy o sprostowanie i wyraźne podanie terminu w komunikacie.",
        "ewa.kaczmarek",
        ["WE"],
        R.DONE,
        0,
        "https://naszemiasto-wierzbin.example.pl/nabor-do-przedszkoli",
        [],
    ),
    (
        CORRECTION,
        "Nieprawdziwa informacja o podwyżce cen wody",
        "Radio Nadrzecze podało, że woda podrożeje od stycznia o 20%. Taryfa zatwierdzona przez Wody Polskie "
        "przewiduje wzrost o 5,4%. Prosimy o sprostowanie.",
        "rafal.kubiak",
        ["MPWIK"],
        R.IN_PROGRESS,
        3,
        "https://radionadrzecze.example.pl/woda-drozeje",
        [],
    ),
    (
        CORRECTION,
        "Błędny rozkład jazdy linii 7 w portalu Nasze Miasto",
        "Portal opublikował nieaktualny rozkład jazdy linii 7 (sprzed zmian z 1 września). Pasażerowie "
        "dzwonią na infolinię MPK.",
        "jan.lewandowski",
        ["MPK"],
        R.NEW,
        1,
        "https://naszemiasto-wierzbin.example.pl/rozklad-linii-7",
        [],
    ),
    (
        CORRECTION,
        "Fałszywy wpis o zamknięciu PSZOK",
        "Na profilu „Wierzbin bez cenzury” pojawił się wpis, że PSZOK przy ul. Przemysłowej zostanie "
        "zamknięty od stycznia. To nieprawda.",
        "lukasz.zawadzki",
        ["ZGO"],
        R.REJECTED,
        15,
        "https://facebook.example.com/wierzbinbezcenzury",
        [],
    ),
    (
        CORRECTION,
        "Nieaktualne dane o jakości powietrza w Kurierze",
        "Kurier Wierzbiński podał dane o pyle PM10 sprzed modernizacji stacji pomiarowej. Aktualne pomiary "
        "pokazują o 30% mniejsze stężenia.",
        "iwona.baran",
        ["WOS"],
        R.IN_PROGRESS,
        5,
        "https://kurier-wierzbinski.example.pl/smog",
        [],
    ),
    (
        PUBLICATION,
        "Przerwa w dostawie wody na Piaskach w czwartek",
        "W czwartek od 8:00 do 14:00 nie będzie wody na Piaskach (ulice Leśna, Polna i Łąkowa).\n\n"
        "MPWiK wymienia zasuwy na magistrali. Beczkowozy staną przy ul. Leśnej 4 i przy szkole.",
        "rafal.kubiak",
        ["MPWIK"],
        R.ACCEPTED,
        2,
        "",
        [],
    ),
    (
        PUBLICATION,
        "Zmiany w rozkładzie jazdy MPK od 1 grudnia",
        "Od 1 grudnia nowa linia 21 do strefy przemysłowej i zmiany w kursach linii 4 i 17 w soboty "
        "wieczorem.",
        "jan.lewandowski",
        ["MPK"],
        R.NEW,
        0,
        "",
        [],
    ),
    (
        PUBLICATION,
        "Jesienne nasadzenia drzew",
        "W listopadzie posadzimy 640 drzew w 12 lokalizacjach. Prosimy o post z mapą nasadzeń.",
        "iwona.baran",
        ["WOS"],
        R.IN_PROGRESS,
        3,
        "",
        [(COORDINATOR, "Mapę przygotuje grafik w przyszłym tygodniu.")],
    ),
    (
        PUBLICATION,
        "Zapisy na zajęcia w ferie zimowe",
        "Od 10 stycznia zapisy na bezpłatne zajęcia w szkołach w czasie ferii zimowych.\n\n"
        "Zajęcia sportowe, plastyczne i wycieczki przygotowało 28 szkół; zapisy w sekretariatach.",
        "ewa.kaczmarek",
        ["WE"],
        R.DONE,
        20,
        "",
        [],
    ),
    (
        PUBLICATION,
        "Zamknięcie kładki nad Wierzbinką na czas wymiany barierek",
        "Od poniedziałku na trzy dni zamykamy kładkę nad Wierzbinką przy ul. Młyńskiej.\n\n"
        "Wykonawca wymieni skorodowane barierki. Objście mostem przy ul. Kolejowej.",
        "barbara.szymanska",
        ["ZDM"],
        R.ACCEPTED,
        4,
        "",
        [],
    ),
    (
        PUBLICATION,
        "Harmonogram odbioru choinek",
        "Choinki odbierzemy sprzed posesji w dniach 8–17 stycznia według rejonów.",
        "lukasz.zawadzki",
        ["ZGO"],
        R.NEW,
        1,
        "",
        [],
    ),
    (
        PUBLICATION,
        "Nowe wiaty przystankowe",
        "Zakończyliśmy montaż 35 nowych wiat przystankowych, w tym 12 z zielonymi dachami.",
        "barbara.szymanska",
        ["ZDM"],
        R.REJECTED,
        30,
        "",
        [],
    ),
    (
        PUBLICATION,
        "Dzień otwarty oczyszczalni ścieków",
        "W sobotę od 10:00 do 15:00 zapraszamy na dzień otwarty oczyszczalni ścieków.\n\n"
        "Zwiedzanie z przewodnikiem co godzinę, pokazy laboratorium i konkursy dla dzieci.",
        "rafal.kubiak",
        ["MPWIK"],
        R.DONE,
        50,
        "",
        [],
    ),
]
# The live release each correction request corrects, and the sentence the correcting revision adds.
CORRECTIONS = {
    "Sprostowanie: błędna liczba pługopiaskarek w portalu Wierzbin24": (
        "Zimowe utrzymanie dróg: 48 pługopiaskarek w gotowości",
        "Sprostowanie: w gotowości jest 48 pługopiaskarek, a nie 28, jak podały niektóre media.",
    ),
    "Sprostowanie: termin naboru do przedszkoli": (
        "Nabór do przedszkoli na rok szkolny 2027/2028",
        "Przypominamy: wnioski składa się od 1 do 21 marca 2027 roku, a nie w lutym.",
    ),
}
REJECTIONS = {
    "Fałszywy wpis o zamknięciu PSZOK": "Autor usunął wpis po naszym komentarzu; sprostowanie zbędne.",
    "Nowe wiaty przystankowe": "Podamy to w zbiorczym komunikacie o inwestycjach drogowych na koniec roku.",
}


def load(command):
    """Create the demo desk unless there are cases already; report to the command."""
    if Inquiry.objects.exists() or InternalRequest.objects.exists():
        return
    team = Team.gather()
    if team is None:
        return
    rng = random.Random(6)  # noqa: S311 - repeatable demo data, not secrets
    now = timezone.now()
    plans = _plans(rng, now)
    with (
        override_settings(EMAIL_BACKEND=DUMMY_MAIL),
        tqdm(
            total=len(plans) + len(REQUESTS),
            desc=_("Inquiry desk"),
            unit=_("cases"),
            disable=None,
            leave=False,
            file=command.stderr._out,
        ) as bar,
        Clock(now).running() as clock,
    ):
        for plan in plans:
            DemoCase(team, clock, rng, plan).build()
            bar.update()
        for entry in REQUESTS:
            _request(team, clock, rng, entry)
            bar.update()
        clock.settle()
        _sweep(now)
    counts = Counter(Inquiry.objects.values_list("state", flat=True))
    command.stdout.write(
        _("Inquiry desk: %(inquiries)d inquiries (%(states)s), %(requests)d internal requests.")
        % {
            "inquiries": sum(counts.values()),
            "states": ", ".join(f"{label}: {counts[value]}" for value, label in InquiryState.choices),
            "requests": InternalRequest.objects.count(),
        }
    )


@dataclass
class Team:
    """The demo's people, units, kinds, topics and journalists, read once."""

    head: object
    coordinator: object
    editor: object
    units: dict
    members: dict  # unit code: [(user, role)]
    kinds: dict
    topics: dict
    narratives: dict  # topic slug: active narratives
    journalists: list
    broadcasters: list  # journalists of radio and television, who ask for recordings
    approvers: dict = field(default_factory=dict)  # (unit codes, author id): who approves at stage 1

    @classmethod
    def gather(cls):
        users = {user.username: user for user in get_user_model().objects.filter(is_active=True)}
        journalists = list(
            Journalist.objects.filter(active=True, employments__ended_on__isnull=True)
            .distinct()
            .prefetch_related("emails", "employments__outlet")
            .order_by("pk")
        )
        if not journalists or not {HEAD, COORDINATOR, EDITOR} <= set(users):
            return None
        members = {}
        for membership in Membership.objects.select_related("user", "unit").order_by("pk"):
            if membership.user.is_active:
                members.setdefault(membership.unit.code, []).append((membership.user, membership.role))
        topics = {
            slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in BEATS
        }
        narratives = {}
        active = Narrative.objects.filter(to_q(condition(ACTIVE, timezone.localdate())))
        for narrative in active.prefetch_related("topics").order_by("pk"):
            for topic in narrative.topics.all():
                narratives.setdefault(topic.slug, []).append(narrative)
        broadcast = (OutletKind.TV, OutletKind.RADIO)
        return cls(
            head=users[HEAD],
            coordinator=users[COORDINATOR],
            editor=users[EDITOR],
            units={unit.code: unit for unit in Unit.objects.all()},
            members=members,
            kinds={kind.name: kind for kind in InquiryKind.objects.all()},
            topics=topics,
            narratives=narratives,
            journalists=journalists,
            broadcasters=[
                j for j in journalists if any(job.outlet.kind in broadcast for job in j.current_employments())
            ],
        )

    def people(self, code, *roles_):
        return [user for user, role in self.members.get(code, []) if not roles_ or role in roles_]

    def approver(self, inquiry, author, codes):
        """Someone who may approve at stage 1 (the desk's rule decides) and did not write the text."""
        key = (tuple(codes), author.pk)
        if key not in self.approvers:
            first = [user for code in codes for user in self.people(code, *APPROVER_ROLES)]
            others = [user for code in self.members for user in self.people(code, *APPROVER_ROLES)]
            candidates = [*first, *others, self.coordinator, self.head]
            self.approvers[key] = next(
                user for user in candidates if user != author and roles.is_unit_approver(user, inquiry)
            )
        return self.approvers[key]


class Clock:
    """Dates what the services recorded as "now" to the moment a demo step happened.

    While it runs, the rows created during a step (log entries, timeline entries,
    messages, versions, decisions, notifications...) are noted with the step's
    moment; ``settle()`` dates them all with a few updates per table.
    Notifications older than a day are marked read.
    """

    STAMPED = {
        ModelLogEntry: ("timestamp",),
        PageLogEntry: ("timestamp",),
        Revision: ("created_at",),
        TimelineEntry: ("occurred_at", "created_at"),
        Assignment: ("created_at",),
        Message: ("created_at",),
        Attachment: ("created_at",),
        TextVersion: ("created_at",),
        Decision: ("decided_at",),
        RequestMessage: ("created_at",),
        Notification: ("created_at",),
    }
    READ_AFTER = datetime.timedelta(days=1)
    CHUNK = 500  # rows dated per update

    def __init__(self, now):
        self.now, self.moment = now, None
        self.created = {model: {} for model in self.STAMPED}  # model: {moment: [ids]}

    @contextlib.contextmanager
    def running(self):
        for model in self.STAMPED:
            post_save.connect(self._noted, sender=model, dispatch_uid=f"demo-clock-{model.__name__}")
        try:
            yield self
        finally:
            for model in self.STAMPED:
                post_save.disconnect(sender=model, dispatch_uid=f"demo-clock-{model.__name__}")

    def _noted(self, sender, instance, created, **kwargs):
        if created and self.moment is not None:
            self.created[sender].setdefault(self.moment, []).append(instance.pk)

    @contextlib.contextmanager
    def at(self, moment):
        self.moment = moment
        try:
            yield
        finally:
            self.moment = None

    def settle(self):
        for model, moments in self.created.items():
            chunk, size = [], 0
            for moment, ids in moments.items():
                chunk.append((moment, ids))
                size += len(ids)
                if size >= self.CHUNK:
                    self._date(model, chunk)
                    chunk, size = [], 0
            if chunk:
                self._date(model, chunk)
            moments.clear()

    def _date(self, model, chunk):
        values = {name: self._dates(chunk, name) for name in self.STAMPED[model]}
        if model is Notification:
            read = [
                (moment + datetime.timedelta(hours=2), ids)
                for moment, ids in chunk
                if moment < self.now - self.READ_AFTER
            ]
            values["read_at"] = self._dates(read, "read_at")
        model.objects.filter(pk__in=[pk for _moment, ids in chunk for pk in ids]).update(**values)

    @staticmethod
    def _dates(chunk, name):
        whens = [When(pk__in=ids, then=Value(moment)) for moment, ids in chunk]
        return Case(*whens, default=F(name), output_field=DateTimeField()) if whens else F(name)


def spread(start, end, count, rng):
    """``count`` moments in order between ``start`` and ``end``, in working hours when there are some."""
    hours = working_hours_between(start, end)
    moments = []
    for fraction in sorted(rng.uniform(0.05, 0.95) for _n in range(count)):
        if hours >= 0.5:
            moments.append(min(add_working_hours(start, hours * fraction), end))
        else:
            moments.append(start + (end - start) * fraction)
    return moments


class Steps:
    """Steps of a case in order: some at a fixed moment, the others spread between those."""

    def __init__(self, start, rng):
        self.start, self.rng, self.steps = start, rng, []

    def then(self, action, at=None):
        self.steps.append((at, action))

    def play(self, clock, end):
        """Take every step at its moment (the last ones before ``end``); returns the last moment."""
        anchors = (
            [(-1, self.start)]
            + [(i, at) for i, (at, _a) in enumerate(self.steps) if at]
            + [(len(self.steps), end)]
        )
        moments = {}
        for (i, begin), (j, finish) in zip(anchors, anchors[1:], strict=False):
            moments[j] = finish
            for k, moment in enumerate(spread(begin, max(begin, finish), j - i - 1, self.rng), i + 1):
                moments[k] = moment
        for i, (_at, action) in enumerate(self.steps):
            with clock.at(moments[i]):
                action(moments[i])
        return moments[len(self.steps) - 1] if self.steps else self.start


@dataclass
class Plan:
    state: str
    variant: str
    received_at: datetime.datetime
    question: tuple
    priority: str
    back_at_unit: bool = False
    back_at_head: bool = False
    fill: dict = field(default_factory=dict)


def _plans(rng, now):
    """What every case will be, oldest first (so the case numbers follow the dates)."""
    plans = []
    with_units = [q for q in QUESTIONS if q[3]]
    for state, count, variant, first_day, last_day in PLAN:
        for _n in range(count):
            if variant == REFUSAL:
                question = rng.choice(REFUSED)
            elif state == InquiryState.WAITING_FOR_UNIT or variant in (OVERDUE, EXTENDED):
                question = rng.choice(with_units)
            else:
                question = rng.choice(QUESTIONS)
            plans.append(
                Plan(
                    state=state,
                    variant=variant,
                    received_at=_received(rng, now, variant, first_day, last_day),
                    question=question,
                    priority=_priority(rng, state, variant),
                    back_at_unit=rng.random() < 0.3,
                    back_at_head=rng.random() < 0.2,
                    fill={
                        "street": rng.choice(STREETS),
                        "place": (place := rng.choice(PLACES)),
                        "place_title": place[0].upper() + place[1:],
                        "school": rng.randint(1, 24),
                    },
                )
            )
    return sorted(plans, key=lambda plan: plan.received_at)


def _received(rng, now, variant, first_day, last_day):
    if variant == SOON:
        return now - datetime.timedelta(minutes=rng.randint(15, 50))
    local = timezone.localtime(now)
    day = local.date() - datetime.timedelta(days=rng.randint(first_day, last_day))
    minutes = rng.randint(7 * 60 + 30, 15 * 60 + 30) if rng.random() < 0.75 else rng.randint(16 * 60, 21 * 60)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60)))
    return min(moment, now - datetime.timedelta(minutes=rng.randint(30, 180)))


def _priority(rng, state, variant):
    if variant == SOON:
        return Priority.URGENT
    if variant in (OVERDUE, EXTENDED, REFUSAL):
        return Priority.NORMAL
    if state in (InquiryState.SENT, InquiryState.CLOSED, InquiryState.WITHDRAWN):
        return rng.choice([Priority.LOW] + [Priority.NORMAL] * 5 + [Priority.HIGH] * 2 + [Priority.URGENT])
    return rng.choice([Priority.LOW, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL])


class DemoCase:
    """One inquiry taken through the services to its planned state."""

    def __init__(self, team, clock, rng, plan):
        self.team, self.clock, self.rng, self.plan = team, clock, rng, plan
        kind, subject, question, codes, topics, part, text = plan.question
        self.kind, self.codes, self.part = kind, codes, part
        self.subject = subject.format(**plan.fill)
        self.question = question.format(**plan.fill)
        self.text = text.format(**plan.fill)
        self.topics = [team.topics[slug] for slug in topics if slug in team.topics]
        self.coordinator = team.coordinator if rng.random() < 0.75 else team.head
        self.dates = {}
        self.inquiry = None

    def build(self):
        plan, now = self.plan, self.clock.now
        with self.clock.at(plan.received_at):
            self._open()
        inquiry = self.inquiry
        steps = Steps(plan.received_at, self.rng)
        reach = ORDER.index(plan.state) if plan.state in ORDER else self.rng.randint(0, 3)
        if plan.variant == REFUSAL:
            reach = ORDER.index(InquiryState.WAITING_FOR_UNIT)
        self._work(steps, reach)
        answered = self._answered_at()
        if reach >= ORDER.index(InquiryState.SENT):
            steps.then(self._send, at=answered)
        if plan.state == InquiryState.CLOSED and plan.variant != REFUSAL:
            steps.then(self._close, at=min(add_working_hours(answered, self.rng.uniform(2, 16)), now))
        if plan.variant == REFUSAL:
            statutory = inquiry.statutory_due_at
            decided = add_working_hours(
                plan.received_at, working_hours_between(plan.received_at, statutory) * 0.8
            )
            steps.then(self._refuse, at=min(decided, now))
        if plan.state == InquiryState.WITHDRAWN:
            withdrawn = plan.received_at + datetime.timedelta(days=self.rng.uniform(1, 4))
            steps.then(self._withdraw, at=min(withdrawn, now - datetime.timedelta(hours=1)))
        if plan.state in ORDER[:7]:  # still open: the last step some time before now
            end = plan.received_at + (now - plan.received_at) * self.rng.uniform(0.8, 0.97)
        else:
            end = now
        last = steps.play(self.clock, end)
        Inquiry.objects.filter(pk=inquiry.pk).update(
            created_at=plan.received_at, updated_at=last, **self.dates
        )

    # Steps

    def _open(self):
        plan, team, rng = self.plan, self.team, self.rng
        pool = team.broadcasters if self.kind == RECORDING and team.broadcasters else team.journalists
        media_deadline = None
        if rng.random() < 0.35:
            media_deadline = plan.received_at + datetime.timedelta(
                days=rng.randint(1, 4), hours=rng.randint(1, 5)
            )
        self.inquiry = cases.open_inquiry(
            user=team.coordinator,
            kind=team.kinds[self.kind],
            subject=self.subject,
            question=self.question,
            priority=plan.priority,
            channel=rng.choice(CHANNELS[self.kind]),
            received_at=plan.received_at,
            media_deadline=media_deadline,
            topics=self.topics,
            journalist=rng.choice(pool),
            files=[("pytania.txt", QUESTIONS_FILE.encode())] if rng.random() < 0.08 else (),
        )

    def _work(self, steps, reach):
        plan, rng, inquiry = self.plan, self.rng, self.inquiry
        at = ORDER.index
        if reach >= at(InquiryState.ASSIGNED):
            steps.then(self._take)
        if rng.random() < 0.3:
            steps.then(self._follow_up)
        units = self.codes if reach >= at(InquiryState.WAITING_FOR_UNIT) else []
        if reach == at(InquiryState.ASSIGNED) and rng.random() < 0.4:
            units = self.codes[:1]  # a unit chosen, not asked yet
        for code in units:
            steps.then(lambda when, code=code: self._assign(code, when))
        if reach >= at(InquiryState.WAITING_FOR_UNIT) and self.codes:
            steps.then(self._ask_units)
            if rng.random() < 0.2:
                steps.then(self._receipt)
        if plan.variant == EXTENDED:
            share = rng.uniform(0.6, 0.85)
            extended_at = add_working_hours(
                plan.received_at, working_hours_between(plan.received_at, inquiry.statutory_due_at) * share
            )
            steps.then(self._extend, at=min(extended_at, self.clock.now - datetime.timedelta(minutes=30)))
        if rng.random() < 0.5 and reach >= at(InquiryState.ASSIGNED):
            steps.then(self._note)
        contributing = self.codes if reach >= at(InquiryState.ANSWER_DRAFTED) else []
        if reach == at(InquiryState.WAITING_FOR_UNIT) and len(self.codes) > 1 and rng.random() < 0.5:
            contributing = self.codes[:1]  # one unit answered, the other not yet
        for number, code in enumerate(contributing):
            steps.then(lambda when, code=code, number=number: self._contribute(code, number, when))
        if reach < at(InquiryState.ANSWER_DRAFTED):
            return
        self.author = self._author()
        returned_now = reach == at(InquiryState.ANSWER_DRAFTED) and plan.back_at_unit
        steps.then(lambda when: self._draft(self._first_version()))
        if plan.back_at_unit and reach >= at(InquiryState.ANSWER_DRAFTED):
            steps.then(self._submit)
            steps.then(self._send_back_at_unit)
            if not returned_now:
                steps.then(lambda when: self._draft(self.text))
        if reach >= at(InquiryState.IN_APPROVAL_1):
            steps.then(self._submit)
        if reach >= at(InquiryState.IN_APPROVAL_1) and plan.back_at_head:
            steps.then(self._pass_unit)
            steps.then(self._send_back_at_head)
            steps.then(lambda when: self._draft(f"{self.text} {self.addition}"))
            steps.then(self._submit)
        if reach >= at(InquiryState.IN_APPROVAL_2):
            steps.then(self._pass_unit)
        if reach >= at(InquiryState.APPROVED):
            steps.then(self._approve)

    def _answered_at(self):
        """When the answer went out: on time (before its deadline), late, or within the extension."""
        plan, rng, inquiry, now = self.plan, self.rng, self.inquiry, self.clock.now
        latest = now - datetime.timedelta(hours=1)
        if plan.variant == LATE:
            return min(add_working_hours(inquiry.due_at, rng.uniform(3, 40)), latest)
        if plan.variant == EXTENDED:
            due = inquiry.statutory_due_at
            return min(add_working_hours(due, rng.uniform(8, 60)), latest)
        horizon = min(inquiry.due_at, latest)
        hours = working_hours_between(plan.received_at, horizon)
        if hours < 0.5:
            return plan.received_at + (horizon - plan.received_at) * rng.uniform(0.4, 0.9)
        return min(add_working_hours(plan.received_at, hours * rng.uniform(0.35, 0.9)), horizon)

    def _take(self, when):
        user = (
            self.team.head if self.coordinator == self.team.coordinator and self.rng.random() < 0.3 else None
        )
        cases.set_coordinator(self.inquiry, self.coordinator, user or self.coordinator)

    def _follow_up(self, when):
        inquiry = self.inquiry
        cases.record_incoming(
            inquiry,
            body=self.rng.choice(FOLLOW_UPS),
            subject=f"Re: {inquiry.subject}",
            from_address=inquiry.reply_to,
        )

    def _assign(self, code, when):
        people = self.team.people(code)
        experts = [self.rng.choice(people)] if people and self.rng.random() < 0.7 else []
        due = add_working_hours(when, self.rng.choice([8, 12, 16, 24]))
        cases.assign_unit(
            self.inquiry,
            self.team.units[code],
            user=self.coordinator,
            due_at=due.replace(minute=0 if due.minute < 30 else 30, second=0, microsecond=0),
            experts=experts,
            instructions=self.rng.choice(INSTRUCTIONS),
        )

    def _ask_units(self, when):
        cases.transition(self.inquiry, "ask_units", self.coordinator)

    def _receipt(self, when):
        cases.add_message(self.inquiry, user=self.coordinator, body=RECEIPT, visibility=Visibility.EXTERNAL)

    def _extend(self, when):
        plan = self.plan
        days = self.rng.randint(30, 45)
        local = timezone.localtime(plan.received_at) + datetime.timedelta(days=days)
        new_due = local.replace(hour=15, minute=30, second=0, microsecond=0)
        cases.send_extension_notice(
            self.inquiry, user=self.coordinator, new_due=new_due, reason=self.rng.choice(EXTENSION_REASONS)
        )
        self.dates["extension_sent_at"] = when

    def _note(self, when):
        inquiry = self.inquiry
        writers = [self.coordinator] + [
            a.experts.first() or self.coordinator for a in inquiry.assignments.all()
        ]
        cases.add_message(inquiry, user=self.rng.choice(writers), body=self.rng.choice(NOTES))

    def _contribute(self, code, number, when):
        assignment = self.inquiry.assignments.get(unit__code=code)
        people = list(assignment.experts.all()) or self.team.people(code) or [self.coordinator]
        text = (self.part if number == 0 else self.rng.choice(SECOND_UNIT)).format(**self.plan.fill)
        cases.contribute(assignment, text, people[0])
        Assignment.objects.filter(pk=assignment.pk).update(contributed_at=when)
        _met(self.inquiry, when)

    def _author(self):
        """A representative of the first unit writes some answers, the coordinator the others."""
        representatives = self.team.people(self.codes[0], MembershipRole.REPRESENTATIVE) if self.codes else []
        if representatives and self.rng.random() < 0.4:
            return representatives[0]
        return self.team.coordinator

    def _first_version(self):
        sentences = self.text.split(". ")
        return ". ".join(sentences[:-1]) + "." if len(sentences) > 2 else self.text

    def _draft(self, body):
        narratives = []
        for topic in self.topics:
            if self.team.narratives.get(topic.slug) and self.rng.random() < 0.3:
                narratives = [self.rng.choice(self.team.narratives[topic.slug])]
                break
        answer.save_draft(self.inquiry, body, self.author, narratives=narratives)

    def _submit(self, when):
        answer.ANSWER.submit(self.inquiry, self.author)

    def _send_back_at_unit(self, when):
        approver = self.team.approver(self.inquiry, self.author, self.codes)
        answer.ANSWER.decide(self.inquiry, approver, approve=False, comment=self.rng.choice(UNIT_RETURNS))

    def _pass_unit(self, when):
        approver = self.team.approver(self.inquiry, self.author, self.codes)
        answer.ANSWER.decide(self.inquiry, approver, approve=True)

    def _send_back_at_head(self, when):
        comment, self.addition = self.rng.choice(HEAD_RETURNS)
        answer.ANSWER.decide(self.inquiry, self.team.head, approve=False, comment=comment)

    def _approve(self, when):
        answer.ANSWER.decide(self.inquiry, self.team.head, approve=True)

    def _send(self, when):
        self.inquiry.refresh_from_db()  # the approval flow moved the state on its own copy
        answer.send_answer(self.inquiry, self.coordinator)
        TextVersion.objects.of(self.inquiry).filter(sent_at__isnull=False).update(sent_at=when)
        self.dates["answered_at"] = when
        _met(self.inquiry, when)

    def _close(self, when):
        cases.transition(self.inquiry, "close", self.coordinator)
        self.dates["closed_at"] = when

    def _withdraw(self, when):
        cases.transition(self.inquiry, "withdraw", self.coordinator, comment=self.rng.choice(WITHDRAWALS))
        self.dates["closed_at"] = when
        _met(self.inquiry, when)

    def _refuse(self, when):
        inquiry, ground = self.inquiry, self.text
        number = f"BP.1431.{inquiry.pk}.{timezone.localtime(when).year}"
        decided_on = timezone.localtime(when).date()
        cases.record_refusal(
            inquiry,
            user=self.coordinator,
            number=number,
            decided_on=decided_on,
            file_name=f"decyzja-{number.replace('.', '-')}.pdf",
            data=decision_pdf(inquiry, number, decided_on, ground),
        )
        self.dates["closed_at"] = when
        _met(inquiry, when)


def _met(inquiry, when):
    """Deadlines the step met "now" were met at ``when``."""
    Deadline.objects.of(inquiry).filter(met_at__gt=when).update(met_at=when)


def decision_pdf(inquiry, number, decided_on, ground):
    """A one-page PDF of the refusal decision (transliterated: the standard PDF fonts lack Polish letters)."""
    lines = [
        "Prezydent Miasta Wierzbin",
        f"Wierzbin, {decided_on:%d.%m.%Y}",
        f"Decyzja nr {number}",
        "o odmowie udostepnienia informacji publicznej",
        f"Dotyczy: {inquiry.number} - {inquiry.subject}",
        f"Podstawa odmowy: {ground}.",
        "Od decyzji przysluguje odwolanie do Samorzadowego Kolegium Odwolawczego w terminie 14 dni.",
    ]
    text = [anyascii(line).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    stream = "BT /F1 11 Tf 16 TL 60 780 Td " + " ".join(f"({line}) '" for line in text) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    document, offsets = "%PDF-1.4\n", []
    for number_, body in enumerate(objects, 1):
        offsets.append(len(document))
        document += f"{number_} 0 obj\n{body}\nendobj\n"
    table = len(document)
    document += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    document += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    document += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n"
    return document.encode("ascii")


# Internal requests


def _request(team, clock, rng, entry):
    kind, title, body, username, codes, state, days_ago, source, thread = entry
    users = {user.username: user for code in team.members for user in team.people(code)}
    users.update({team.coordinator.username: team.coordinator})
    author = users.get(username, team.coordinator)
    units = [team.units[code] for code in codes if code in team.units]
    now = clock.now
    correction = CORRECTIONS.get(title)
    page = None
    if correction:
        page = PressReleasePage.objects.live().filter(title=correction[0]).first()
    if page is not None:
        start = min(page.first_published_at + datetime.timedelta(hours=1), now - datetime.timedelta(hours=3))
    else:
        start = _received(rng, now, OK, days_ago, days_ago)
    with clock.at(start):
        request = internal_requests.open_request(
            user=author,
            kind=kind,
            title=title,
            body=body,
            units=units if kind == INFO else (),
            from_unit=None if kind == INFO else units[0],
            source_url=source,
        )
    steps = Steps(start, rng)
    press = team.coordinator
    for writer, text in thread:
        steps.then(
            lambda when, writer=writer, text=text: internal_requests.add_message(
                request, user=users.get(writer, press), body=text
            )
        )
    if state != R.NEW and (kind != INFO or state == R.IN_PROGRESS or rng.random() < 0.5):
        steps.then(lambda when: internal_requests.transition(request, "start", press))
    if kind == INFO and state != R.NEW:
        for code in codes if state == R.DONE else codes[:1]:
            steps.then(lambda when, code=code: _acknowledge(request, team.people(code)[0], when))
    if kind == CORRECTION and state == R.DONE and page is not None:
        steps.then(lambda when: _correct(request, page, correction[1], team, when))
    if kind == PUBLICATION and state in (R.ACCEPTED, R.DONE):
        steps.then(lambda when: _draft_page(request, team, when))
    if state == R.DONE and (kind != CORRECTION or page is not None):
        steps.then(lambda when: internal_requests.transition(request, "complete", press))
    if state == R.REJECTED:
        steps.then(lambda when: internal_requests.transition(request, "reject", press, REJECTIONS[title]))
    closed = state in (R.DONE, R.REJECTED)
    end = now - datetime.timedelta(minutes=10) if page else start + (now - start) * rng.uniform(0.3, 0.9)
    last = steps.play(clock, end)
    due = add_working_hours(start, rng.choice([16, 24, 40]))
    InternalRequest.objects.filter(pk=request.pk).update(
        created_at=start, updated_at=last, due_at=due, closed_at=last if closed else None
    )


def _acknowledge(request, user, when):
    internal_requests.acknowledge(request, user)
    request.targets.filter(acknowledged_at__gt=when).update(acknowledged_at=when)


def _correct(request, page, sentence, team, when):
    """A new revision of the release with the correction, published, and linked to the request."""
    page = page.specific
    page.body.append(("paragraph", RichText(f"<p><b>{sentence}</b></p>")))
    revision = page.save_revision(user=team.editor, log_action=True)
    revision.publish(user=team.head)
    type(page).objects.filter(pk=page.pk).update(last_published_at=when, latest_revision_created_at=when)
    internal_requests.link_correction(request, revision, team.coordinator)


def _draft_page(request, team, when):
    """The request becomes a draft release in the press room (accepted only, without a press room)."""
    if not internal_requests.press_rooms(team.editor):
        internal_requests.transition(request, "accept", team.editor)
        return
    page = internal_requests.draft_publication(request, "press_release", team.editor)
    type(page).objects.filter(pk=page.pk).update(latest_revision_created_at=when)


# The sweep


def _sweep(now):
    """Remind and escalate what is due now; cases answered late were escalated when they were overdue."""
    sweep.sweep(now)
    escalated = F("due_at") + datetime.timedelta(minutes=4)  # the sweep runs every five minutes
    Deadline.objects.filter(met_at__gt=F("due_at")).update(escalated_at=escalated, reminded_at=escalated)
