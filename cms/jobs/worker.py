"""The RQ job class every worker runs with: plain jobs and Django tasks on the same queues.

``cms.jobs.enqueue`` puts plain functions on the queues; Wagtail's background
tasks (search index updates, reference index) arrive through django-tasks-rq,
whose own job class refuses anything that is not a task and whose jobs the
default class cannot run. This class hands each job to the right one:

    manage.py rqworker default publishing notifications --job-class cms.jobs.worker.Job
"""

from django_tasks_rq import Job as TaskJob
from django_tasks_rq.compat import TASK_CLASSES
from rq.job import Job as PlainJob


class Job(TaskJob):
    def _is_task(self):
        return isinstance(PlainJob.func.fget(self), TASK_CLASSES)

    @property
    def func(self):
        return super().func if self._is_task() else PlainJob.func.fget(self)

    def perform(self):
        return super().perform() if self._is_task() else PlainJob.perform(self)

    def _execute(self):
        return super()._execute() if self._is_task() else PlainJob._execute(self)
