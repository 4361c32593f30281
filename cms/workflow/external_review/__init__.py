"""External approval: a signed, expiring review link for one named person outside the city hall.

An editor makes the link for a page in moderation; the person sees the preview of
the revision under review and approves or requests changes with a comment. The
decision does not move Wagtail's workflow: the person is not a member of the
approval groups. It is recorded on the link, written to the page's history for
the approvers and e-mailed to the editor who made the link.
"""
