"""The Imports panel of the admin's home: the last import runs and what their reports said."""

from typing import Any

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .selectors import import_runs_recent


def sees_imports(user) -> bool:
    return bool(user.is_superuser or user.has_perm("migration.view_importrun"))


def _totals(report: dict[str, Any]) -> dict[str, int]:
    totals = {"found": 0, "imported": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    for tally in report.get("kinds", {}).values():
        for key in totals:
            totals[key] += tally.get(key, 0)
    return totals


class ImportsPanel(Component):
    name = "masthead_imports"
    template_name = "migration/home/imports_panel.html"
    order = 130

    def get_context_data(self, parent_context):
        runs = [
            {
                "run": run,
                "totals": _totals(run.report),
                "conflicts": len(run.report.get("conflicts", [])),
                "missing_media": len(run.report.get("missing_media", [])),
                "unmatched": len(run.report.get("unmatched_threads", [])),
            }
            for run in import_runs_recent()
        ]
        return {"runs": runs, "pages_url": reverse("pages_by_origin:index") + "?origin=any"}


def imports_panel(user) -> ImportsPanel | None:
    return ImportsPanel() if sees_imports(user) else None
