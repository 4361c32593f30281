"""Insights: what a platform counted for one published post, one snapshot per collection run."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The counts every chart knows; a platform's other counts stay in ``metrics``.
METRICS = ("reach", "reactions", "comments", "shares")


class InsightSnapshot(models.Model):
    delivery = models.ForeignKey(
        "outbox.Delivery", verbose_name=_("post"), on_delete=models.CASCADE, related_name="insight_snapshots"
    )
    taken_at = models.DateTimeField(_("taken"), db_index=True)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    reactions = models.PositiveIntegerField(_("reactions"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("shares"), null=True, blank=True)
    metrics = models.JSONField(_("all counts"), default=dict, blank=True)

    class Meta:
        ordering = ["taken_at", "pk"]
        get_latest_by = "taken_at"
        verbose_name = _("insight snapshot")
        verbose_name_plural = _("insight snapshots")
        indexes = [models.Index(fields=["delivery", "-taken_at"], name="engage_snapshot_latest")]

    def __str__(self):
        return f"{self.delivery_id} @ {self.taken_at:%Y-%m-%d %H:%M}"
