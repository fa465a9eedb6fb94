"""What an import brought in: one row per source object, linking it to what it became here."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    WORDPRESS = "wordpress", "WordPress"
    DISQUS = "disqus", "Disqus"
    ISSO = "isso", "Isso"
    STRIPE = "stripe", "Stripe"


class ImportedObject(models.Model):
    """A source object (a WordPress post, a Disqus comment…) and the Masthead object it became.

    The key (source, source_site, kind, source_id) is what makes a re-run update instead of
    duplicate. `revision_id` is the page revision the import last wrote: when the page's latest
    revision is another, an editor changed it since, and a re-run reports a conflict instead of
    overwriting. `digest` is a hash of the source item as last imported, so an unchanged item is
    recognised without rebuilding it. `data` keeps what has no place in the target (a category's
    parent, the old address)."""

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_site = models.CharField(_("source site"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32)
    source_id = models.CharField(_("source id"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    digest = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("imported object")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_site", "kind", "source_id"], name="migration_imported_key"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="migration_imported_target")]

    def __str__(self) -> str:
        return f"{self.source}:{self.kind}:{self.source_id}"


class ImportRun(models.Model):
    """One `masthead import …` run as its operator saw it: when, from which files, how it ended,
    and its report's counts (the admin's home lists the last ones)."""

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    files = models.JSONField(_("files"), default=list)
    dry_run = models.BooleanField(_("dry run"), default=False)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    succeeded = models.BooleanField(_("succeeded"), default=False)
    error = models.TextField(_("error"), blank=True)
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        ordering = ["-finished_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.finished_at:%Y-%m-%d %H:%M}"
