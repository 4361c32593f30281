"""A journalist as a vCard 3.0 (RFC 2426) for address books, written with ``vobject``."""

import phonenumbers
import vobject

from plugins.crm.validators import DEFAULT_REGION

CONTENT_TYPE = "text/vcard; charset=utf-8"


def _phone_types(number):
    try:
        kind = phonenumbers.number_type(phonenumbers.parse(number, DEFAULT_REGION))
    except phonenumbers.NumberParseException:
        return ["VOICE"]
    return ["CELL", "VOICE"] if kind == phonenumbers.PhoneNumberType.MOBILE else ["WORK", "VOICE"]


def journalist_vcard(journalist):
    """The vCard text of ``journalist``: name, e-mails (primary first), phones, current job, beats."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=journalist.last_name, given=journalist.first_name)
    card.add("fn").value = journalist.full_name
    emails = sorted(journalist.emails.all(), key=lambda email: not email.primary)
    for email in emails:
        line = card.add("email")
        line.value = email.email
        line.type_paramlist = ["INTERNET", "PREF"] if email.primary else ["INTERNET"]
    for phone in journalist.phones.all():
        line = card.add("tel")
        line.value = phone.number
        line.type_paramlist = _phone_types(phone.number)
    current = journalist.current_employments()
    if current:
        card.add("org").value = [current[0].outlet.name]
        if current[0].role:
            card.add("title").value = current[0].role
    beats = [topic.name for topic in journalist.beats.all()]
    if beats:
        card.add("categories").value = beats
    if journalist.notes:
        card.add("note").value = journalist.notes
    card.add("uid").value = f"komunikat-crm-journalist-{journalist.pk}"
    return card.serialize()


def file_name(journalist):
    return f"{journalist.full_name or journalist.pk}.vcf"
