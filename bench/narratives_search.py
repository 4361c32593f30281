"""Narrative search: import and indexing rates, and the search API's latency beside raw Elasticsearch.

    .venv/bin/python -m bench.narratives_search [--narratives 100000] [--queries 500] [--clients 8]
                                                [--workers 8]

Needs Elasticsearch: ``ELASTICSEARCH_URL`` is kept (the run refuses to start when it is unset
or does not answer), every index goes under the prefix ``komunikat-bench`` and the run deletes
its ``komunikat-bench-narratives-*`` indices at the end. The database is thrown away as in the
other benchmarks (bench.throwaway); jobs run in-process.

1. Writes ``--narratives`` generated Polish narratives as JSON Lines (19 kinds of position over
   14 topics, streets, districts, schools, years and amounts; a share drafts, a share expired)
   and imports them with ``manage.py import_narratives``: lines per second.
2. Moves the review date of a tenth of the active ones into the past (needs review), then times
   ``search.sync.rebuild(NarrativeDocument)``: documents per second.
3. Serves the product with gunicorn (production settings, ``--workers`` sync workers) and sends
   ``--queries`` seeded queries (word forms, words without Polish letters, typos, phrases, some
   with topic, tag, unit or status filters) to ``/api/v1/narratives/search/`` with a user's
   token, and the same queries' Elasticsearch bodies (``search.narratives.search_body``) straight
   to ``<ELASTICSEARCH_URL>/<alias>/_search``; both with urllib3, one connection per client.
   First at 1 client, then at ``--clients`` concurrent clients, each sending every query once
   from its own starting point. Everything is warmed up first, and a few answers of the two
   sides are compared (same count, same ids in the same order).

Prints p50/p95/p99 and requests per second of both sides, the ratio of their p95, and where an
API request's time goes (Elasticsearch's own ``took``, the raw round trip, the product's search
function called in this process). Exits with 1 when the API's p95 at 1 client is 50 ms or more,
when its p95 is more than twice raw Elasticsearch's at any concurrency, or when indexing is
slower than 2,000 documents per second.
"""

import argparse
import datetime
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import urllib3

from bench import throwaway
from bench.server import gunicorn

INDEX_PREFIX = "komunikat-bench"
SEARCH = "/api/v1/narratives/search/"
TARGET_P95_MS = 50.0
TARGET_RATIO = 2.0
TARGET_INDEX_RATE = 2000.0
SAME_ANSWER_CHECKS = 12

TOPICS = [
    ("transport", "Transport"),
    ("edukacja", "Edukacja"),
    ("inwestycje", "Inwestycje"),
    ("srodowisko", "Środowisko"),
    ("zielen", "Zieleń miejska"),
    ("odpady", "Gospodarka odpadami"),
    ("mieszkalnictwo", "Mieszkalnictwo"),
    ("pomoc-spoleczna", "Pomoc społeczna"),
    ("zdrowie", "Zdrowie"),
    ("kultura", "Kultura"),
    ("sport", "Sport"),
    ("bezpieczenstwo", "Bezpieczeństwo"),
    ("budzet", "Budżet miasta"),
    ("cyfryzacja", "Cyfryzacja"),
]
# (code, name, kind, parent code): two levels, so a unit filter includes sub-units.
UNITS = [
    ("WIM", "Wydział Inwestycji Miejskich", "department", None),
    ("ZDM", "Zarząd Dróg Miejskich", "organisational_unit", "WIM"),
    ("WE", "Wydział Edukacji", "department", None),
    ("ZEAS", "Zespół Ekonomiczno-Administracyjny Szkół", "organisational_unit", "WE"),
    ("WGK", "Wydział Gospodarki Komunalnej", "department", None),
    ("MPO", "Miejskie Przedsiębiorstwo Oczyszczania", "municipal_company", "WGK"),
    ("MPK", "Miejskie Przedsiębiorstwo Komunikacyjne", "municipal_company", "WGK"),
    ("ZBM", "Zarząd Budynków Miejskich", "organisational_unit", "WGK"),
    ("WZ", "Wydział Zdrowia i Spraw Społecznych", "department", None),
    ("MOPS", "Miejski Ośrodek Pomocy Społecznej", "organisational_unit", "WZ"),
    ("WKS", "Wydział Kultury i Sportu", "department", None),
    ("MOSIR", "Miejski Ośrodek Sportu i Rekreacji", "organisational_unit", "WKS"),
    ("WOS", "Wydział Ochrony Środowiska", "department", None),
    ("SM", "Straż Miejska", "organisational_unit", None),
    ("WF", "Wydział Finansów", "department", None),
    ("BC", "Biuro Cyfryzacji", "department", None),
]
# Street names as they follow "ul." (genitive), districts as they follow "dzielnica".
STREETS = [
    "Długiej", "Jaśminowej", "Kościuszki", "Żeromskiego", "Polnej", "Świętokrzyskiej", "Łąkowej",
    "Mickiewicza", "Słowackiego", "Kolejowej", "Ogrodowej", "Lipowej", "Piłsudskiego", "Reymonta",
    "Wierzbowej", "Szkolnej", "Kwiatowej", "Leśnej", "Młyńskiej", "Źródlanej", "Grunwaldzkiej",
    "Wojska Polskiego", "Konopnickiej", "Sienkiewicza", "Traugutta", "Zamkowej", "Fabrycznej",
    "Hallera", "Bema", "Przemysłowej",
]  # fmt: skip
DISTRICTS = [
    "Stare Miasto", "Nadrzecze", "Zielone Wzgórza", "Osiedle Słoneczne", "Wierzbinek", "Podgórze",
    "Zatorze", "Łęgi", "Kamionka", "Borki", "Piaski", "Przylesie",
]  # fmt: skip
# (genitive, "in <month>"): "do końca czerwca", "w czerwcu".
MONTHS = [
    ("stycznia", "w styczniu"), ("lutego", "w lutym"), ("marca", "w marcu"), ("kwietnia", "w kwietniu"),
    ("maja", "w maju"), ("czerwca", "w czerwcu"), ("lipca", "w lipcu"), ("sierpnia", "w sierpniu"),
    ("września", "we wrześniu"), ("października", "w październiku"), ("listopada", "w listopadzie"),
    ("grudnia", "w grudniu"),
]  # fmt: skip
QUALIFIERS = [
    "", "", "", " – stanowisko miasta", " – odpowiedź na pytania mieszkańców", " – informacja dla mediów",
    " – aktualizacja", ": pytania i odpowiedzi", ": co mówimy dziennikarzom", " – wersja uzgodniona",
]  # fmt: skip


