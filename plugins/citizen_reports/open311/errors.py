"""The spec's error list: ``<errors><error><code>400</code><description>…`` with the same HTTP status."""

from plugins.citizen_reports.open311 import formats


class Open311Error(Exception):
    """A refusal of the API: the HTTP status and one description per problem."""

    def __init__(self, status, *descriptions):
        super().__init__(" ".join(str(d) for d in descriptions))
        self.status = status
        self.descriptions = descriptions

    def response(self, fmt, headers=None):
        errors = [{"code": self.status, "description": str(d)} for d in self.descriptions]
        response = formats.render(fmt, "errors", errors, status=self.status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response
