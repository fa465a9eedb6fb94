"""Site preparation (demo loaded once, static files collected only when changed, the first admin)
and the scheduler that publishes scheduled stories."""

import os
import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from masthead.newsroom.models import ArticlePage, HomePage
from masthead.newsroom.services import article_publish, author_create, home_ensure, topic_create
from masthead.site import scheduler, setup

LOADED: list[int] = []


def counting_loader(*, home) -> None:
    LOADED.append(home.pk)


def failing_loader(*, home) -> None:
    home.add_child(instance=HomePage(title="Half a demo", slug="half"))
    raise RuntimeError("demo part failed")


@pytest.fixture
def no_collectstatic(monkeypatch):
    calls: list[str] = []
    real = setup.call_command

    def _call_command(name, *args, **kwargs):
        if name == "collectstatic":
            calls.append(name)
            return None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(setup, "call_command", _call_command)
    return calls


@pytest.mark.django_db
def test_demo_is_loaded_on_first_prepare_only(monkeypatch, no_collectstatic):
    LOADED.clear()
    monkeypatch.setattr(setup, "DEMO_LOADERS", [f"{__name__}.counting_loader"])

    setup.site_prepare(demo=True)
    setup.site_prepare(demo=True)

    assert [HomePage.objects.get().pk] == LOADED


@pytest.mark.django_db
def test_run_prepares_an_empty_site(monkeypatch, no_collectstatic):
    LOADED.clear()
    monkeypatch.setattr(setup, "DEMO_LOADERS", [f"{__name__}.counting_loader"])

    setup.site_prepare(demo=False)

    assert LOADED == []
    assert HomePage.objects.count() == 1
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_a_failed_demo_load_is_retried_on_the_next_start(monkeypatch, no_collectstatic):
    LOADED.clear()
    monkeypatch.setattr(setup, "DEMO_LOADERS", [f"{__name__}.failing_loader"])
    with pytest.raises(RuntimeError):
        setup.site_prepare(demo=True)
    assert not HomePage.objects.exists()

    monkeypatch.setattr(setup, "DEMO_LOADERS", [f"{__name__}.counting_loader"])
    setup.site_prepare(demo=True)

    assert [HomePage.objects.get().pk] == LOADED


def test_static_files_are_collected_again_only_when_they_change(tmp_path, settings, no_collectstatic):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.PACKAGE_DIR = tmp_path / "package"
    style = settings.PACKAGE_DIR / "static" / "site.css"
    style.parent.mkdir(parents=True)
    style.write_text("body { margin: 0 }")

    setup._collect_static()
    setup._collect_static()
    assert no_collectstatic == ["collectstatic"]

    style.write_text("body { margin: 1rem }")
    setup._collect_static()
    assert no_collectstatic == ["collectstatic", "collectstatic"]


@pytest.mark.django_db
def test_admin_password_is_generated_once_and_kept(settings):
    first = setup.admin_ensure()
    second = setup.admin_ensure()

    password_file = settings.DATA_DIR / "admin-password"
    password = password_file.read_text().strip()
    assert first.username == "admin"
    assert first.password_hint == f"password: {password}"
    assert second.password_hint == f"password: (kept in {password_file})"
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert (
        authenticate(RequestFactory().post("/admin/login/"), username="admin", password=password) is not None
    )


@pytest.mark.django_db
def test_admin_password_from_the_environment_is_not_written(settings, monkeypatch):
    (settings.DATA_DIR / "admin-password").unlink(missing_ok=True)
    monkeypatch.setenv("MASTHEAD_ADMIN_PASSWORD", "a long editor passphrase")

    setup.admin_ensure()

    assert (
        authenticate(
            RequestFactory().post("/admin/login/"), username="admin", password="a long editor passphrase"
        )
        is not None
    )
    assert not (settings.DATA_DIR / "admin-password").exists()


@pytest.mark.django_db
def test_scheduler_publishes_a_story_whose_time_has_come(client):
    home, _ = home_ensure(title="The Riverside Ledger")
    article = article_publish(
        home=home,
        title="Bridge reopens",
        slug="bridge-reopens",
        standfirst="After two years.",
        body=[("paragraph", "<p>The bridge reopened.</p>")],
        authors=[author_create(name="Ana Ruiz", slug="ana-ruiz")],
        topics=[topic_create(name="City", slug="city")],
    )
    article.unpublish()
    article.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    assert client.get("/bridge-reopens/").status_code == 404

    scheduler.scheduler_round()

    assert client.get("/bridge-reopens/").status_code == 200


def test_scheduler_loop_survives_a_failed_run_and_stops_on_request(monkeypatch):
    runs: list[int] = []
    stop = threading.Event()

    def _publish():
        runs.append(1)
        if len(runs) == 1:
            raise RuntimeError("database is locked")
        if len(runs) == 3:
            stop.set()

    monkeypatch.setattr(scheduler, "scheduler_round", _publish)
    thread = threading.Thread(target=scheduler.scheduler_loop, args=(stop,), kwargs={"interval": 0.01})
    thread.start()
    thread.join(timeout=10)

    assert not thread.is_alive()
    assert len(runs) == 3


@pytest.mark.django_db
def test_the_scheduler_prunes_old_outbox_mail(settings, tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    folder.mkdir()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(folder)},
        }
    }
    settings.OUTBOX_KEEP_DAYS = 14
    old, recent = folder / "old.log", folder / "recent.log"
    for path in (old, recent):
        path.write_bytes(b"Subject: x\n\nbody\n" + b"-" * 79 + b"\n")
    fifteen_days_ago = time.time() - 15 * 86400
    os.utime(old, (fifteen_days_ago, fifteen_days_ago))
    stop = threading.Event()
    monkeypatch.setattr(scheduler, "scheduled_publish", stop.set)  # one round, then stop

    scheduler.scheduler_loop(stop, interval=0.01)

    assert sorted(p.name for p in folder.iterdir()) == ["recent.log"]
    settings.OUTBOX_KEEP_DAYS = 0  # keeps everything
    os.utime(recent, (fifteen_days_ago, fifteen_days_ago))
    scheduler.outbox_prune()
    assert recent.exists()
