"""Refusals of the domain rules, one shape for the admin (a message) and the API (an error body).

A rule that says no (a transition from the wrong state, an approval by the
wrong person, sending an unapproved text) raises one of these, and nothing has
changed when it does.
"""


class Refused(Exception):
    """The request breaks a rule of the case as it stands now (HTTP 409)."""

    status = 409
    code = "refused"

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotAllowed(Refused):
    """The rule exists, but this person may not do it (HTTP 403)."""

    status = 403
    code = "not_allowed"


class Invalid(Refused):
    """The values given cannot be right, e.g. a deadline before the case arrived (HTTP 400)."""

    status = 400
    code = "invalid"
