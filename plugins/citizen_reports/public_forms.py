"""The public report form: the values a citizen typed, and intake's errors placed on the fields.

The rules live in intake.check: this module only turns the request into a
Submission and ReportInvalid.errors back into messages next to the fields and
an error summary linking to each. The questions of every category are in the
page; only the chosen category's are shown and sent (``disabled`` hides the
others from the browser's submission), script switches them as the category
changes, and without script the form comes back with the chosen category's
questions before the report is stored (the hidden field ``asked`` says whose
questions were on screen).
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.http import QueryDict
from django.utils.translation import gettext, gettext_lazy

from plugins.citizen_reports import abuse, photos
from plugins.citizen_reports.intake import Submission
from plugins.citizen_reports.models import Category, QuestionType, Source

#: The hidden field naming the category whose questions were on screen.
ASKED = "asked"


@dataclass
class Field:
    """One input as the template renders it: label, hint, value kept, error."""

    name: str
    label: str
    value: object = ""
    hint: str = ""
    error: str = ""
    id: str = ""
    input_type: str = "text"
    autocomplete: str = ""
    inputmode: str = ""
    required: bool = False
    #: For questions: "input", "textarea", "select" or "checkboxes"; choices as (key, name, chosen).
    widget: str = "input"
    choices: list = field(default_factory=list)

    def __post_init__(self):
        self.id = self.id or self.name

    @property
    def hint_id(self):
        return f"{self.id}-hint" if self.hint else ""

    @property
    def error_id(self):
        return f"{self.id}-error" if self.error else ""

    @property
    def described_by(self):
        return " ".join(i for i in (self.hint_id, self.error_id) if i)


@dataclass
class CategoryChoice:
    category: Category
    id: str
    checked: bool
    invalid: bool = False

    @property
    def hint(self):
        return " ".join(t for t in (self.category.description, self.category.help_text) if t)

    @property
    def hint_id(self):
        return f"{self.id}-hint" if self.hint else ""

    @property
    def described_by(self):
        return " ".join(i for i in (self.hint_id, "category-error" if self.invalid else "") if i)


@dataclass
class QuestionBlock:
    """The questions of one category: shown and sent only while the category is chosen."""

    category: Category
    id: str
    shown: bool
    fields: list


def _question_field(category, question, data, errors, shown):
    name = f"attribute[{question.code}]"
    fid = f"q-{category.code}-{question.code}"
    kind = QuestionType(question.datatype)
    values = data.getlist(name) if shown else []
    value = values[0] if values else ""
    f = Field(
        name,
        question.question,
        value=value,
        hint=question.description,
        error=errors.get(name, "") if shown else "",
        id=fid,
        required=question.required,
    )
    if kind == QuestionType.TEXT:
        f.widget = "textarea"
    elif kind == QuestionType.NUMBER:
        f.inputmode = "decimal"
    elif kind == QuestionType.DATETIME:
        f.input_type = "datetime-local"
        f.hint = f.hint or gettext("Date and time, e.g. 2026-11-23 14:30.")
    elif kind == QuestionType.SINGLE:
        f.widget = "select"
        f.choices = [(c["key"], c["name"], c["key"] == value) for c in question.values]
    elif kind == QuestionType.MULTI:
        f.widget = "checkboxes"
        f.choices = [(c["key"], c["name"], c["key"] in values) for c in question.values]
    return f


def read_photos(uploads):
    """(name, bytes) pairs for photos.clean, each read only up to one byte over the size limit.

    More photos than allowed are refused before any is looked at: their content is not read.
    """
    if len(uploads) > photos.max_count():
        return [(u.name, b"") for u in uploads]
    limit = photos.max_bytes() + 1
    return [(u.name, u.read(limit)) for u in uploads]


class ReportForm:
    """The report form, empty or as sent: ``submission()`` for intake, ``fail(errors)``, ``context()``."""

    def __init__(self, page, data=None, files=None):
        self.page = page
        self.bound = data is not None
        self.data = data if data is not None else QueryDict()
        self.uploads = [u for u in (files.getlist("photos") if files else []) if u.name]
        self.errors = {}
        self.notice = ""
        #: Show a freshly signed start time (the one sent was refused), else keep the one sent.
        self.restart = not self.bound
        self.categories = list(Category.objects.filter(active=True).prefetch_related("questions"))
        code = self.data.get("category", "")
        self.chosen = next((c for c in self.categories if c.code == code), None)

    def value(self, name):
        return (self.data.get(name) or "").strip()

    @property
    def email(self):
        return self.value("email")

    def _answers(self):
        if self.chosen is None:
            return {}
        answers = {}
        for question in self.chosen.questions.all():
            name = f"attribute[{question.code}]"
            if question.datatype == QuestionType.MULTI:
                answers[question.code] = self.data.getlist(name)
            else:
                answers[question.code] = self.data.get(name, "")
        return answers

    def submission(self):
        return Submission(
            category=self.data.get("category") or None,
            description=self.data.get("description", ""),
            address=self.value("address"),
            latitude=self.value("latitude"),
            longitude=self.value("longitude"),
            attributes=self._answers(),
            first_name=self.value("first_name"),
            last_name=self.value("last_name"),
            email=self.email,
            phone=self.value("phone"),
            consent=self.data.get("consent") == "yes",
            source=Source.FORM,
            photos=read_photos(self.uploads),
            page=self.page,
        )

    def unasked(self):
        """The chosen category has questions that were not on screen when the form was sent."""
        chosen = self.chosen
        return chosen is not None and bool(chosen.questions.all()) and self.data.get(ASKED) != chosen.code

    def ask(self, errors):
        """Show the chosen category's questions (and ``errors`` of the rest) before anything is stored."""
        self.fail(
            {key: message for key, message in errors.items() if not key.startswith("attribute[")},
            gettext(
                "The category “%(name)s” has a few more questions. "
                "Answer them below and send the report again."
            )
            % {"name": self.chosen},
        )

    def fail(self, errors=None, notice="", *, restart=False):
        self.errors = dict(errors or {})
        self.notice = notice
        self.restart = restart

    # --- rendering -----------------------------------------------------------------------
    def _target(self, key):
        """The id of the element an error of intake's ``key`` links to."""
        if key == "category":
            return f"category-{self.categories[0].code}" if self.categories else "category"
        if key == "location":
            return "latitude"
        if key.startswith("attribute[") and self.chosen is not None:
            return f"q-{self.chosen.code}-{key[len('attribute[') : -1]}"
        return key

    def _summary(self, blocks):
        order = ["category"]
        for block in blocks:
            if block.shown:
                order += [f.name for f in block.fields]
        order += ["description", "address", "location", "photos", "first_name", "last_name"]
        order += ["email", "phone", "consent"]
        keys = sorted(self.errors, key=lambda k: order.index(k) if k in order else len(order))
        items = [(self.errors[k], "#" + self._target(k)) for k in keys]
        if self.notice:
            first = next((b.fields[0].id for b in blocks if b.shown and b.fields), "")
            items.insert(0, (self.notice, f"#{first}" if first else ""))
        return items

    def _text(self, name, label, **options):
        value = self.data.get(name, "") if name == "description" else self.value(name)
        return Field(name, label, value=value, error=str(self.errors.get(name, "")), **options)

    def context(self):
        e = self.errors
        choices = [
            CategoryChoice(c, f"category-{c.code}", c == self.chosen, "category" in e)
            for c in self.categories
        ]
        groups = [
            (group or gettext("Other problems"), list(items))
            for group, items in groupby(choices, key=lambda choice: choice.category.group)
        ]
        blocks = []
        for category in self.categories:
            questions = list(category.questions.all())
            if questions:
                shown = category == self.chosen
                fields = [_question_field(category, q, self.data, e, shown) for q in questions]
                blocks.append(QuestionBlock(category, f"questions-{category.code}", shown, fields))
        location_error = e.get("location", "")
        return {
            "bound": self.bound,
            "summary": self._summary(blocks) if (e or self.notice) else [],
            "groups": groups,
            "category_error": e.get("category", ""),
            "category_target": self._target("category"),
            "blocks": blocks,
            "asked": self.chosen.code if self.chosen and any(b.shown for b in blocks) else "",
            "description": self._text(
                "description",
                gettext_lazy("Describe the problem"),
                hint=gettext("What is wrong, since when, and anything that helps to find it."),
                required=True,
                widget="textarea",
            ),
            "address": self._text(
                "address",
                gettext_lazy("Address or place"),
                hint=gettext(
                    "Needed unless you mark the point on the map below. "
                    "E.g. “ul. Lipowa 12” or “the playground in Park Miejski, by the gate”."
                ),
            ),
            "coordinates": [
                Field("latitude", gettext("Latitude"), value=self.value("latitude"), error=location_error),
                Field("longitude", gettext("Longitude"), value=self.value("longitude"), error=location_error),
            ],
            "location_error": location_error,
            "photos_error": e.get("photos", ""),
            "photos_hint": gettext(
                "Optional. Up to %(count)s photos, each up to %(mb)s MB: JPEG, PNG, WebP or HEIC. "
                "We remove the location and other data stored in the photo files."
            )
            % {"count": photos.max_count(), "mb": photos.max_bytes() // (1024 * 1024)},
            "photos_accept": photos.ACCEPT_ATTRIBUTE,
            "photos_to_add_again": [u.name for u in self.uploads],
            "first_name": self._text("first_name", gettext_lazy("First name"), autocomplete="given-name"),
            "last_name": self._text("last_name", gettext_lazy("Last name"), autocomplete="family-name"),
            "email": self._text(
                "email",
                gettext_lazy("E-mail"),
                hint=gettext(
                    "We send the case number, every update and the city's reply to this address. "
                    "Without an e-mail you only see the status on the page whose link we show after sending."
                ),
                input_type="email",
                autocomplete="email",
            ),
            "phone": self._text(
                "phone",
                gettext_lazy("Phone"),
                hint=gettext("Only if we may call you with questions about the problem."),
                input_type="tel",
                autocomplete="tel",
            ),
            "consent": Field(
                "consent", "", value=self.data.get("consent") == "yes", error=e.get("consent", "")
            ),
            "honeypot": abuse.HONEYPOT,
            "started_field": abuse.STARTED,
            "started": abuse.started_token() if self.restart else self.data.get(abuse.STARTED, ""),
        }
