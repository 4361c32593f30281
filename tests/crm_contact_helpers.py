"""Shared builders of the CRM tests: journalists, outlets and the admin form data of a journalist."""

import datetime

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from plugins.crm.models import Employment, Journalist, JournalistEmail, Outlet


def journalist(first_name, last_name, *emails, outlet=None, **fields):
    """A stored journalist; the first of ``emails`` is primary; ``outlet`` gives a current employment."""
    fields.setdefault("data_source", "wizytówka")
    fields.setdefault("review_at", datetime.date(2030, 1, 1))
    record = Journalist.objects.create(first_name=first_name, last_name=last_name, **fields)
    for index, email in enumerate(emails):
        JournalistEmail.objects.create(journalist=record, email=email, primary=index == 0, sort_order=index)
    if outlet:
        Employment.objects.create(journalist=record, outlet=outlet, role="reporter")
    return record


def outlet(name, **fields):
    return Outlet.objects.create(name=name, **fields)


def journalist_form(emails=(), phones=(), extra=None, **fields):
    """POST data of the journalist form; ``emails`` are (address, primary) pairs."""
    data = {
        "first_name": "Anna",
        "last_name": "Nowak",
        "preferred_channel": "email",
        "legal_basis": "legitimate_interest",
        "data_source": "strona redakcji",
        "review_at": "2030-01-01",
        "tags": "",
        "notes": "",
        "active": "on",
        "emails": inline_formset([{"email": email, "primary": primary} for email, primary in emails]),
        "phones": inline_formset([{"label": "", "number": number} for number in phones]),
        "employments": inline_formset([]),
        "social_profiles": inline_formset([]),
        **fields,
    }
    data = nested_form_data(data)
    for key, value in (extra or {}).items():
        data[f"extra__{key}"] = value
    return {key: value for key, value in data.items() if value is not False}
