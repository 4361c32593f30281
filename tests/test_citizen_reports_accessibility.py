"""Accessibility of the citizen's pages: axe-core in headless Chromium, no violation of WCAG 2.1 A/AA.

Debian's Chromium (/usr/bin/chromium; scripts/test.sh installs it) driven by Python Playwright, never
a downloaded browser; axe-core's script comes from the axe-playwright-python package. Each run
prints its summary (rules passed, violations) to the terminal, also when pytest captures output.
"""

import io
import os
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from PIL import Image
from playwright.sync_api import sync_playwright

from plugins.citizen_reports import handling
from plugins.citizen_reports.models import Report
from tests.report_helpers import submit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing (scripts/test.sh installs it)"
    ),
]


def audit(page, name, say):
    """Run axe-core on the page as it is now; print its summary; return the violations, readable."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    found = results.response
    say(
        f"axe-core {found['testEngine']['version']} ({', '.join(WCAG_21_AA)}) on {name}: "
        f"{len(found['passes'])} rules passed, {len(found['violations'])} violations, "
        f"{len(found['incomplete'])} to review by hand, {len(found['inapplicable'])} not applicable"
    )
    return results.generate_report() if results.violations_count else ""


@pytest.fixture
def say(capsys):
    def write(line):
        with capsys.disabled():
            print(f"\n[a11y] {line}")

    return write


@pytest.fixture
def pages(city, live_server, settings):
    """A report page whose map loads no outside tiles, an overdue open report and a resolved one."""
    settings.PLUGINS_CONFIG = {
        **settings.PLUGINS_CONFIG,
        "citizen_reports": {
            "MIN_FILL_SECONDS": 0,
            "MAP_TILE_URL": f"{live_server.url}/static/citizen_reports/no-tiles/{{z}}/{{x}}/{{y}}.png",
        },
    }
    open_report = submit(city.lamp, photos=[("latarnia.jpg", _jpeg())])
    handling.add_public_update(open_report, city.zdm_rep, "Ekipa przyjedzie w czwartek.")
    handling.citizen_adds(open_report, "Słup jest też przechylony.")
    Report.objects.filter(pk=open_report.pk).update(due_at=timezone.now() - timedelta(hours=3))
    closed = submit(city.tree, attributes={"size": "big", "blocking": "Tak"})
    handling.take(closed, city.zzm_rep)
    handling.resolve(closed, city.zzm_rep, "Drzewo przycięto.")
    base = f"{live_server.url}/zglos-problem/"
    return {
        "form": base,
        "open": f"{base}status/{open_report.status_token}/",
        "resolved": f"{base}status/{closed.status_token}/",
    }


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "orange").save(out, format="JPEG")
    return out.getvalue()


def test_the_citizens_pages_have_no_wcag_21_aa_violations(pages, say):
    problems = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="pl-PL")
            page.goto(pages["form"])
            assert page.locator("html").get_attribute("lang") == "pl"
            problems["report form"] = audit(page, "the report form", say)

            # Choosing a category shows its questions at once (script); they are audited with the errors.
            questions = page.locator("#questions-drzewa")
            assert questions.is_hidden()
            page.locator("label[for=category-drzewa]").click()
            assert questions.is_visible() and page.locator("[data-asked]").input_value() == "drzewa"
            page.locator("form.report-form button[type=submit]").click()
            page.wait_for_selector("[data-error-summary]")
            # The summary has the focus, and its links take it to the fields.
            focused = page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
            assert page.locator("[data-error-summary] a[href='#q-drzewa-size']").count() == 1
            problems["error state"] = audit(page, "the report form with errors", say)
            page.locator("[data-error-summary] a[href='#description']").click()
            description_focused = page.evaluate("document.activeElement.id") == "description"

            page.goto(pages["open"])
            problems["status page"] = audit(page, "an overdue report's status page", say)
            page.goto(pages["resolved"])
            problems["resolved status page"] = audit(page, "a resolved report's status page", say)
        finally:
            browser.close()
    assert focused and description_focused
    assert not any(problems.values()), "\n\n".join(f"{k}: {v}" for k, v in problems.items() if v)
