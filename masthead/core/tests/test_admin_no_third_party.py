"""The admin asks no third party: avatars are drawn here from initials, the update check is off
unless the operator turns it on, and Django's admin (a second login page) is off by default."""

import re

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from masthead.core.avatars import user_initials


def test_the_admin_shows_initials_not_gravatar(client, editor):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html.lower()
    avatars = re.findall(r'<img src="([^"]*avatar[^"]*)"', html)
    assert avatars and all(url.startswith("/admin/avatar/JW-") for url in avatars), avatars
    url = avatars[0]
    picture = client.get(url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/svg+xml"
    assert ">JW</text>" in picture.content.decode()


def test_initials_in_any_script_and_a_username_alone(django_user_model):
    assert user_initials(django_user_model(username="x", first_name="سلمى", last_name="نور")) == "سن"
    assert user_initials(django_user_model(username="rhea")) == "R"


@pytest.mark.parametrize("key", ["<s>-1", "ABC-1", "AH-x", "-1", "A%20-1"])
def test_a_made_up_avatar_address_is_404(client, editor, key):
    client.force_login(editor)
    assert client.get(f"/admin/avatar/{key}.svg").status_code == 404


def test_the_avatar_needs_the_admin(client, db):
    assert client.get("/admin/avatar/AH-1.svg").status_code == 302  # to the login page


def test_no_update_check_unless_turned_on(client, editor, settings):
    client.force_login(editor)
    assert "w-panel-upgrade" not in client.get("/admin/").content.decode()

    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    assert "w-panel-upgrade" in client.get("/admin/").content.decode()


def test_django_admin_is_off_unless_a_setting_turns_it_on(client, db, settings):
    assert client.get("/django-admin/login/").status_code == 404

    import importlib

    from masthead.site import urls

    settings.DJANGO_ADMIN_ENABLED = True
    try:
        with override_settings(ROOT_URLCONF="masthead.site.urls"):
            importlib.reload(urls)
            clear_url_caches()
            assert client.get("/django-admin/login/").status_code == 200
    finally:
        settings.DJANGO_ADMIN_ENABLED = False
        importlib.reload(urls)
        clear_url_caches()