class Kind:
    """One kind of position: title patterns, a short version, paragraphs, topics, tags and units."""

    def __init__(self, titles, summary, paragraphs, topics, tags, units):
        self.titles, self.summary, self.paragraphs = titles, summary, paragraphs
        self.topics, self.tags, self.units = topics, tags, units


KINDS = [
    Kind(
        ["Remont ul. {street} w dzielnicy {district} w {year} roku",
         "Przebudowa ul. {street} ({district}): objazdy do końca {month_gen} {year}"],
        "Remont ul. {street} jest konieczny: nawierzchnia i kanalizacja pod ulicą mają ponad {age} lat. "
        "Prace potrwają {weeks} tygodni, objazdy będą oznakowane, a mieszkańcy zachowają dojazd do posesji.",
        ["Zarząd Dróg Miejskich wymienia nawierzchnię jezdni i chodników na ul. {street} na odcinku "
         "{length} metrów. Razem z remontem ulicy wymieniamy rury wodociągowe i kanalizację deszczową.",
         "Na czas remontu ulica będzie zamknięta dla samochodów, a autobusy linii {bus} pojadą objazdem "
         "przez dzielnicę {district}. Piesi przejdą wyznaczonymi przejściami.",
         "Remontu nie przesuniemy: dofinansowanie z funduszy unijnych trzeba rozliczyć do końca {year} "
         "roku. Koszt inwestycji to {amount} mln zł."],
        ["transport", "inwestycje"], ["remont", "objazdy", "drogi", "utrudnienia"], ["ZDM", "WIM"],
    ),
    Kind(
        ["Nowa linia tramwajowa do dzielnicy {district} w {year} roku",
         "Tramwajem na ul. {street}: budowa torowiska w dzielnicy {district} od {month_gen} {year}"],
        "Linia tramwajowa połączy dzielnicę {district} z centrum w {minutes} min. Budowa torowiska "
        "wzdłuż ul. {street} nie wymaga wycinki drzew w parku.",
        ["Tramwaje pojadą co {freq} minut w szczycie i co {freq2} minut wieczorem. Przystanki powstaną "
         "przy ul. {street} i przy Szkole Podstawowej nr {school}.",
         "Miejskie Przedsiębiorstwo Komunikacyjne kupi {n} nowych tramwajów niskopodłogowych z "
         "klimatyzacją; pierwsze wyjadą na tory w {year} roku.",
         "Na czas budowy torowiska mieszkańców dowiozą autobusy zastępcze. Żadna linia autobusowa nie "
         "zastąpi jednak tramwaju na stałe: tramwajem dojedziemy szybciej i bez korków."],
        ["transport"], ["tramwaje", "MPK", "komunikacja miejska", "torowisko"], ["MPK", "ZDM"],
    ),
    Kind(
        ["Rekrutacja do szkół podstawowych w dzielnicy {district} na rok szkolny {year}/{year1}",
         "Szkoła Podstawowa nr {school} przy ul. {street}: obwód bez zmian w {year} roku"],
        "Każde dziecko z obwodu ma zapewnione miejsce w swojej szkole. Miasto nie planuje likwidacji ani "
        "łączenia szkół w dzielnicy {district}.",
        ["Do szkół podstawowych w dzielnicy {district} zapisano w tym roku {pupils} uczniów, o {delta} "
         "więcej niż przed rokiem. Wszystkie szkoły pracują na jedną zmianę.",
         "Szkoła Podstawowa nr {school} przy ul. {street} otworzyła dwie nowe pracownie; w szkole działa "
         "świetlica czynna od 6.30 do 17.30.",
         "Rodzice, którzy chcą zapisać dziecko do szkoły spoza obwodu, składają wniosek przez internet. O "
         "przyjęciu decyduje liczba wolnych miejsc i kryteria uchwalone przez radę miasta."],
        ["edukacja"], ["rekrutacja", "szkoły", "oświata"], ["WE"],
    ),
    Kind(
        ["Miejsca w przedszkolach w dzielnicy {district} w roku szkolnym {year}/{year1}",
         "Opłaty za Przedszkole Miejskie nr {school} przy ul. {street} od września {year}"],
        "W miejskich przedszkolach nie brakuje miejsc dla trzylatków. Pięć godzin dziennie jest "
        "bezpłatnych, a za każdą kolejną godzinę rodzice płacą tyle, ile pozwala ustawa.",
        ["W dzielnicy {district} działa {n} przedszkoli miejskich. Do przedszkoli przyjęto {kids} dzieci; "
         "na liście rezerwowej nie ma żadnego trzylatka.",
         "Przedszkole Miejskie nr {school} przy ul. {street} otworzy w {year} roku dwa nowe oddziały. "
         "Remont budynku przedszkola zakończy się przed wakacjami.",
         "Opłatę za przedszkole ustala rada miasta w granicach ustawy; rodziny wielodzietne płacą połowę "
         "stawki."],
        ["edukacja"], ["przedszkola", "rekrutacja", "opłaty"], ["WE", "ZEAS"],
    ),
    Kind(
        ["Termomodernizacja Szkoły Podstawowej nr {school} w dzielnicy {district}",
         "Remont sali gimnastycznej w szkole przy ul. {street} w wakacje {year}"],
        "Remont szkoły odbędzie się w wakacje, więc uczniowie nie stracą ani jednego dnia nauki. Koszt "
        "prac to {amount} mln zł, w większości z dotacji.",
        ["Ocieplimy ściany i dach szkoły, wymienimy okna i kotłownię. Po remoncie szkoła zużyje o {pct} "
         "procent mniej ciepła.",
         "Sala gimnastyczna w szkole przy ul. {street} dostanie nową podłogę i oświetlenie. Na czas "
         "remontu lekcje wychowania fizycznego odbędą się na boisku i w hali MOSiR.",
         "Wykonawcę wybrano w przetargu; umowa przewiduje kary za każdy dzień opóźnienia."],
        ["edukacja", "inwestycje"], ["remont", "szkoły", "termomodernizacja"], ["ZEAS", "WIM"],
    ),
    Kind(
        ["Wycinka drzew przy ul. {street} w dzielnicy {district}",
         "Nasadzenia zastępcze w parku w dzielnicy {district} jesienią {year}"],
        "Usuwamy tylko drzewa chore i zagrażające przechodniom, na podstawie opinii dendrologa. Za każde "
        "wycięte drzewo posadzimy trzy nowe.",
        ["Dendrolog ocenił {trees} drzew w parku przy ul. {street}; {cut} z nich ma spróchniałe pnie i "
         "może się przewrócić.",
         "Za każde usunięte drzewo w dzielnicy {district} posadzimy trzy nowe: lipy, klony i dęby. "
         "Nasadzenia zastępcze odbędą się jesienią {year} roku.",
         "Park pozostanie otwarty, a alejki w pobliżu wycinki ogrodzimy na czas prac."],
        ["zielen", "srodowisko"], ["drzewa", "zieleń", "parki", "wycinka"], ["WOS"],
    ),
    Kind(
        ["Jakość powietrza w dzielnicy {district} w sezonie grzewczym {year}/{year1}",
         "Dopłaty do wymiany pieców przy ul. {street} i w dzielnicy {district}"],
        "Miasto dopłaca do wymiany starych pieców do {grant} tys. zł. Od {year0} roku stężenie pyłów w "
        "powietrzu spadło o {pct} procent.",
        ["Stacje pomiarowe przy ul. {street} i w dzielnicy {district} pokazują, że dni ze smogiem jest "
         "coraz mniej.",
         "Do tej pory mieszkańcy wymienili {n} pieców węglowych na pompy ciepła, kotły gazowe lub "
         "ogrzewanie miejskie.",
         "Straż Miejska kontroluje, czym palimy w piecach; za spalanie odpadów grozi mandat do 5000 zł."],
        ["srodowisko"], ["smog", "powietrze", "dotacje", "piece"], ["WOS"],
    ),
    Kind(
        ["Opłata za wywóz śmieci w dzielnicy {district} w {year} roku",
         "Nowy harmonogram odbioru odpadów przy ul. {street} od {month_gen} {year}"],
        "Opłata za odpady rośnie, bo rosną koszty ich przetwarzania, a nie zyski firmy. Od stycznia {year} "
        "roku stawka wynosi {fee} zł od mieszkańca miesięcznie.",
        ["Miejskie Przedsiębiorstwo Oczyszczania odbiera odpady z dzielnicy {district} co tydzień, a "
         "bioodpady od kwietnia do października co dwa tygodnie.",
         "Śmieci posegregowane źle trafiają do droższej frakcji zmieszanej; za brak segregacji opłata jest "
         "dwukrotnie wyższa.",
         "Punkt selektywnej zbiórki odpadów przy ul. {street} przyjmuje meble, elektroodpady i odpady "
         "budowlane bez dodatkowej opłaty."],
        ["odpady"], ["śmieci", "odpady", "opłaty", "segregacja"], ["WGK", "MPO"],
    ),
    Kind(
        ["Mieszkania komunalne przy ul. {street} w dzielnicy {district}",
         "Czynsze w mieszkaniach komunalnych w dzielnicy {district} od {year} roku"],
        "Miasto nie sprzedaje budynków komunalnych przy ul. {street}. Lokatorzy przeprowadzą się tylko na "
        "czas remontu i wrócą do swoich mieszkań.",
        ["Zarząd Budynków Miejskich ma w dzielnicy {district} {n} budynków i {flats} mieszkań komunalnych.",
         "Czynsz w mieszkaniu komunalnym wzrośnie w {year} roku o {pct} procent; osoby o niskich dochodach "
         "mogą dostać obniżkę czynszu.",
         "Na mieszkanie komunalne czeka {waiting} rodzin; kolejne mieszkania oddamy po remoncie kamienicy "
         "przy ul. {street}."],
        ["mieszkalnictwo"], ["mieszkania", "czynsze", "lokatorzy"], ["ZBM"],
    ),
    Kind(
        ["Pomoc dla seniorów w dzielnicy {district} w {year} roku",
         "Klub seniora przy ul. {street}: zasiłki i usługi opiekuńcze MOPS w {year} roku"],
        "Miejski Ośrodek Pomocy Społecznej nie ogranicza pomocy dla seniorów. Opiekunki odwiedzają "
        "codziennie {n} osób, a nikt nie czeka na usługi dłużej niż tydzień.",
        ["Seniorzy z dzielnicy {district} mogą korzystać z klubu seniora przy ul. {street} i z bezpłatnych "
         "zajęć ruchowych.",
         "Ośrodek wypłacił w {year} roku {grants} zasiłków celowych, głównie na leki i opał.",
         "Pomocy udzielamy po wywiadzie środowiskowym; nie komentujemy sytuacji konkretnych rodzin ani "
         "osób."],
        ["pomoc-spoleczna"], ["seniorzy", "MOPS", "pomoc społeczna"], ["MOPS", "WZ"],
    ),
    Kind(
        ["Przychodnia przy ul. {street} w dzielnicy {district} pozostanie otwarta",
         "Badania profilaktyczne dla mieszkańców dzielnicy {district} {month_in} {year}"],
        "Przychodnia przy ul. {street} nie zostanie zamknięta. Lekarze przyjmują pacjentów w budynku "
        "zastępczym do końca remontu.",
        ["Miejskie Centrum Zdrowia prowadzi w dzielnicy {district} {n} przychodni; w każdej przychodni "
         "pacjent zapisze się do lekarza rodzinnego.",
         "Bezpłatne badania słuchu, wzroku i cukru dla osób po 60. roku życia odbędą się {month_in}; "
         "nie trzeba skierowania.",
         "Szpital miejski przyjmuje pacjentów z całego miasta; kolejka do poradni specjalistycznych "
         "skróciła się o {pct} procent."],
        ["zdrowie"], ["przychodnie", "zdrowie", "profilaktyka"], ["WZ"],
    ),
    Kind(
        ["Dni Miasta {year}: koncerty na Rynku i w dzielnicy {district}",
         "Remont Teatru Miejskiego i sezon {year}/{year1}: scena zastępcza przy ul. {street}"],
        "Koncerty Dni Miasta są bezpłatne i finansowane głównie przez sponsorów. Teatr Miejski gra w "
        "czasie remontu na scenie zastępczej.",
        ["Na Rynku zagrają orkiestra miejska i zespoły z dzielnicy {district}; ul. {street} będzie "
         "zamknięta od godziny 16.",
         "Remont Teatru Miejskiego kosztuje {amount} mln zł; widzowie z biletami na odwołane spektakle "
         "dostaną zwrot pieniędzy.",
         "Biblioteka Publiczna i domy kultury przygotowały w tym roku {n} wydarzeń dla dzieci i seniorów."],
        ["kultura"], ["koncert", "festiwal", "teatr", "Dni Miasta"], ["WKS"],
    ),
    Kind(
        ["Basen przy ul. {street} zamknięty do końca {month_gen} {year}",
         "Nowe boisko przy Szkole Podstawowej nr {school} w dzielnicy {district}"],
        "Basen jest zamknięty, bo trzeba wymienić filtry i niecki; to nie jest zapowiedź likwidacji. Nowe "
        "boisko w dzielnicy {district} będzie dostępne bezpłatnie.",
        ["Miejski Ośrodek Sportu i Rekreacji wymienia na basenie przy ul. {street} system uzdatniania "
         "wody. Karnety zostaną przedłużone o czas zamknięcia.",
         "Boisko ze sztuczną trawą i bieżnią powstaje przy Szkole Podstawowej nr {school}; po lekcjach z "
         "boiska skorzystają wszyscy mieszkańcy.",
         "Inwestycja kosztuje {amount} mln zł i jest częścią programu budowy boisk w dzielnicach."],
        ["sport", "inwestycje"], ["basen", "boiska", "MOSiR"], ["MOSIR", "WKS"],
    ),
    Kind(
        ["Monitoring miejski w dzielnicy {district} od {month_gen} {year}",
         "Kontrole Straży Miejskiej przy ul. {street} w dzielnicy {district}"],
        "Kamery monitoringu obejmą miejsca wskazane przez mieszkańców i policję. Nagrania przechowujemy "
        "przez 30 dni i udostępniamy tylko uprawnionym służbom.",
        ["Straż Miejska uruchomi {n} nowych kamer przy szkołach, przystankach i w parkach dzielnicy "
         "{district}.",
         "Obraz z kamer trafia do centrum monitoringu czynnego całą dobę; operator powiadamia policję o "
         "każdym zdarzeniu.",
         "Strażnicy kontrolują parkowanie na chodnikach przy ul. {street}; w {year} roku wystawili {fines} "
         "mandatów."],
        ["bezpieczenstwo"], ["monitoring", "straż miejska", "parkowanie"], ["SM"],
    ),
    Kind(
        ["Budżet obywatelski {year}: wyniki głosowania w dzielnicy {district}",
         "Projekty budżetu obywatelskiego przy ul. {street} ({district}, {year})"],
        "W budżecie obywatelskim głosowało {voters} mieszkańców. Miasto zrealizuje wszystkie zwycięskie "
        "projekty, także te droższe od szacunków.",
        ["Mieszkańcy dzielnicy {district} wybrali {n} projektów: ścieżkę rowerową, plac zabaw i nasadzenia "
         "drzew przy ul. {street}.",
         "Budżet obywatelski na {year} rok wynosi {amount} mln zł, czyli {pct} procent wydatków "
         "inwestycyjnych miasta.",
         "Projekty, które nie zmieściły się w budżecie, można zgłosić ponownie w następnej edycji."],
        ["budzet"], ["budżet obywatelski", "konsultacje"], ["WF"],
    ),
    Kind(
        ["Podatek od nieruchomości w {year} roku: stawki dla dzielnicy {district}",
         "Zadłużenie miasta na koniec {month_gen} {year}"],
        "Stawki podatku od nieruchomości rosną o wskaźnik inflacji, nie więcej. Zadłużenie miasta jest "
        "bezpieczne i spada od {year0} roku.",
        ["Rada miasta uchwaliła stawki podatku od nieruchomości na {year} rok; dla mieszkań podatek wynosi "
         "{tax} zł za metr kwadratowy.",
         "Dług miasta na koniec {year} roku to {pct} procent dochodów; spłacamy go zgodnie z harmonogramem.",
         "Pieniądze z podatków finansują szkoły, komunikację miejską i remonty ulic w każdej dzielnicy."],
        ["budzet"], ["podatki", "finanse", "budżet"], ["WF"],
    ),
    Kind(
        ["Ścieżka rowerowa wzdłuż ul. {street} w dzielnicy {district}",
         "Rower miejski w dzielnicy {district} od {month_gen} {year}"],
        "Ścieżka rowerowa wzdłuż ul. {street} nie zabierze miejsc parkingowych. Rower miejski obejmie "
        "dzielnicę {district} od sezonu {year}.",
        ["Ścieżka będzie miała {length} metrów i połączy dzielnicę {district} z siecią ścieżek rowerowych w "
         "centrum.",
         "W systemie roweru miejskiego jest {n} stacji i {bikes} rowerów; pierwsze 20 minut jazdy jest "
         "bezpłatne.",
         "Rowerzyści i piesi będą oddzieleni pasem zieleni; przejścia dla pieszych przy ścieżce dostaną "
         "nowe oświetlenie."],
        ["transport", "srodowisko"], ["ścieżki rowerowe", "rowery", "rower miejski"], ["ZDM"],
    ),
    Kind(
        ["E-usługi urzędu od {month_gen} {year}: wnioski przez internet",
         "Przerwa w systemie rezerwacji wizyt {month_in} {year}: punkt pomocy przy ul. {street}"],
        "Większość spraw w urzędzie załatwimy przez internet, bez kolejki. Przerwa w systemie rezerwacji "
        "nie naruszyła danych osobowych mieszkańców.",
        ["Przez internet można złożyć {n} rodzajów wniosków, m.in. o dowód osobisty, zameldowanie i kartę "
         "mieszkańca.",
         "System rezerwacji wizyt nie działał {month_in} przez {hours} godzin z powodu awarii serwera; "
         "dane mieszkańców nie wyciekły.",
         "Punkt pomocy przy ul. {street} pomaga seniorom założyć profil zaufany."],
        ["cyfryzacja"], ["e-urząd", "cyfryzacja", "dane osobowe"], ["BC"],
    ),
    Kind(
        ["Strefa płatnego parkowania w dzielnicy {district} od {month_gen} {year}",
         "Nowe stawki za parkowanie przy ul. {street} od {year} roku"],
        "Strefa płatnego parkowania ma zwolnić miejsca dla mieszkańców, a nie zarobić dla miasta. "
        "Mieszkańcy strefy płacą za abonament {fee} zł miesięcznie.",
        ["Strefa obejmie ulice wokół ul. {street}; opłaty obowiązują w dni robocze od 8 do 18.",
         "Pierwsza godzina parkowania kosztuje {parking} zł; opłatę wniesiemy w parkomacie albo w aplikacji.",
         "Wpływy ze strefy finansują remonty chodników i budowę parkingów przy stacjach kolejowych."],
        ["transport"], ["parkowanie", "opłaty", "strefa płatnego parkowania"], ["ZDM"],
    ),
]  # fmt: skip
# Paragraphs any position may add: who agreed it, what may and may not be said.
COMMON_PARAGRAPHS = [
    "Stanowisko przygotowała jednostka {unit_name} i uzgodniła je z prezydentem miasta {month_in} {year} "
    "roku.",
    "Rzecznik może podać terminy i koszty; nie komentujemy sporów z wykonawcami ani postępowań w sądzie.",
    "Rada Dzielnicy {district} poparła to rozwiązanie w uchwale nr {n}/{year}.",
    "Dziennikarzy, którzy pytają o szczegóły, kierujemy do biura prasowego; {unit_name} przygotuje "
    "odpowiedź w ciągu dwóch dni roboczych.",
    "Mieszkańcy mogą zgłaszać uwagi na spotkaniu w ratuszu albo przez formularz na stronie miasta do końca "
    "{month_gen}.",
    "Dane pochodzą ze sprawozdania za {year0} rok, przyjętego przez radę miasta.",
    "Nie podajemy nazwisk urzędników ani mieszkańców, których sprawa dotyczy.",
    "Informację o zmianach opublikujemy w Biuletynie Informacji Publicznej i w mediach społecznościowych "
    "miasta.",
]

