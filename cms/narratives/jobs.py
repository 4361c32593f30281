"""The daily re-verification sweep of narratives."""

from cms.jobs import periodic
from cms.narratives import review


@periodic(cron="0 6 * * *", queue="notifications")
def review_narratives():
    """Tell owners about due reviews, remind, escalate, and announce expiries (every morning at 6)."""
    review.sweep()
