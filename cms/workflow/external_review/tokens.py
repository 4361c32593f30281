"""The token in a review link: the link's id, signed with the site's secret key.

The signature makes the id unguessable and tamper-evident; validity (expiry,
revocation) lives on the ``ExternalReview`` row, so one link keeps one address
that the admin can show again.
"""

from django.core import signing

SALT = "komunikat.external_review"


def make_token(review_id):
    return signing.Signer(salt=SALT).sign_object(review_id)


def read_token(token):
    """The review id in ``token``; ``signing.BadSignature`` when it was not signed by us."""
    review_id = signing.Signer(salt=SALT).unsign_object(token)
    if not isinstance(review_id, int):
        raise signing.BadSignature("Not a review link token.")
    return review_id
