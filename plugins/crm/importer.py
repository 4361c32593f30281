"""Import of outlets and journalists from CSV, for ``manage.py import_contacts`` and the admin.

The file has a header row with the columns :data:`COLUMNS` (in any order, more
columns are ignored); UTF-8 with or without a BOM, comma or semicolon delimited
(detected from the header). Several beats or tags in a cell are separated by
``|``. Rows are numbered as a spreadsheet shows them: the header is row 1.

The import is idempotent on the e-mail: a journalist who already has the row's
e-mail is updated (names, a new phone, beats and tags added, a current
employment at the row's outlet added), never duplicated; a row that would
change nothing is "unchanged". Outlets are matched by name, case-insensitively,
and created with the row's kind and reach when missing. Each row is checked
first and written in its own savepoint, so a bad row is reported with its
number and the reason and changes nothing.

Each journalist the import creates or updates gets one ``crm.import`` entry in
Wagtail's audit log (see :func:`_log`), so the journalist's history says which
file and row changed it and the audit report filters imports by employee.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.core.models import Topic
from plugins.crm import audit
from plugins.crm.models import (
    Employment,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    LegalBasis,
    Outlet,
    OutletKind,
    OutletReach,
)
from plugins.crm.validators import normalise_phone

COLUMNS = (
    "outlet_name",
    "outlet_kind",
    "outlet_reach",
    "first_name",
    "last_name",
    "email",
    "phone",
    "beats",
    "tags",
)
SEPARATOR = "|"
LABEL_LANGUAGES = ("pl", "en")
DATA_SOURCE_LENGTH = Journalist._meta.get_field("data_source").max_length

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


class FileError(Exception):
    """The file as a whole cannot be imported (not UTF-8 text, not CSV, columns missing)."""


@dataclass
class Outcome:
    """What happens (or, in a dry run, would happen) to one row."""

    row: int
    action: str
    email: str = ""
    name: str = ""
    outlet: str = ""
    changes: list = field(default_factory=list)
    message: str = ""
    journalist_id: int | None = None


@dataclass
class Report:
    rows: list = field(default_factory=list)

    def _count(self, action):
        return sum(1 for outcome in self.rows if outcome.action == action)

    @property
    def created(self):
        return self._count(CREATE)

    @property
    def updated(self):
        return self._count(UPDATE)

    @property
    def unchanged(self):
        return self._count(UNCHANGED)

    @property
    def errors(self):
        """(row number, reason) of every row that was skipped."""
        return [(outcome.row, outcome.message) for outcome in self.rows if outcome.action == ERROR]

    def summary(self):
        return _("created %(created)d, updated %(updated)d, unchanged %(unchanged)d, errors %(errors)d") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


class RowError(Exception):
    pass


def read_rows(data):
    """The data rows of CSV ``data`` (bytes) as [(row number, {column: value})]; FileError if unusable."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(
            _("The file is not UTF-8 text; save it from the spreadsheet as “CSV UTF-8”.")
        ) from None
    if "\x00" in text:
        raise FileError(_("The file is not a CSV file."))
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise FileError(_("The file is not a valid CSV file: %(error)s.") % {"error": error}) from None
    start = next((index for index, cells in enumerate(records) if any(cell.strip() for cell in cells)), None)
    if start is None:
        raise FileError(_("The file is empty."))
    header = [cell.strip().lower() for cell in records[start]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise FileError(
            _("Columns missing from the header row: %(missing)s. The columns are: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    rows = []
    for number, cells in enumerate(records[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in cells):
            continue
        values = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        rows.append((number, {column: values.get(column, "") for column in COLUMNS}))
    return rows


def import_rows(rows, *, file_name, user=None, dry_run=False, progress=None):
    """Import ``rows`` of :func:`read_rows`; with ``dry_run`` only say what would happen."""
    context = _Context(file_name=file_name, user=user, dry_run=dry_run)
    report = Report()
    for index, (number, values) in enumerate(rows, start=1):
        report.rows.append(context.process(number, values))
        if progress:
            progress(index)
    return report


def import_file(data, **options):
    """:func:`read_rows` and :func:`import_rows` in one step."""
    return import_rows(read_rows(data), **options)


def _choice_lookup(choices):
    """{lower-case code or label in Polish or English: code} of a TextChoices."""
    lookup = {}
    for code, label in choices.choices:
        lookup[code.lower()] = code
        for language in LABEL_LANGUAGES:
            with translation.override(language):
                lookup[str(label).lower()] = code
    return lookup


def _split(value):
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


def one_year_ahead(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class _Context:
    """State of one import: lookups loaded once, e-mails and outlets already seen in the file."""

    def __init__(self, *, file_name, user, dry_run):
        self.file_name = file_name
        self.user = user
        self.dry_run = dry_run
        self.kinds = _choice_lookup(OutletKind)
        self.reaches = _choice_lookup(OutletReach)
        self.topics = {}
        for topic in Topic.objects.all():
            self.topics[topic.name.lower()] = topic
            self.topics[topic.slug.lower()] = topic
        self.topic_names = sorted({topic.name for topic in self.topics.values()})
        self.emails = {}  # lower-case e-mail -> first row with it
        self.new_outlets = set()  # lower-case names created by this import (or, dry, that would be)

    def process(self, number, values):
        outcome = Outcome(
            row=number,
            action=ERROR,
            email=values["email"],
            name=f"{values['first_name']} {values['last_name']}".strip(),
            outlet=values["outlet_name"],
        )
        try:
            row = self.check(number, values)
            if self.dry_run:
                self.plan(row, outcome)
            else:
                with transaction.atomic():
                    self.plan(row, outcome)
                    self.write(row, outcome)
        except RowError as error:
            outcome.action, outcome.message = ERROR, str(error)
        except (ValidationError, DatabaseError) as error:
            outcome.action = ERROR
            outcome.message = "; ".join(getattr(error, "messages", None) or [str(error)])
        return outcome

    def check(self, number, values):
        """The row's values cleaned, or RowError with every problem found."""
        problems = []
        row = dict(values)
        for column in ("first_name", "last_name", "email"):
            if not values[column]:
                problems.append(_("%(column)s is empty.") % {"column": column})
        for column, model, name in (
            ("first_name", Journalist, "first_name"),
            ("last_name", Journalist, "last_name"),
            ("outlet_name", Outlet, "name"),
        ):
            limit = model._meta.get_field(name).max_length
            if len(values[column]) > limit:
                problems.append(
                    _("%(column)s is longer than %(limit)d characters.") % {"column": column, "limit": limit}
                )
        email = values["email"].lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]})
            else:
                if email in self.emails:
                    problems.append(
                        _("The e-mail %(email)s is already on row %(row)d; each person goes in once.")
                        % {"email": values["email"], "row": self.emails[email]}
                    )
        row["email"] = email
        if values["phone"]:
            try:
                row["phone"] = normalise_phone(values["phone"])
            except ValidationError as error:
                problems.extend(error.messages)
        for column, lookup, choices in (
            ("outlet_kind", self.kinds, OutletKind),
            ("outlet_reach", self.reaches, OutletReach),
        ):
            if values[column]:
                row[column] = lookup.get(values[column].lower())
                if row[column] is None:
                    problems.append(
                        _("Unknown %(column)s “%(value)s”; use one of: %(choices)s.")
                        % {"column": column, "value": values[column], "choices": ", ".join(choices.values)}
                    )
        row["beats"] = []
        for beat in _split(values["beats"]):
            topic = self.topics.get(beat.lower())
            if topic is None:
                problems.append(
                    _("Unknown beat “%(value)s”; the beats are: %(beats)s.")
                    % {"value": beat, "beats": ", ".join(self.topic_names) or "—"}
                )
            elif topic not in row["beats"]:
                row["beats"].append(topic)
        row["tags"] = list(dict.fromkeys(_split(values["tags"])))
        for tag in row["tags"]:
            if len(tag) > 100:
                problems.append(_("The tag “%(tag)s…” is longer than 100 characters.") % {"tag": tag[:20]})
        if problems:
            raise RowError(" ".join(problems))
        self.emails[email] = number
        return row

    def plan(self, row, outcome):
        """Fill ``outcome`` with what the row does; attach the existing objects to ``row``."""
        row["outlet"] = None
        if row["outlet_name"]:
            row["outlet"] = Outlet.objects.filter(name__iexact=row["outlet_name"]).first()
            if row["outlet"] is None and row["outlet_name"].lower() not in self.new_outlets:
                missing = [column for column in ("outlet_kind", "outlet_reach") if not row[column]]
                if missing:
                    raise RowError(
                        _("The outlet “%(outlet)s” is not in the CRM yet: give its %(columns)s.")
                        % {"outlet": row["outlet_name"], "columns": _(" and ").join(missing)}
                    )
                outcome.changes.append(_("new outlet %(outlet)s") % {"outlet": row["outlet_name"]})
                self.new_outlets.add(row["outlet_name"].lower())
        match = (
            JournalistEmail.objects.filter(email__iexact=row["email"]).select_related("journalist").first()
        )
        journalist = row["journalist"] = match.journalist if match else None
        if journalist is None:
            outcome.action = CREATE
            return
        outcome.journalist_id = journalist.pk
        changes = outcome.changes
        if (journalist.first_name, journalist.last_name) != (row["first_name"], row["last_name"]):
            changes.append(
                _("name %(old)s → %(new)s")
                % {"old": journalist.full_name, "new": f"{row['first_name']} {row['last_name']}"}
            )
        if row["phone"] and row["phone"] not in self._numbers(journalist):
            changes.append(_("phone %(phone)s") % {"phone": row["phone"]})
        known_beats = set(journalist.beats.values_list("pk", flat=True))
        row["new_beats"] = [topic for topic in row["beats"] if topic.pk not in known_beats]
        changes.extend(_("beat %(beat)s") % {"beat": topic.name} for topic in row["new_beats"])
        known_tags = {name.lower() for name in journalist.tags.values_list("name", flat=True)}
        row["new_tags"] = [tag for tag in row["tags"] if tag.lower() not in known_tags]
        changes.extend(_("tag %(tag)s") % {"tag": tag} for tag in row["new_tags"])
        row["new_employment"] = bool(row["outlet_name"]) and not (
            row["outlet"]
            and journalist.employments.filter(outlet=row["outlet"], ended_on__isnull=True).exists()
        )
        if row["new_employment"]:
            changes.append(_("works at %(outlet)s") % {"outlet": row["outlet_name"]})
        outcome.action = UPDATE if changes else UNCHANGED

    @staticmethod
    def _numbers(journalist):
        numbers = set()
        for number in journalist.phones.values_list("number", flat=True):
            try:
                numbers.add(normalise_phone(number))
            except ValidationError:
                numbers.add(number)
        return numbers

    def write(self, row, outcome):
        outlet = row["outlet"]
        if row["outlet_name"] and outlet is None:
            outlet = Outlet.objects.create(
                name=row["outlet_name"], kind=row["outlet_kind"], reach=row["outlet_reach"]
            )
        journalist = row["journalist"]
        if outcome.action == CREATE:
            journalist = Journalist(
                first_name=row["first_name"],
                last_name=row["last_name"],
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                data_source=f"import: {self.file_name}"[:DATA_SOURCE_LENGTH],
                review_at=one_year_ahead(timezone.localdate()),
                created_by=self.user,
            )
            journalist.emails = [JournalistEmail(email=row["email"], primary=True)]
            journalist.phones = [JournalistPhone(number=row["phone"])] if row["phone"] else []
            journalist.employments = [Employment(outlet=outlet)] if outlet else []
            journalist.beats = row["beats"]
            journalist.tags.set(row["tags"])
            journalist.save()
            outcome.journalist_id = journalist.pk
            self._log(journalist, outcome)
        elif outcome.action == UPDATE:
            journalist.first_name, journalist.last_name = row["first_name"], row["last_name"]
            if row["phone"] and row["phone"] not in self._numbers(journalist):
                journalist.phones.add(JournalistPhone(number=row["phone"]))
            if row["new_employment"]:
                journalist.employments.add(Employment(outlet=outlet))
            journalist.beats.add(*row["new_beats"])
            journalist.tags.add(*row["new_tags"])
            journalist.save()
            self._log(journalist, outcome)

    def _log(self, journalist, outcome):
        """One audit entry per journalist created or updated: the file, the row and what changed."""
        audit.record(
            journalist,
            audit.IMPORT,
            self.user,
            file=self.file_name,
            row=outcome.row,
            result=outcome.action,
            changes=[str(change) for change in outcome.changes],
        )
