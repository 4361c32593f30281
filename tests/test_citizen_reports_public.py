"""The citizen's side of the reports: the form (valid, each bad input, anti-abuse), the acknowledgement,
the private status page (privacy, duplicates, adding information, reopening) and its photos."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import ExifTags, Image

from cms.notifications.models import Notification
from plugins.citizen_reports import abuse, handling, replies
from plugins.citizen_reports.models import Report, ReportPhoto, ReportState, UpdateKind
from tests.report_helpers import submit

pytestmark = pytest.mark.django_db

FORM = "/zglos-problem/"
DESCRIPTION = "Latarnia przy przejściu dla pieszych nie świeci od tygodnia, wieczorem jest zupełnie ciemno."


@pytest.fixture(autouse=True)
def plugin_settings(settings):
    """No waiting in tests (the fill time has its own test); rate limits counted afresh in each test."""
    settings.PLUGINS_CONFIG = {**settings.PLUGINS_CONFIG, "citizen_reports": {"MIN_FILL_SECONDS": 0}}
    cache.clear()
    yield settings.PLUGINS_CONFIG["citizen_reports"]
    cache.clear()


@pytest.fixture
def browser():
    """A browser asking for English pages (the messages asserted are the source strings)."""
    return Client(enforce_csrf_checks=True, headers={"accept-language": "en"})


def hidden(html, name):
    return re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html).group(1)


def open_form(browser):
    page = browser.get(FORM)
    assert page.status_code == 200
    html = page.content.decode()
    return {"csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"), "started": hidden(html, "started")}


def fields(city, **overrides):
    values = {
        "category": city.lamp.code,
        "description": DESCRIPTION,
        "address": "ul. Lipowa 12, Wierzbin",
        "latitude": "",
        "longitude": "",
        "first_name": "Hieronim",
        "last_name": "Wiśniewski",
        "email": "hieronim.w@example.pl",
        "phone": "+48 600 100 200",
        "consent": "yes",
        "asked": "",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def send(browser, city, remote_addr="127.0.0.1", **overrides):
    """Open the form and send it as a browser would (CSRF token and start time from the page)."""
    return browser.post(FORM, {**open_form(browser), **fields(city, **overrides)}, REMOTE_ADDR=remote_addr)


def jpeg(exif=None, size=(64, 48), color="red"):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG", **({"exif": exif} if exif else {}))
    return out.getvalue()


def photo(name="zdjecie.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else jpeg(), content_type=content_type)


def text(response):
    return response.content.decode()


# --- the form ------------------------------------------------------------------------------
def test_the_form_groups_categories_with_their_help_and_asks_for_consent_with_the_clause(browser, city):
    html = text(browser.get(FORM))
    assert "<legend>Drogi i oświetlenie</legend>" in html and "<legend>Zieleń</legend>" in html
    assert 'id="category-oswietlenie-hint">Podaj numer słupa, jeśli jest widoczny.' in html
    assert 'aria-describedby="category-oswietlenie-hint"' in html
    assert "Administratorem danych jest Prezydent Miasta Wierzbin" in html
    assert 'type="file" id="photos" name="photos" multiple accept="image/jpeg,image/png' in html
    # The tree's questions are in the page, hidden and not sent until the tree is chosen.
    assert re.search(r'id="questions-drzewa" data-questions="drzewa" hidden disabled', html)
    assert 'name="attribute[size]"' in html
    # The honeypot: out of sight, out of the tab order, never autofilled.
    assert re.search(r'<div class="hp" aria-hidden="true">', html)
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in html


def test_a_citizen_sends_a_report_and_gets_its_number_and_private_link(browser, city, jobs_now, mailoutbox):
    city.page.thanks = "<p>Dziękujemy za troskę o Wierzbin.</p>"
    city.page.save_revision().publish()
    with jobs_now():
        sent = send(browser, city, latitude="52,2", longitude="21.1")
    report = Report.objects.get()
    done_url = f"{FORM}done/{report.status_token}/"
    assert sent.status_code == 302 and sent["Location"] == done_url
    assert (report.category, report.description, report.email) == (
        city.lamp,
        DESCRIPTION,
        "hieronim.w@example.pl",
    )
    assert (str(report.latitude), str(report.longitude)) == ("52.200000", "21.100000")
    assert report.consent_at is not None and report.page_id == city.page.pk and report.source == "form"

    done = browser.get(done_url)
    html = text(done)
    assert report.number in html and f"http://localhost{FORM}status/{report.status_token}/" in html
    assert "We have also sent the case number and the link to h***@example.pl" in html
    assert "Dziękujemy za troskę o Wierzbin." in html
    assert '<meta name="robots" content="noindex">' in html and done["Referrer-Policy"] == "no-referrer"
    assert "Hieronim" not in html and "Wiśniewski" not in html and "600 100 200" not in html
    [ack] = mailoutbox
    assert ack.to == ["hieronim.w@example.pl"] and report.number in ack.subject


def test_without_an_email_the_done_page_says_the_link_is_the_only_way(browser, city):
    send(browser, city, email="", first_name="", last_name="", phone="")
    report = Report.objects.get()
    html = text(browser.get(f"{FORM}done/{report.status_token}/"))
    assert "You gave no e-mail address" in html and report.number in html


def test_a_post_without_the_csrf_token_is_refused(browser, city):
    open_form(browser)
    response = browser.post(FORM, fields(city, started=abuse.started_token()))
    assert response.status_code == 403 and not Report.objects.exists()


BAD_INPUT = {
    "missing description": ({"description": "   "}, "description", "Describe the problem."),
    "missing location": (
        {"address": ""},
        "address",
        "Give the address or place, or mark the point on the map.",
    ),
    "point off the globe": ({"latitude": "95", "longitude": "21"}, "latitude", "not a valid latitude"),
    "unknown category": (
        {"category": "nie-ma-takiej"},
        "category-oswietlenie",
        "Choose a category from the list.",
    ),
    "invalid e-mail": ({"email": "hieronim.w@"}, "email", "Enter a valid e-mail address"),
    "missing consent": ({"consent": None}, "consent", "Confirm that you have read the information clause."),
    "required question": (
        {"category": "drzewa", "asked": "drzewa", "attribute[blocking]": "Tak, cały chodnik"},
        "q-drzewa-size",
        "Answer the question “Jak duże jest drzewo?”.",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_shows_the_error_summary_and_keeps_everything_typed(browser, city, case):
    overrides, target, message = case
    response = send(browser, city, **overrides, photos=[photo("latarnia.jpg")])
    html = text(response)
    assert response.status_code == 400 and not Report.objects.exists()
    summary = re.search(r'<div class="error-summary" role="alert" tabindex="-1".*?</div>', html, re.S).group(
        0
    )
    assert re.search(rf'<a href="#{target}">[^<]*{re.escape(message)}', summary)
    assert html.count('aria-invalid="true"') >= 1
    field = re.search(rf'<(input|textarea|select)[^>]*id="{target}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and "-error" in field  # aria-describedby names the message
    # Everything else is still there; the photo has to be chosen again and the page says so by name.
    kept = fields(city, **overrides)
    for name in ("address", "first_name", "last_name", "email", "phone"):
        if kept.get(name) and name not in overrides:
            assert f'name="{name}" value="{kept[name]}"' in html
    if "description" not in overrides:
        assert f">{DESCRIPTION}</textarea>" in html
    if "category" not in overrides:
        assert 'value="oswietlenie" checked' in html
    if "consent" in kept and "consent" not in overrides:
        assert re.search(r'id="consent" name="consent" value="yes" checked', html)
    assert "Please add these photos again:" in html and "“latarnia.jpg”" in html
    assert html.count("<title>Error:") == 1


def test_a_required_questions_answers_are_kept(browser, city):
    html = text(send(browser, city, category="drzewa", asked="drzewa", **{"attribute[blocking]": "Tak"}))
    assert re.search(r'id="questions-drzewa" data-questions="drzewa">', html)  # shown, enabled
    assert 'name="attribute[blocking]" value="Tak"' in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notatka.jpg", b"To nie jest zdjecie, tylko tekst.", "“notatka.jpg” is not a photo we can read"),
        ("ogromne.jpg", b"\xff" * (1024 * 1024 + 10), "“ogromne.jpg” is larger than 1 MB"),
    ],
    ids=["not an image", "too large"],
)
def test_a_bad_photo_is_named_and_nothing_is_stored(browser, city, plugin_settings, name, data, message):
    plugin_settings["PHOTO_MAX_MB"] = 1
    response = send(browser, city, photos=[photo("dobre.jpg"), photo(name, data)])
    html = text(response)
    assert response.status_code == 400 and not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert re.search(rf'<a href="#photos">{re.escape(message)}', html)
    assert re.search(
        r'id="photos" name="photos"[^>]*aria-describedby="photos-hint photos-error photos-again"', html
    )
    assert "“dobre.jpg”, “" + name + "”" in html


def test_without_script_the_categorys_questions_come_before_anything_is_stored(browser, city):
    first = send(browser, city, category="drzewa", description="")
    html = text(first)
    assert first.status_code == 400 and not Report.objects.exists()
    assert "The category “Niebezpieczne drzewo” has a few more questions." in html
    assert '<a href="#q-drzewa-size">The category' in html and '<a href="#description">Describe' in html
    assert "Answer the question" not in html  # not an error: the citizen has not seen the questions yet
    assert re.search(r'id="questions-drzewa" data-questions="drzewa">', html)
    assert hidden(html, "asked") == "drzewa"
    again = send(browser, city, category="drzewa", asked="drzewa", **{"attribute[size]": "big"})
    assert again.status_code == 302
    assert Report.objects.get().attributes == {"size": "big"}


# --- anti-abuse ----------------------------------------------------------------------------
def test_a_filled_honeypot_looks_like_success_but_stores_nothing(browser, city, mailoutbox):
    response = send(browser, city, website="https://tanie-kredyty.example")
    assert response.status_code == 200 and "Thank you, your report was sent" in text(response)
    assert not Report.objects.exists() and not mailoutbox


def test_a_form_sent_too_fast_or_with_an_altered_time_comes_back_unstored(browser, city, plugin_settings):
    plugin_settings["MIN_FILL_SECONDS"] = 30
    fast = send(browser, city)
    assert fast.status_code == 400 and "was sent very quickly" in text(fast)
    assert f">{DESCRIPTION}</textarea>" in text(fast)
    forged = browser.post(FORM, {**open_form(browser), **fields(city), "started": "1700000000.0"})
    assert forged.status_code == 400 and "could not check when the form was shown" in text(forged)
    assert not Report.objects.exists()
    # Shown a minute ago (signed by the server): accepted.
    a_minute_ago = signing.dumps(time.time() - 60, salt=abuse.STARTED_SALT)
    sent = browser.post(FORM, {**open_form(browser), **fields(city), "started": a_minute_ago})
    assert sent.status_code == 302 and Report.objects.count() == 1


def test_too_many_submissions_from_one_address_get_a_readable_429(browser, city, plugin_settings):
    plugin_settings["RATE_PER_IP"] = "2/h"
    assert send(browser, city, description="").status_code == 400  # invalid attempts count too
    assert send(browser, city).status_code == 302
    limited = send(browser, city)
    html = text(limited)
    assert limited.status_code == 429 and Report.objects.count() == 1
    assert "Too many attempts" in html and "Please try again after" in html
    assert 0 < int(limited["Retry-After"]) <= 3600
    assert send(browser, city, email="inna@example.pl", remote_addr="10.1.2.3").status_code == 302


def test_too_many_reports_from_one_email_get_a_readable_429(browser, city, plugin_settings):
    plugin_settings["RATE_PER_EMAIL"] = "1/h"
    assert send(browser, city, email="").status_code == 302  # without an e-mail: the IP limit only
    assert send(browser, city, description="").status_code == 400  # a refused report does not count
    assert send(browser, city).status_code == 302
    limited = send(browser, city, email="Hieronim.W@example.pl")
    assert limited.status_code == 429 and "Too many attempts" in text(limited)
    assert send(browser, city, email="maria.nowak@example.pl").status_code == 302
    assert Report.objects.count() == 3


# --- photos -------------------------------------------------------------------------------
def exif_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Model] = "iPhone 15"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 6.0, 36.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (21.0, 0.0, 44.0),
    }
    return exif


def test_the_stored_photo_has_no_exif_and_no_location(browser, city):
    original = jpeg(exif=exif_with_gps())
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo does carry a location
    assert send(browser, city, photos=[photo("IMG_2041.jpg", original)]).status_code == 302
    stored = ReportPhoto.objects.get()
    with stored.file.open("rb") as handle:
        data = handle.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif() and "exif" not in image.info
    assert b"Exif" not in data and b"iPhone" not in data


def test_a_heic_photo_is_accepted_and_stored_as_jpeg(browser, city):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="HEIF")
    response = send(browser, city, photos=[photo("IMG_0001.HEIC", out.getvalue(), "image/heic")])
    assert response.status_code == 302
    stored = ReportPhoto.objects.get()
    assert (stored.name, stored.content_type) == ("IMG_0001.jpg", "image/jpeg")
    with stored.file.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG" and image.size == (40, 30)


# --- the status page ----------------------------------------------------------------------
def status_url(report):
    return f"{FORM}status/{report.status_token}/"


def test_the_status_page_shows_progress_and_nobodys_personal_data(browser, city):
    mine = submit(city.lamp, first_name="Hieronim", last_name="Wiśniewski", email="hieronim.w@example.pl")
    other = submit(
        city.lamp, first_name="Bożydar", last_name="Zając", email="bozydar@example.pl", phone="511222333"
    )
    handling.add_note(mine, city.zdm_rep, "Notatka wewnętrzna: zgłaszający to sąsiad kierownika.")
    handling.add_public_update(mine, city.zdm_rep, "Ekipa przyjedzie w czwartek.")
    replies.REPLY.save_draft(mine, "Latarnię naprawimy do piątku.", city.zdm_rep)
    replies.REPLY.submit(mine, city.zdm_rep)
    assert "Latarnię naprawimy do piątku." not in text(browser.get(status_url(mine)))  # not approved yet
    replies.REPLY.decide(mine, city.zdm_expert, approve=True)
    replies.send(mine, city.zdm_rep)
    Report.objects.filter(pk=mine.pk).update(due_at=timezone.now() + timedelta(days=3))
    response = browser.get(status_url(mine))
    html = text(response)
    assert response.status_code == 200 and mine.number in html
    assert "Assigned" in html and "The unit in charge has the report" in html  # the state in words
    assert "Niedziałająca latarnia" in html and "ul. Lipowa 12" in html and "Zarząd Dróg Miejskich" in html
    assert "Expected by" in html and "Overdue" not in html
    assert "Ekipa przyjedzie w czwartek." in html and mine.description in html
    assert re.search(r"the city.{1,6}s reply</strong></p>\s*<p>Latarnię naprawimy do piątku.</p>", html)
    assert "h***@example.pl" in html
    for private in ("Hieronim", "Wiśniewski", "hieronim.w@", "600 100 200", "Notatka wewnętrzna", "zdm"):
        assert private not in html
    for private in ("Bożydar", "Zając", "bozydar", "511222333", other.number):
        assert private not in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]


def test_an_open_report_past_its_date_is_marked_overdue_in_words(browser, city):
    report = submit(city.lamp)
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - timedelta(hours=2))
    assert "Overdue: the expected date has passed" in text(browser.get(status_url(report)))


def test_a_duplicates_page_follows_the_other_report_without_its_reporters_data(browser, city):
    first = submit(
        city.lamp, first_name="Bożydar", last_name="Zając", email="bozydar@example.pl", phone="511222333",
        description="Latarnia nr 17 mruga od wczoraj.", photos=[("bozydar.jpg", jpeg(color="blue"))],
    )  # fmt: skip
    second = submit(city.lamp, description="Ciemno przy przejściu na Lipowej.")
    handling.citizen_adds(first, "Dzwoniłem też do straży miejskiej, Bożydar.")
    handling.add_note(first, city.zdm_rep, "Notatka: zgłaszający dzwonił trzy razy.")
    handling.merge(second, first, city.dispatcher)
    handling.add_public_update(first, city.zdm_rep, "Wymiana oprawy zaplanowana na piątek.")
    html = text(browser.get(status_url(second)))
    assert second.number in html and first.number in html
    assert "We handle both reports together" in html
    assert "Wymiana oprawy zaplanowana na piątek." in html and "Assigned" in html  # the other's state
    assert "Ciemno przy przejściu na Lipowej." in html
    for private in ("Bożydar", "Zając", "bozydar", "511222333", "mruga", "Notatka", "Dzwoniłem"):
        assert private not in html
    assert "Add information or photos" not in html
    their_photo = ReportPhoto.objects.get(report=first)
    assert browser.get(f"{status_url(second)}photos/{their_photo.pk}/").status_code == 404


def test_the_citizen_adds_information_and_a_photo_and_the_unit_is_told(browser, city):
    report = submit(city.lamp)
    page = browser.get(status_url(report))
    token = hidden(text(page), "csrfmiddlewaretoken")
    response = browser.post(
        status_url(report),
        {
            "csrfmiddlewaretoken": token,
            "action": "add",
            "text": "Słup jest też przechylony.",
            "photos": [photo()],
        },
    )
    assert response.status_code == 302 and response["Location"] == status_url(report) + "?done=added#news"
    update = report.updates.get(kind=UpdateKind.CITIZEN)
    assert update.text == "Słup jest też przechylony." and update.photos.count() == 1
    assert Notification.objects.filter(recipient=city.zdm_rep, kind="citizen_reports.citizen").exists()
    html = text(browser.get(response["Location"]))
    assert "your information was added" in html and "Słup jest też przechylony." in html
    photo_url = f"{status_url(report)}photos/{update.photos.get().pk}/"
    assert photo_url in html
    served = browser.get(photo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Referrer-Policy"] == "no-referrer"
    stranger = submit(city.tree, attributes={"size": "small"})
    assert browser.get(f"{status_url(stranger)}photos/{update.photos.get().pk}/").status_code == 404


def test_adding_nothing_or_a_bad_photo_keeps_the_text_and_says_what_to_fix(browser, city):
    report = submit(city.lamp)
    token = hidden(text(browser.get(status_url(report))), "csrfmiddlewaretoken")
    empty = browser.post(status_url(report), {"csrfmiddlewaretoken": token, "action": "add", "text": " "})
    assert empty.status_code == 400 and '<a href="#add-text">Write something or add a photo.</a>' in text(
        empty
    )
    bad = browser.post(
        status_url(report),
        {
            "csrfmiddlewaretoken": token,
            "action": "add",
            "text": "Zdjęcie z wieczora",
            "photos": [photo("x.jpg", b"nie")],
        },
    )
    html = text(bad)
    assert bad.status_code == 400 and "“x.jpg” is not a photo we can read" in html
    assert ">Zdjęcie z wieczora</textarea>" in html and "Add again: “x.jpg”" in html
    assert not report.updates.filter(kind=UpdateKind.CITIZEN).exists()


def resolved(city):
    report = submit(city.lamp)
    handling.take(report, city.zdm_rep)
    handling.resolve(report, city.zdm_rep, "Wymieniono żarówkę.")
    return report


def test_the_citizen_reopens_a_resolved_report_within_the_period(browser, city):
    report = resolved(city)
    page = text(browser.get(status_url(report)))
    assert "Resolved" in page and "Wymieniono żarówkę." in page and "You can reopen the report until" in page
    response = browser.post(
        status_url(report),
        {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "action": "reopen",
            "reason": "Znów nie świeci.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.IN_PROGRESS and report.resolved_at is None
    assert Notification.objects.filter(recipient=city.zdm_rep, kind="citizen_reports.reopened").exists()
    assert "The report is open again" in text(browser.get(response["Location"]))


def test_reopening_after_the_period_is_refused(browser, city, plugin_settings):
    report = resolved(city)
    token = hidden(text(browser.get(status_url(report))), "csrfmiddlewaretoken")
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now() - timedelta(days=15))
    html = text(browser.get(status_url(report)))
    assert "The report could be reopened until" in html and 'name="reason"' not in html
    response = browser.post(
        status_url(report), {"csrfmiddlewaretoken": token, "action": "reopen", "reason": "Znów nie świeci."}
    )
    assert response.status_code == 409 and "can no longer be reopened" in text(response)
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED


def test_status_page_actions_are_rate_limited_per_address(browser, city, plugin_settings):
    plugin_settings["RATE_PER_IP"] = "1/h"
    report = submit(city.lamp)
    token = hidden(text(browser.get(status_url(report))), "csrfmiddlewaretoken")
    data = {"csrfmiddlewaretoken": token, "action": "add", "text": "Jeszcze jedno."}
    assert browser.post(status_url(report), data).status_code == 302
    limited = browser.post(status_url(report), data)
    assert limited.status_code == 429 and "Too many attempts" in text(limited)
    assert report.updates.filter(kind=UpdateKind.CITIZEN).count() == 1


def test_an_unknown_token_is_not_found(browser, city):
    report = submit(city.lamp, photos=[("a.jpg", jpeg())])
    assert browser.get(f"{FORM}status/nie-ma-takiego/").status_code == 404
    assert browser.get(f"{FORM}done/nie-ma-takiego/").status_code == 404
    assert browser.get(f"{FORM}status/nie-ma-takiego/photos/{report.photos.get().pk}/").status_code == 404
