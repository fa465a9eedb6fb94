"""The outbox viewer (who may read it, what it shows), its pruning and privacy erasure."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from masthead.core import outbox

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


def _admin_group(*codenames: str) -> Group:
    group = Group.objects.create(name="Desk " + "+".join(codenames))
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return group


@pytest.fixture
def desk_member(django_user_model):
    """A staff member who may use the admin, and nothing more."""
    user = django_user_model.objects.create_user("ed", "ed@ledger.example", "pw-ed-12345", is_staff=True)
    user.groups.add(_admin_group())
    return user


@pytest.fixture
def mail_clerk(django_user_model):
    """A staff member explicitly granted the outbox."""
    user = django_user_model.objects.create_user(
        "clerk", "clerk@ledger.example", "pw-clerk-123", is_staff=True
    )
    user.groups.add(_admin_group("read_outbox"))
    return user


def _detail_urls(client) -> list[str]:
    return re.findall(r'href="(/admin/outbox/[^"/]+/\d+/)"', client.get("/admin/outbox/").content.decode())


def test_staff_without_the_permission_cannot_read_the_outbox(client, desk_member, editor, file_outbox):
    client.post("/admin/password_reset/", {"email": "editor@ledger.example"})
    [log] = file_outbox.glob("*.log")
    client.force_login(desk_member)

    assert client.get("/admin/").status_code == 200  # a real admin user
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    for url in ("/admin/outbox/", f"/admin/outbox/{log.name}/0/"):
        answer = client.get(url)
        assert answer.status_code in (302, 403) and "editor@ledger.example" not in answer.content.decode()
    assert "/admin/outbox/" not in client.get("/admin/").content.decode()  # no menu item either


def test_a_password_reset_is_listed_but_never_readable(client, mail_clerk, editor, file_outbox):
    client.post("/admin/password_reset/", {"email": "editor@ledger.example"})
    raw = next(file_outbox.glob("*.log")).read_text()
    reset_path = re.search(r"/admin/password_reset/confirm/\S+", raw).group(0)
    client.force_login(mail_clerk)

    [detail_url] = _detail_urls(client)
    detail = client.get(detail_url).content.decode()

    assert "editor@ledger.example" in detail  # who it went to, when: the log stays useful
    assert "its content is never shown here" in detail
    assert reset_path not in detail and "password_reset/confirm" not in detail
    assert client.get(reset_path).status_code != 500  # the link itself was real


def test_confirmation_tokens_are_masked(
    client, mail_clerk, quiet_article, file_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/subscriptions/",
            {"email": "ana@example.org", "page": quiet_article.pk, "scope": "all", "frequency": "instant"},
        )
    assert answer.status_code == 200
    [entry] = outbox.outbox_list()
    sent = outbox.outbox_message(file=entry.file, index=entry.index).get_body(("plain",)).get_content()
    token = re.search(r"/subscriptions/confirm/([^/\s]+)/", sent).group(1)
    client.force_login(mail_clerk)

    [detail_url] = _detail_urls(client)
    detail = client.get(detail_url).content.decode()

    assert "ana@example.org" in detail and "/subscriptions/confirm/•••/" in detail
    assert token not in detail


def _reset_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return (
        f"https://news.example/admin/password_reset/confirm/{uid}/{default_token_generator.make_token(user)}/"
    )


def test_every_kind_of_token_in_a_link_is_masked(editor):
    from masthead.funding.tokens import cancel_token
    from masthead.subscriptions.tokens import confirm_token, leave_token

    confirm = confirm_token(subscription_id=12, nonce="n0nce-Value_123456")
    leave = leave_token(subscriber_id=3, subscription_ids=[4, 5])
    cancel = cancel_token(subscription_id="sub_1PqRsTuVwXyZ")
    text = (
        f"Confirm: https://news.example/subscriptions/confirm/{confirm}/\n"
        f"Leave: <https://news.example/ar/subscriptions/leave/{leave}/>\n"
        f"<mailto:unsubscribe@news.example?subject=unsubscribe%20{leave.replace(':', '%3A')}>\n"
        f'<a href="https://news.example/donate/cancel/{cancel}/">Cancel</a>\n'
        f"Reset: {_reset_url(editor)}\n"
        "Read it: https://news.example/council-budget-vote/#comment-12"
    )

    masked = outbox.tokens_mask(text)

    for secret in (confirm, leave, cancel, default_token_generator.make_token(editor)):
        assert secret.split(":")[-1] not in masked
    assert "https://news.example/subscriptions/confirm/•••/" in masked
    assert "https://news.example/council-budget-vote/#comment-12" in masked  # slugs stay readable


def test_privacy_erasure_removes_the_address_from_the_outbox(
    file_outbox, editor, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage, mailers

    from masthead.moderation.privacy import commenter_erase

    with mailers.default as connection:
        connection.send_messages(
            [
                EmailMessage("For Mina", "hello", to=["Mina <MINA@example.org>"]),
                EmailMessage("For Bo", "hello", to=["bo@example.org"]),
                EmailMessage("For Mina again", "bye", to=["mina@example.org"]),
            ]
        )
    with mailers.default as connection:
        connection.send_messages([EmailMessage("Only Mina", "x", to=["mina@example.org"])])

    with django_capture_on_commit_callbacks(execute=True):
        commenter_erase(email="mina@example.org", actor=editor, reason="request #9")

    assert [e.subject for e in outbox.outbox_list()] == ["For Bo"]
    assert "mina" not in "".join(p.read_text().lower() for p in file_outbox.glob("*"))


def test_outbox_permissions_is_the_one_to_read_the_outbox(db):
    assert [permission.codename for permission in outbox.outbox_permissions()] == ["read_outbox"]
