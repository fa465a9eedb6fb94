"""The signed form token: its age, and what counts as missing or forged."""

from unittest import mock

from masthead.moderation import formtoken
from masthead.moderation.formtoken import form_token_age, form_token_issue


def test_a_fresh_token_is_about_zero_seconds_old():
    assert 0 <= form_token_age(form_token_issue()) < 1


def test_age_grows_with_time():
    token = form_token_issue()
    later = formtoken.time.time() + 42.5
    with mock.patch.object(formtoken.time, "time", return_value=later):
        assert 42 < form_token_age(token) < 43.5


def test_missing_forged_or_foreign_tokens_have_no_age():
    token = form_token_issue()
    assert form_token_age("") is None
    assert form_token_age("not a token") is None
    assert form_token_age(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    # A value signed for another purpose (other salt) does not pass.
    from django.core import signing

    assert form_token_age(signing.TimestampSigner(salt="other").sign("1")) is None
    assert form_token_age("x" * 500) is None


def test_a_token_from_the_future_is_refused():
    future = formtoken._signer().sign(f":{int((formtoken.time.time() + 3600) * 1000)}")
    assert form_token_age(future) is None


def test_a_token_bound_to_a_page_is_worth_nothing_on_another():
    token = form_token_issue(page_id=7)
    assert form_token_age(token, page_id=7) is not None
    assert form_token_age(token, page_id=8) is None
    assert form_token_age(form_token_issue(), page_id=8) is not None  # unbound: any page