# Query material: word forms as people type them, and phrases.
WORD_FORMS = [
    "szkoła", "szkoły", "szkole", "szkołę", "szkół", "tramwaj", "tramwaju", "tramwajem", "tramwaje",
    "tramwajów", "ulica", "ulicy", "ulicę", "ulic", "remont", "remontu", "remontem", "remonty",
    "przedszkole", "przedszkoli", "przedszkolach", "drzewa", "drzew", "drzewo", "mieszkańcy",
    "mieszkańców", "autobusy", "autobusów", "parku", "basenu", "basen", "przychodni", "przychodnia",
    "opłaty", "opłat", "opłatę", "odpadów", "odpady", "śmieci", "budżetu", "budżet", "kamery", "kamer",
    "mieszkania", "mieszkań", "czynszu", "czynsze", "seniorów", "seniorzy", "dzielnicy", "inwestycji",
    "ścieżki", "ścieżek", "rowerów", "powietrza", "pieców", "podatku", "parkowania", "koncerty",
    "teatru", "boiska", "boisk", "lekarza", "pacjentów", "uczniów", "rodzice", "dotacji", "wycinki",
    "wycinka", "torowiska", "objazdem", "nasadzenia", "zasiłków", "monitoringu", "strażnicy",
]  # fmt: skip
PHRASES = [
    "remont ulicy", "nowa linia tramwajowa", "budżet obywatelski", "opłata za śmieci", "szkoła podstawowa",
    "ścieżka rowerowa", "mieszkania komunalne", "wycinka drzew", "strefa płatnego parkowania",
    "jakość powietrza", "wymiana pieców", "pomoc dla seniorów", "badania profilaktyczne",
    "podatek od nieruchomości", "miejsca w przedszkolach", "monitoring miejski", "basen zamknięty",
    "Dni Miasta", "remont szkoły", "nasadzenia zastępcze", "autobusy zastępcze", "klub seniora",
    "rower miejski", "profil zaufany", "sala gimnastyczna", "odbiór odpadów", "kanalizacja deszczowa",
    "teatr miejski", "lekarz rodzinny", "zwrot pieniędzy za bilety",
]  # fmt: skip
STATUSES = ["active", "active", "active", "needs_review", "expired", "all"]


