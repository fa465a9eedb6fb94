"""The kernel's models: rate-limit counters shared by every process, the outbox permission."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """Events counted for one key in one window (see core/counters.py). Written only by raw
    upserts there; the model exists for the migration and for pruning."""

    key = models.CharField(max_length=100, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    window_ends = models.FloatField(db_index=True)  # Unix time; the next event after it starts afresh

    class Meta:
        db_table = "core_ratecounter"


class Outbox(models.Model):
    """No table: Django needs a model to hang a permission on (as Wagtail does for "access the
    admin"). Reading the mail outbox is granted explicitly, superusers hold it by default."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("read_outbox", _("Can read the mail outbox"))]


class TaskWorker(models.Model):
    """A task worker that is alive: it writes `beat_at` every few seconds (core/taskworker.py).
    A task left "running" by a worker whose beat stopped is queued again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField(db_index=True)
    started_at = models.DateTimeField()
