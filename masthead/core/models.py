"""The kernel's one table: rate-limit counters shared by every process of the site."""

from django.db import models


class RateCounter(models.Model):
    """Events counted for one key in one window (see core/counters.py). Written only by raw
    upserts there; the model exists for the migration and for pruning."""

    key = models.CharField(max_length=100, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    window_ends = models.FloatField(db_index=True)  # Unix time; the next event after it starts afresh

    class Meta:
        db_table = "core_ratecounter"