def main(argv=None):
    options = _arguments(argv)
    es_url = _elasticsearch_url()
    with throwaway.environment(elasticsearch_prefix=INDEX_PREFIX) as var_dir:
        _drop_indices()
        try:
            units = _topics_and_units()
            path = _generate(Path(var_dir) / "narratives.jsonl", options.narratives, units)
            imported = _import(path, options.narratives)
            _age_reviews()
            indexed = _index()
            token = _token()
            queries = _queries(options.queries, units)
            with gunicorn(var_dir, options.workers, args=("--access-logfile", "-")) as port:
                measured = _measure(options, es_url, port, token, queries)
        finally:
            _drop_indices()
        return _report(options, imported, indexed, measured)


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.narratives_search", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--narratives", type=int, default=100_000, help="narratives to import (100000)")
    parser.add_argument("--queries", type=int, default=500, help="distinct search queries (500)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients of the second run (8)")
    parser.add_argument("--workers", type=int, default=8, help="gunicorn worker processes (8)")
    return parser.parse_args(argv)


def _elasticsearch_url():
    """ELASTICSEARCH_URL, or the run stops here, before it makes anything, saying why."""
    url = os.environ.get("ELASTICSEARCH_URL", "").rstrip("/")
    if not url:
        sys.exit("This benchmark needs Elasticsearch: set ELASTICSEARCH_URL (e.g. `. .services/env`).")
    try:
        response = urllib3.request("GET", f"{url}/_cluster/health", timeout=5, retries=False)
    except urllib3.exceptions.HTTPError as exc:
        sys.exit(f"Elasticsearch at {url} does not answer: {exc}")
    if response.status != 200:
        sys.exit(f"Elasticsearch at {url} answered {response.status}: {response.data[:300]!r}")
    return url


