"""Case numbers people read on the phone: ``DP/2026/000123``, one series per kind of case, per year."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.core.models import CaseCounter


def next_number(series, when=None, digits=6):
    """The next number of ``series`` for the year of ``when`` (default now), gap-free within a commit."""
    year = timezone.localtime(when or timezone.now()).year
    with transaction.atomic():
        counter = CaseCounter.objects.select_for_update().filter(series=series, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = CaseCounter.objects.create(series=series, year=year)
            except IntegrityError:  # another request created it a moment ago
                counter = CaseCounter.objects.select_for_update().get(series=series, year=year)
        counter.value += 1
        counter.save(update_fields=["value"])
    return f"{series}/{year}/{counter.value:0{digits}d}"
