"""The Stories panel of the admin's home: scheduled stories with their times, drafts waiting in a
workflow step for the user, the day's stories; its query cost; and the empty newsroom."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from masthead.newsroom.home_panel import stories_panel

from .factories import article_make


@pytest.fixture
def copy_desk(home, editor):
    """A workflow on the whole site whose one step is the copy desk, of which the editor is part."""
    desk = Group.objects.create(name="Copy desk")
    editor.groups.add(desk)
    workflow = Workflow.objects.create(name="Review")
    task = GroupApprovalTask.objects.create(name="Copy desk check")
    task.groups.add(desk)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    return workflow


def _html(user) -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    return stories_panel(user).render_html({"request": request, "csrf_token": ""})


def test_the_panel_lists_scheduled_waiting_and_published_stories(home, editor, copy_desk):
    article_make(home=home, title="Council passes the budget")
    article_make(home=home, title="Last week's story", published_at=timezone.now() - timedelta(days=7))
    later = article_make(home=home, title="Ferry timetable")
    later.title = "Ferry timetable changes in May"
    later.save_revision(user=editor, approved_go_live_at=timezone.now() + timedelta(hours=3))
    draft = article_make(home=home, title="Bridge repairs")
    copy_desk.start(draft, editor)

    html = _html(editor)

    scheduled = html[html.index("Scheduled") : html.index("Waiting for your review")]
    assert "Ferry timetable changes in May" in scheduled and "goes live" in scheduled
    waiting = html[html.index("Waiting for your review") : html.index("Published today")]
    assert "Bridge repairs" in waiting and "Copy desk check" in waiting
    published = html[html.index("Published today") :]
    assert "Council passes the budget" in published
    assert "Last week&#x27;s story" not in published and "Last week's story" not in published
    assert f"/admin/pages/{draft.pk}/edit/" in waiting


def test_a_draft_waits_only_for_the_group_of_its_step(home, editor, copy_desk, django_user_model):
    reporter = django_user_model.objects.create_user("rhea", "rhea@ledger.example", "pw")
    reporters = Group.objects.create(name="Reporters")
    reporters.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=reporters, page=home, permission=Permission.objects.get(codename="change_page")
    )
    reporter.groups.add(reporters)
    visitor = django_user_model.objects.create_user("vic", "vic@ledger.example", "pw")
    visitor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    copy_desk.start(article_make(home=home, title="Bridge repairs"), editor)

    def waiting(user) -> str:
        html = _html(user)
        return html[html.index("Waiting for your review") : html.index("Published today")]

    assert "Bridge repairs" in waiting(editor)  # in the copy desk
    assert "No draft waits for your review." in waiting(reporter)
    assert stories_panel(visitor) is None  # no page permission: no Stories panel at all


def test_an_empty_newsroom_says_so(home, editor):
    html = _html(editor)

    assert "No story is scheduled." in html
    assert "No draft waits for your review." in html
    assert "No story has been published today yet." in html


def test_the_panel_costs_a_few_queries(home, editor, copy_desk, django_assert_max_num_queries):
    for n in range(8):
        article_make(home=home, title=f"Story {n}")
    request = RequestFactory().get("/admin/")
    request.user = editor
    panel = stories_panel(editor)

    with django_assert_max_num_queries(6):
        html = panel.render_html({"request": request, "csrf_token": ""})
    assert "Story 7" in html