def _drop_indices():
    """Delete this run's narrative indices (by name: Elasticsearch refuses wildcard deletes)."""
    from search import connection, indexes
    from search.narratives import NarrativeDocument

    client = connection.get_client()
    names = list(client.indices.get(index=f"{indexes.alias_name(NarrativeDocument)}-*").body)
    if names:
        client.indices.delete(index=",".join(names))


def _topics_and_units():
    """The topics and a two-level tree of units; returns the units' codes and names."""
    from cms.core.models import Topic
    from cms.organisation.models import Unit

    for slug, name in TOPICS:
        Topic.objects.create(slug=slug, name=name)
    made = {}
    for code, name, kind, parent in UNITS:
        made[code] = Unit.objects.create(code=code, name=name, kind=kind, parent=made.get(parent))
    return {code: name for code, name, _kind, _parent in UNITS}


def _generate(path, count, units):
    """``count`` narratives as JSON Lines; 10% drafts, 10% expired, the rest published."""
    from django.utils import timezone

    rng = random.Random(4)  # noqa: S311 - repeatable sample text, not secrets
    today = timezone.localdate()
    seen, characters = set(), 0
    with path.open("w", encoding="utf-8") as file:
        for number in range(1, count + 1):
            kind = rng.choice(KINDS)
            unit = rng.choice(kind.units) if rng.random() > 0.05 else None
            for attempt in range(20):
                values = _values(rng, units.get(unit, "Urząd Miasta"))
                title = rng.choice(kind.titles).format(**values) + rng.choice(QUALIFIERS)
                if attempt == 19:
                    title = f"{title} ({number})"
                if (title, unit) not in seen:
                    break
            seen.add((title, unit))
            paragraphs = [p.format(**values) for p in rng.sample(kind.paragraphs, rng.randint(2, 3))]
            paragraphs += [p.format(**values) for p in rng.sample(COMMON_PARAGRAPHS, rng.randint(1, 3))]
            line = {
                "title": title,
                "summary": kind.summary.format(**values),
                "body": "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
                "topics": kind.topics,
                "tags": rng.sample(kind.tags, rng.randint(1, len(kind.tags)))
                + ([values["district"]] if rng.random() < 0.2 else []),
                "unit": unit,
                "review_interval_days": rng.choice([30, 60, 90, 90, 180, 365]),
                "status": "draft" if rng.random() < 0.1 else "published",
            }
            fate = rng.random()
            if fate < 0.1:
                line["expires_at"] = (today - datetime.timedelta(days=rng.randint(1, 400))).isoformat()
            elif fate < 0.55:
                line["expires_at"] = (today + datetime.timedelta(days=rng.randint(20, 900))).isoformat()
            characters += len(line["title"]) + len(line["summary"]) + sum(map(len, paragraphs))
            file.write(json.dumps(line, ensure_ascii=False) + "\n")
            if number % 5000 == 0 or number == count:
                print(f"\rGenerated narratives: {number}/{count}", end="", flush=True)
    print(
        f"  ({path.stat().st_size / 1e6:.1f} MB of JSON Lines, {characters / count:,.0f} characters of "
        "text per narrative)"
    )
    return path


