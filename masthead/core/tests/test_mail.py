"""The one mail builder: header injection refused, the outbox kind set, long headers kept whole."""

import pytest
from django.core import mail

from masthead.core.mail import header_value_check, mail_build
from masthead.core.outbox import MAIL_KIND_HEADER
from masthead.core.refusal import Refusal


def _build(**overrides):
    arguments = {
        "kind": "receipt",
        "subject": "Thank you",
        "text": "Plain",
        "html": "<p>Rich</p>",
        "to": ["reader@example.org"],
        **overrides,
    }
    return mail_build(**arguments)


def test_a_built_mail_is_sent_with_both_bodies_and_its_kind_for_the_outbox():
    _build().send()
    sent = mail.outbox[0]
    assert sent.to == ["reader@example.org"]
    assert sent.body == "Plain"
    assert sent.alternatives[0].content == "<p>Rich</p>"
    assert sent.extra_headers[MAIL_KIND_HEADER] == "receipt"


@pytest.mark.parametrize("line_break", ["\n", "\r", "\u2028", "\x85"])
@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": "Hello{}Bcc: victim@example.org"},
        {"to": ["a@example.org{}Bcc: victim@example.org"]},
        {"from_email": "Desk <desk@example.org>{}Bcc: victim@example.org"},
        {"headers": {"List-Id": "news{}Bcc: victim@example.org"}},
    ],
)
def test_a_line_break_in_any_header_is_refused_and_nothing_is_built(overrides, line_break):
    spliced = {
        key: (
            value.format(line_break)
            if isinstance(value, str)
            else [v.format(line_break) for v in value]
            if isinstance(value, list)
            else {k: v.format(line_break) for k, v in value.items()}
        )
        for key, value in overrides.items()
    }
    with pytest.raises(Refusal) as refused:
        _build(**spliced)
    assert refused.value.status_code == 400
    assert "Line breaks" in refused.value.message


def test_a_long_header_stays_one_unencoded_line():
    url = "https://news.example.org/leave/" + "A1b2C3:" * 30
    message = _build(headers={"List-Unsubscribe": f"<{url}>"}).message()
    raw = message.as_bytes().decode()
    assert f"List-Unsubscribe: <{url}>\n" in raw
    assert "=?utf-8?" not in raw


def test_header_value_check_returns_a_clean_value_unchanged():
    assert header_value_check("Riverside Ledger", field="site") == "Riverside Ledger"
