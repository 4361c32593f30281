"""Receivers: a new journalist or outlet has the task rules applied in the background.

The job is enqueued after the commit, when a journalist's employments and beats
(saved after the row itself) are in the database too.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.jobs import enqueue
from plugins.crm import rules
from plugins.crm.models import Journalist, Outlet


@receiver(post_save, sender=Journalist, dispatch_uid="crm_journalist_rules")
def journalist_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        enqueue(rules.apply_journalist_rules, instance.pk)


@receiver(post_save, sender=Outlet, dispatch_uid="crm_outlet_rules")
def outlet_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        enqueue(rules.apply_outlet_rules, instance.pk)