def _values(rng, unit_name):
    year = rng.randint(2019, 2028)
    month_gen, month_in = rng.choice(MONTHS)
    return {
        "street": rng.choice(STREETS),
        "district": rng.choice(DISTRICTS),
        "year": year,
        "year1": year + 1,
        "year0": year - rng.randint(3, 8),
        "month_gen": month_gen,
        "month_in": month_in,
        "unit_name": unit_name,
        "school": rng.randint(1, 45),
        "bus": rng.randint(100, 199),
        "n": _many(rng, 5, 60),
        "age": _many(rng, 30, 80),
        "weeks": _many(rng, 5, 30),
        "length": rng.randrange(150, 2400, 10),
        "amount": f"{rng.randint(1, 90)},{rng.randint(0, 9)}",
        "minutes": rng.randint(12, 35),
        "freq": rng.choice([5, 6, 7, 8, 10]),
        "freq2": rng.choice([12, 15, 20]),
        "pupils": _many(rng, 300, 2500),
        "delta": rng.randint(5, 120),
        "kids": _many(rng, 200, 1500),
        "pct": rng.randint(5, 45),
        "trees": _many(rng, 20, 400),
        "cut": rng.randint(2, 19),
        "grant": rng.randint(5, 40),
        "fee": f"{rng.randint(25, 60)},{rng.choice(['00', '50', '90'])}",
        "flats": _many(rng, 100, 3000),
        "waiting": _many(rng, 50, 900),
        "grants": _many(rng, 500, 9000),
        "voters": _many(rng, 3000, 40000),
        "tax": f"1,{rng.randint(0, 9)}{rng.randint(0, 9)}",
        "fines": _many(rng, 50, 3000),
        "bikes": _many(rng, 100, 900),
        "hours": _many(rng, 5, 30),
        "parking": f"{rng.randint(3, 7)},{rng.choice(['00', '50'])}",
    }


def _many(rng, low, high):
    """A number that takes the genitive plural ("25 tramwajów", never "22 tramwajów")."""
    while True:
        number = rng.randint(low, high)
        if number % 10 not in (2, 3, 4) or number % 100 in (12, 13, 14):
            return number


def _import(path, count):
    """``manage.py import_narratives PATH``, timed; checks that no row save fired a per-row index job."""
    from django.core.management import call_command
    from django.db.models.signals import post_save

    from cms.narratives.models import Narrative

    saves = []

    def count_save(**kwargs):
        saves.append(kwargs["instance"].pk)

    post_save.connect(count_save, sender=Narrative, weak=False)
    print(f"Importing with manage.py import_narratives {path.name} (it indexes them too) ...", flush=True)
    started = time.perf_counter()
    call_command("import_narratives", str(path))
    elapsed = time.perf_counter() - started
    post_save.disconnect(count_save, sender=Narrative)
    if saves:
        sys.exit(f"The import saved {len(saves)} rows one by one, each scheduling its own index job.")
    rows = Narrative.objects.count()
    if rows != count:
        sys.exit(f"{count} lines imported as {rows} narratives; the generated titles are not unique.")
    return {"lines": count, "seconds": elapsed}


def _age_reviews():
    """As if time had passed: the review of a tenth of the active narratives is due, 0-59 days ago."""
    from django.db.models import F
    from django.utils import timezone

    from cms.narratives.models import Narrative
    from cms.narratives.status import ACTIVE, filter_status

    today = timezone.localdate()
    active = filter_status(Narrative.objects.all(), ACTIVE)
    for days in range(60):  # ids whose remainder by 600 is 3, 13, ..., 593: a tenth of them
        bucket = Narrative.objects.annotate(bucket=F("id") % 600).filter(bucket=days * 10 + 3)
        active.filter(id__in=bucket.values("id")).update(next_review_at=today - datetime.timedelta(days=days))


