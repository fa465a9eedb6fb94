"""Admin login throttling: after the allowed number of failed logins from one address, that
address may not log in (not even with the right password) until the pause is over; other
addresses and accounts are not affected, and a success clears the count."""

from datetime import timedelta

from django.utils import timezone


def _login(client, password, *, address="198.51.100.7", username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_address_that_keeps_guessing_is_paused(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for attempt in ("a", "b"):
        assert _login(client, attempt).status_code == 200  # the form again, with an error
    locked = _login(client, "c", username="someone-else")  # any usernames count together

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "Try again in 15 minutes" in locked.content.decode()
    refused = _login(client, "the-right-one")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session

    other = _login(client, "the-right-one", address="203.0.113.9")
    assert other.status_code == 302  # another address logs in as usual


def test_the_pause_ends(client, editor, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    for attempt in ("a", "b"):
        _login(client, attempt)
    assert _login(client, "the-right-one").status_code == 429

    # The failures were longer ago than the pause lasts.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _login(client, "the-right-one").status_code == 302


def test_a_success_clears_the_count(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _login(client, "a")
    _login(client, "b")
    assert _login(client, "the-right-one").status_code == 302
    client.logout()
    _login(client, "c")
    _login(client, "d")
    assert _login(client, "the-right-one").status_code == 302
