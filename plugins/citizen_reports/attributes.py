"""Answers to a category's extra questions (Open311 attributes), checked alike for the form and the API."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from plugins.citizen_reports.models import QuestionType


def clean_answers(category, raw):
    """``raw``: {code: str or list of str}. Returns (answers, errors), each keyed by question code."""
    answers, errors = {}, {}
    for question in category.questions.all():
        value = raw.get(question.code)
        values = [v for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")]
        if not values:
            if question.required:
                errors[question.code] = gettext("Answer the question “%(q)s”.") % {"q": question.question}
            continue
        try:
            answers[question.code] = _convert(question, [str(v).strip() for v in values])
        except ValueError as exc:
            errors[question.code] = str(exc)
    return answers, errors


def _convert(question, values):
    keys = {choice["key"] for choice in question.values or ()}
    if question.datatype == QuestionType.MULTI:
        unknown = [v for v in values if v not in keys]
        if unknown:
            raise ValueError(gettext("“%(value)s” is not one of the choices.") % {"value": unknown[0]})
        return values
    value = values[0]
    if question.datatype == QuestionType.SINGLE and value not in keys:
        raise ValueError(gettext("“%(value)s” is not one of the choices.") % {"value": value})
    if question.datatype == QuestionType.NUMBER:
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise ValueError(gettext("Give a number.")) from None
        return int(number) if number == number.to_integral_value() else float(number)
    if question.datatype == QuestionType.DATETIME:
        parsed = _parse_datetime(value)
        if parsed is None:
            raise ValueError(gettext("Give a date and time, e.g. 2026-11-23 14:30."))
        return parsed.isoformat()
    limit = 255 if question.datatype == QuestionType.STRING else 4000
    if len(value) > limit:
        raise ValueError(gettext("The answer is too long (at most %(n)s characters).") % {"n": limit})
    return value


def _parse_datetime(value):
    try:
        return parse_datetime(value) or datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        return None


def display(category, answers):
    """[(question, answer as text), ...] in the question order, for the case page and the status page."""
    shown = []
    for question in category.questions.all():
        if question.code not in answers:
            continue
        names = {choice["key"]: choice["name"] for choice in question.values or ()}
        value = answers[question.code]
        values = value if isinstance(value, list) else [value]
        shown.append((question, ", ".join(str(names.get(v, v)) for v in values)))
    return shown