def _index():
    """``search.sync.rebuild(NarrativeDocument)`` over the imported rows, timed."""
    from cms.narratives.models import Narrative
    from cms.narratives.status import filter_status
    from search import connection, indexes, sync
    from search.narratives import NarrativeDocument

    live = Narrative.objects.filter(live=True).count()
    started = time.perf_counter()
    sync.rebuild(
        NarrativeDocument, progress=lambda done: print(f"\rIndexed: {done}/{live}", end="", flush=True)
    )
    elapsed = time.perf_counter() - started
    print()
    alias = indexes.alias_name(NarrativeDocument)
    stats = connection.get_client().indices.stats(index=alias, metric="docs,store")["_all"]["primaries"]
    counts = {
        status: filter_status(Narrative.objects.all(), status).count()
        for status in ("active", "needs_review", "expired", "draft")
    }
    return {
        "documents": stats["docs"]["count"],
        "bytes": stats["store"]["size_in_bytes"],
        "seconds": elapsed,
        "counts": counts,
    }


def _token():
    """A DRF token of an editor, as a client of the API would hold."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from cms.plugin_api.migrations import EDITORS

    user = get_user_model().objects.create_user("bench", email="bench@example.org")
    user.groups.add(Group.objects.get(name=EDITORS))
    return Token.objects.create(user=user).key


def _queries(count, units):
    """``count`` seeded requests: word forms, unaccented words, typos, phrases, names; some filtered."""
    from anyascii import anyascii

    rng = random.Random(500)  # noqa: S311 - a repeatable query mix
    tags = sorted({tag for kind in KINDS for tag in kind.tags})
    names = STREETS + DISTRICTS + list(units.values())
    makers = [
        (0.30, lambda: rng.choice(WORD_FORMS)),
        (0.15, lambda: anyascii(rng.choice(WORD_FORMS + PHRASES))),
        (0.15, lambda: _typo(rng, rng.choice([w for w in WORD_FORMS + STREETS if len(w) >= 5]))),
        (0.25, lambda: rng.choice(PHRASES)),
        (0.15, lambda: rng.choice(names)),
    ]
    queries = []
    for _ in range(count):
        pick, total, make = rng.random(), 0.0, makers[-1][1]
        for share, maker in makers:
            total += share
            if pick < total:
                make = maker
                break
        params = {"q": make()}
        if rng.random() < 0.35:
            filter_name = rng.choice(["topic", "tag", "unit", "status", "status"])
            params[filter_name] = {
                "topic": lambda: rng.choice(TOPICS)[0],
                "tag": lambda: rng.choice(tags),
                "unit": lambda: rng.choice(list(units)),
                "status": lambda: rng.choice(STATUSES),
            }[filter_name]()
        queries.append(params)
    return queries


def _typo(rng, word):
    """One slip of the fingers, never on the first letter: swapped, dropped, doubled or wrong letter."""
    at = rng.randint(1, len(word) - 2)
    slip = rng.choice(["swap", "drop", "double", "wrong"])
    if slip == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if slip == "drop":
        return word[:at] + word[at + 1 :]
    if slip == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + rng.choice("aeioukrtsnz") + word[at + 1 :]


def _measure(options, es_url, port, token, queries):
    """Latencies of both sides at 1 and ``--clients`` clients, after a warm-up and a fairness check."""
    from django.utils import timezone

    from cms.narratives import searching
    from cms.narratives.query import parse
    from search import indexes
    from search.narratives import NarrativeDocument, search_body

    today = timezone.localdate()
    parsed = [parse(params) for params in queries]
    api = _Api(port, token, [f"{SEARCH}?{urlencode(params)}" for params in queries])
    raw = _Raw(es_url, indexes.alias_name(NarrativeDocument), [search_body(q, today) for q in parsed])
    print(f"Warm-up: {len(queries)} queries on each side, then a check that both answer the same ...")
    _run(api, 1)
    _run(raw, 1)
    _check_same_answers(api, raw)
    results = {}
    for clients in sorted({1, options.clients}):
        for side in (api, raw):
            print(f"{side.name}: {len(queries)} queries x {clients} client(s) ...", flush=True)
            results[(side.name, clients)] = _run(side, clients)
    print("The product's search function in this process, 1 client ...", flush=True)
    in_process = []
    for query in parsed:
        began = time.perf_counter()
        searching.search(query)
        in_process.append(time.perf_counter() - began)
    print("The API refusing a one-letter query (no search), 1 client ...", flush=True)
    one_letter = [f"{SEARCH}?q={chr(ord('a') + number % 26)}" for number in range(200)]
    refused = _run(_Api(port, token, one_letter, expected=400), 1)
    return {
        "runs": results,
        "in_process": in_process,
        "refused": refused["latencies"],
        "queries": queries,
        "with_hits": sum(1 for hits in raw.hits.values() if hits),
    }


class _Api:
    """GET the search API with the token; each client has a connection of its own."""

    name = "API"

    def __init__(self, port, token, paths, expected=200):
        self.port, self.paths, self.expected = port, paths, expected
        self.headers = {"Authorization": f"Token {token}"}

    def __len__(self):
        return len(self.paths)

    def connect(self):
        """A function that sends query ``index``: (error or None, None)."""
        pool = urllib3.HTTPConnectionPool("127.0.0.1", self.port, maxsize=1, timeout=60, retries=1)

        def send(index):
            response = pool.request("GET", self.paths[index], headers=self.headers, redirect=False)
            if response.status != self.expected or "X-Search-Backend" in response.headers:
                backend = response.headers.get("X-Search-Backend", "")
                return f"{response.status} {backend}: {response.data[:200]!r}", None
            return None, None

        return send

    def ids(self, index):
        pool = urllib3.HTTPConnectionPool("127.0.0.1", self.port, maxsize=1)
        data = json.loads(pool.request("GET", self.paths[index], headers=self.headers).data)
        return data["count"], [result["id"] for result in data["results"]]


class _Raw:
    """POST the same query's Elasticsearch body to the alias, as the product would send it."""

    name = "Elasticsearch"
    TOOK = re.compile(rb'"took"\s*:\s*(\d+)')
    TOTAL = re.compile(rb'"total"\s*:\s*\{\s*"value"\s*:\s*(\d+)')

    def __init__(self, es_url, alias, bodies):
        self.url, self.path = es_url, f"/{alias}/_search"
        self.bodies = [json.dumps(body).encode() for body in bodies]
        self.headers = {"Content-Type": "application/json"}
        self.hits = {}  # query index: how many narratives it finds

    def __len__(self):
        return len(self.bodies)

    def connect(self):
        """A function that sends query ``index``: (error or None, Elasticsearch's own ms)."""
        pool = urllib3.connection_from_url(self.url, maxsize=1, timeout=60, retries=1)

        def send(index):
            response = pool.request("POST", self.path, body=self.bodies[index], headers=self.headers)
            if response.status != 200:
                return f"{response.status}: {response.data[:200]!r}", None
            self.hits[index] = int(self.TOTAL.search(response.data[:400]).group(1))
            return None, int(self.TOOK.search(response.data[:64]).group(1))

        return send

    def ids(self, index):
        pool = urllib3.connection_from_url(self.url, maxsize=1)
        data = json.loads(pool.request("POST", self.path, body=self.bodies[index], headers=self.headers).data)
        return data["hits"]["total"]["value"], [hit["_source"]["id"] for hit in data["hits"]["hits"]]


