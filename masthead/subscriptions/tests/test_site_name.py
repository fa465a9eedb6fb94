"""Mails to a reader of the Arabic edition name the site in Arabic (From, subject, body)."""

from email.utils import parseaddr

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_arabic_confirmation_names_the_site_in_arabic(
    client, discussion_article, smtp, django_capture_on_commit_callbacks
):
    arabic_name = settings.SITE_NAMES["ar"]
    assert arabic_name != settings.SITE_NAME
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ar/subscriptions/",
            {
                "page": discussion_article.pk,
                "scope": "all",
                "email": "huda@example.org",
                "frequency": "instant",
            },
        )
    [message] = smtp.to("huda@example.org")
    assert parseaddr(message["From"])[0] == arabic_name
    assert arabic_name in message["Subject"]
    assert arabic_name in message.get_body(preferencelist=("plain",)).get_content()
    assert settings.SITE_NAME not in message.as_string()
