"""Enqueue every periodic job on its schedule (RQ's cron scheduler)."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_rq.cron import DjangoCronScheduler

from cms.jobs import periodic_jobs


class Command(BaseCommand):
    help = _("Run the scheduler that enqueues periodic jobs to the RQ queues.")

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help=_("List the periodic jobs and exit."))

    def handle(self, *args, **options):
        jobs = periodic_jobs()
        if options["list"]:
            for job in jobs:
                self.stdout.write(f"{job.name}  [{job.queue}]  {job.schedule}")
            if not jobs:
                self.stdout.write(_("No periodic jobs are declared."))
            return
        if settings.KOMUNIKAT_JOBS_IN_PROCESS:
            raise CommandError(_("REDIS_URL is not set: the scheduler needs Redis and RQ workers."))
        scheduler = DjangoCronScheduler(logging_level=logging.INFO)
        for job in jobs:
            scheduler.register(job.func, job.queue, cron=job.cron, interval=job.interval, name=job.name)
        self.stdout.write(_("Scheduling %(count)d periodic jobs.") % {"count": len(jobs)})
        scheduler.start()