def _run(side, clients):
    """Every client sends every query once, from its own starting point.

    Returns each request's seconds, Elasticsearch's own milliseconds when the side reports them,
    and the wall time of the run.
    """
    count = len(side)
    latencies, took, failures = [], [], []
    start = threading.Barrier(clients + 1)
    clock = time.perf_counter

    def client(number):
        send = side.connect()
        first = number * count // clients
        start.wait()
        for step in range(count):
            began = clock()
            try:
                failure, server_ms = send((first + step) % count)
            except urllib3.exceptions.HTTPError as exc:  # a dropped connection counts as a failure
                failure, server_ms = repr(exc), None
            latencies.append(clock() - began)
            if failure:
                failures.append(failure)
            if server_ms is not None:
                took.append(server_ms)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = clock()
    for thread in threads:
        thread.join()
    wall = clock() - began
    if failures:
        sys.exit(f"{side.name}: {len(failures)} of {count * clients} requests failed, e.g. {failures[0]}")
    return {"latencies": latencies, "took": took, "wall": wall}


def _check_same_answers(api, raw):
    """Both sides find the same narratives in the same order for a spread of queries with hits."""
    checked = 0
    for index in range(0, len(api), max(1, len(api) // (SAME_ANSWER_CHECKS * 3))):
        expected = raw.ids(index)
        if not expected[0]:
            continue
        if api.ids(index) != expected:
            sys.exit(
                f"The API and Elasticsearch answer {api.paths[index]} differently; the comparison "
                "would be unfair."
            )
        checked += 1
        if checked == SAME_ANSWER_CHECKS:
            return
    sys.exit("Too few queries find anything to compare the API with Elasticsearch.")


def _percentiles(seconds):
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return [cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000]


def _report(options, imported, indexed, measured):
    from django.db import connection

    from search.connection import server_info

    info = server_info()
    version = ".".join(str(part) for part in connection.get_database_version())
    counts = indexed["counts"]
    import_rate = imported["lines"] / imported["seconds"]
    index_rate = indexed["documents"] / indexed["seconds"]
    queries = measured["queries"]
    filtered = sum(1 for params in queries if len(params) > 1)
    print(f"\nDatabase: {connection.display_name} {version} (throw-away); Elasticsearch {info['version']}")
    print(f"CPUs: {os.cpu_count()}; Elasticsearch, gunicorn, the database and the clients share them.")
    print(
        f"Narratives: {imported['lines']:,} generated; active {counts['active']:,}, needs review "
        f"{counts['needs_review']:,}, expired {counts['expired']:,}, drafts {counts['draft']:,}"
    )
    print(
        f"Import (manage.py import_narratives, its own indexing included): {imported['lines']:,} lines "
        f"in {imported['seconds']:.1f} s = {import_rate:,.0f} lines/s"
    )
    print(
        f"Indexing (search.sync.rebuild): {indexed['documents']:,} documents in {indexed['seconds']:.1f} s "
        f"= {index_rate:,.0f} documents/s; index {indexed['bytes'] / 1e6:.0f} MB"
    )
    print(
        f"Search: {len(queries)} queries ({filtered} with a filter, {measured['with_hits']} finding "
        f"something), page 1 of 20 with facets and highlights; at N clients each client sends all "
        f"{len(queries)}, from its own starting point; "
        f"gunicorn {options.workers} sync workers\n"
    )
    print(f"{'':<26}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'requests/s':>12}{'API p95 / ES p95':>19}")
    ratios = {}
    for clients in sorted({1, options.clients}):
        p95 = {}
        for name in ("API", "Elasticsearch"):
            run = measured["runs"][(name, clients)]
            p50, p95[name], p99 = _percentiles(run["latencies"])
            rate = len(run["latencies"]) / run["wall"]
            ratio = ""
            if name == "Elasticsearch":
                ratios[clients] = p95["API"] / p95["Elasticsearch"]
                ratio = f"{ratios[clients]:.2f}"
            label = f"{clients} client{'s' if clients > 1 else ''}, {name}"
            print(f"{label:<26}{p50:>9.1f}{p95[name]:>9.1f}{p99:>9.1f}{rate:>12.1f}{ratio:>19}")
    one = {name: measured["runs"][(name, 1)] for name in ("API", "Elasticsearch")}
    steps = [
        ("API refusing a one-letter query (no search)", _percentiles(measured["refused"])[0]),
        ("Elasticsearch's own took", statistics.median(one["Elasticsearch"]["took"])),
        ("raw round trip to Elasticsearch", _percentiles(one["Elasticsearch"]["latencies"])[0]),
        ("cms.narratives.searching.search() in this process", _percentiles(measured["in_process"])[0]),
        ("API end to end", _percentiles(one["API"]["latencies"])[0]),
    ]
    print("\nWhere an API request's time goes at 1 client (medians, ms):")
    for label, ms in steps:
        print(f"  {label:<52}{ms:>7.1f}")
    print()
    api_p95 = _percentiles(measured["runs"][("API", 1)]["latencies"])[1]
    verdicts = [
        (api_p95 < TARGET_P95_MS, f"API p95 at 1 client {api_p95:.1f} ms "
         f"(target under {TARGET_P95_MS:.0f} ms)"),
        *(
            (ratio <= TARGET_RATIO, f"API p95 / Elasticsearch p95 at {clients} client(s) {ratio:.2f} "
             f"(target at most {TARGET_RATIO:.1f})")
            for clients, ratio in ratios.items()
        ),
        (index_rate >= TARGET_INDEX_RATE, f"indexing {index_rate:,.0f} documents/s "
         f"(target at least {TARGET_INDEX_RATE:,.0f})"),
    ]  # fmt: skip
    for ok, text in verdicts:
        print(f"{'OK  ' if ok else 'FAIL'} {text}")
    return 0 if all(ok for ok, _text in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
