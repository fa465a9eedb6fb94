"""Staff side: the outbox viewer of the embedded site, and moderators' held-comment mails."""

import pytest
from django.core import mail as django_mail

from masthead.subscriptions.models import Subscription

from .helpers import follower, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_outbox(settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path / "outbox")},
        }
    }
    return tmp_path / "outbox"


def _send_sample(discussion_article, post, queue, clock):
    follower("ana@example.org", discussion_article)
    post(
        discussion_article,
        name="Bo",
        email="bo@example.org",
        body='Look <img src=x onerror="alert(1)"> **here**',
    )
    queue.run()
    clock.advance(seconds=60)
    queue.run()


def test_staff_read_the_outbox_in_the_admin(
    client, editor, discussion_article, post, queue, clock, file_outbox
):
    _send_sample(discussion_article, post, queue, clock)
    client.force_login(editor)
    index = client.get("/admin/outbox/")
    html = index.content.decode()
    assert index.status_code == 200 and "ana@example.org" in html and "New comment on" in html
    admin_home = client.get("/admin/").content.decode()
    assert "/admin/outbox/" in admin_home  # the menu item (in the sidebar's data)
    import re

    detail_url = re.search(r'href="(/admin/outbox/[^"/]+/\d+/)"', html).group(1)
    detail = client.get(detail_url).content.decode()
    assert "Bo on" in detail  # the text part, shown as text
    assert '<iframe title="HTML part of the message" sandbox=""' in detail
    assert "<img" not in detail.split("srcdoc=")[0].split("<pre")[-1]
    assert 'srcdoc="&lt;!doctype html&gt;' in detail  # the HTML only ever as an escaped attribute


def test_readers_cannot_read_the_outbox(client, django_user_model, file_outbox):
    reader = django_user_model.objects.create_user("reader", "r@example.org", "pw-reader-123")
    client.force_login(reader)
    assert client.get("/admin/outbox/").status_code in (302, 403)
    client.logout()
    assert client.get("/admin/outbox/").status_code == 302


def test_a_moderator_who_opted_in_gets_a_mail_when_a_comment_is_held(
    client, editor, discussion_article, post, smtp, queue, clock, django_capture_on_commit_callbacks
):
    from masthead.subscriptions.wagtail_hooks import HeldCommentAlertForm

    client.force_login(editor)
    account = client.get("/admin/account/").content.decode()
    assert "Mail me when a comment is held for moderation" in account
    form = HeldCommentAlertForm({"held_comments-notify_held": "on"}, instance=editor, prefix="held_comments")
    assert form.is_valid()
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    queue.run()
    # The account's address is confirmed by a mail round trip, signed in, like any reader's.
    [confirmation] = smtp.to("editor@ledger.example")
    client.post(link_in(confirmation))
    assert Subscription.objects.filter(key="held", status="active").exists()
    smtp.messages.clear()
    post(discussion_article, name="Bo", email="bo@example.org", body="Please hold me", hold=True)
    queue.run()
    clock.advance(seconds=60)
    queue.run()
    [message] = smtp.to("editor@ledger.example")
    assert "waiting for moderation" in message["Subject"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Please hold me" in text and "Review it: http" in text and "/admin/" in text
    form = HeldCommentAlertForm({}, instance=editor, prefix="held_comments")
    assert form.is_valid()
    form.save()
    assert not Subscription.objects.filter(key="held", status="active").exists()


def test_moderators_who_did_not_opt_in_get_nothing(editor, discussion_article, post, smtp, queue, clock):
    post(discussion_article, name="Bo", email="bo@example.org", body="Held", hold=True)
    queue.run()
    clock.advance(seconds=60)
    queue.run()
    assert smtp.messages == [] and django_mail.outbox == []
