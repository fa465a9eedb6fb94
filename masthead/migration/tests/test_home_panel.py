"""The Imports panel of the admin's home: each run of `masthead import` as its report said, the
failed ones too, who sees it, and what it costs."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.base import CommandError
from django.test import RequestFactory

from masthead.migration.home_panel import imports_panel
from masthead.migration.models import ImportRun

from .export_sample import sample_export


def _panel(client, user) -> str:
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    start = html.find('id="masthead-imports')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_a_run_is_shown_with_its_report_counts(client, editor, home, write_export, run_import, uploads):
    run_import(write_export(sample_export()), "--uploads", uploads)

    run = ImportRun.objects.get()
    assert run.succeeded and not run.dry_run and run.source == "wordpress"
    found = sum(t["found"] for t in run.report["kinds"].values())
    imported = sum(t["imported"] for t in run.report["kinds"].values())
    assert found > 0 and imported > 0
    panel = _panel(client, editor)
    assert "WordPress" in panel
    assert f"{found} items found: {imported} imported, 0 updated, 0 unchanged" in panel
    assert "/admin/pages_by_origin/?origin=any" in panel


def test_a_dry_run_and_a_failed_run_are_recorded_too(client, editor, home, write_export, run_import):
    run_import(write_export(sample_export()), "--dry-run")
    with pytest.raises(CommandError):
        run_import(write_export("<html>not an export</html>", name="page.html"))

    failed, dry = ImportRun.objects.all()
    assert dry.dry_run and dry.succeeded
    assert not failed.succeeded and "nothing was imported" in failed.error
    panel = _panel(client, editor)
    assert "dry run" in panel
    assert "failed, nothing was imported" in panel
    assert "page.html" in panel


def test_before_any_import_the_panel_says_how_to_start(client, editor):
    assert "Nothing has been imported yet." in _panel(client, editor)


def test_only_who_may_see_import_runs_sees_the_panel(client, django_user_model):
    user = django_user_model.objects.create_user("rhea", "rhea@ledger.example", "pw")
    group = Group.objects.create(name="Import watchers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    assert _panel(client, user) == ""

    group.permissions.add(Permission.objects.get(codename="view_importrun"))
    assert "Nothing has been imported yet." in _panel(client, user)


def test_the_panel_costs_one_query(editor, home, write_export, run_import, django_assert_max_num_queries):
    for _ in range(3):
        run_import(write_export(sample_export()), "--dry-run")
    request = RequestFactory().get("/admin/")
    request.user = editor

    with django_assert_max_num_queries(1):
        html = imports_panel(editor).render_html({"request": request, "csrf_token": ""})
    assert html.count("dry run") == 3
