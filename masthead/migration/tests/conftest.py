"""Fixtures of the import tests: an export written to disk, the uploads it names, a way to run
`masthead import wordpress` as an operator would, and an empty site to restore into (the home
page is the root conftest's `home`)."""

import os
import sqlite3
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection

from masthead.newsroom.tests.factories import picture_bytes


@pytest.fixture
def write_export(tmp_path):
    def write(text: str, name: str = "export.xml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads with the pictures and the recording the exports name."""
    root = tmp_path / "uploads"
    (root / "2019/05").mkdir(parents=True)
    (root / "2019/05/river.jpg").write_bytes(picture_bytes(width=1200, height=800))
    (root / "2019/05/bridge.jpg").write_bytes(picture_bytes(width=900, height=600, color=(150, 60, 40)))
    (root / "2019/05/interview.mp3").write_bytes(b"ID3" + b"\0" * 64)
    return root


@pytest.fixture
def run_import(capsys):
    def run(*args):
        call_command("import_wordpress", *[str(a) for a in args])
        return capsys.readouterr().out

    return run


@pytest.fixture
def empty_site(tmp_path):
    """Where a restore goes: an empty data dir, and on PostgreSQL an empty database beside the
    test database. Yields (environment for `masthead restore`, SQL runner on the restored data)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    data_dir = tmp_path / "restored-site"
    if connection.vendor != "postgresql":

        def query(sql: str) -> list:
            with sqlite3.connect(data_dir / "masthead.sqlite3") as db:
                return [row[0] for row in db.execute(sql)]

        yield env, data_dir, query
        return
    settings_dict = connection.settings_dict
    user, host = settings_dict["USER"] or "postgres", settings_dict["HOST"] or "127.0.0.1"
    base = f"postgres://{user}@{host}:{settings_dict['PORT'] or 5432}"
    empty = f"{settings_dict['NAME']}_restore"
    admin = ["psql", "-q", f"{base}/postgres", "-c"]
    subprocess.run([*admin, f"DROP DATABASE IF EXISTS {empty}"], check=True)
    subprocess.run([*admin, f"CREATE DATABASE {empty}"], check=True)
    env["DATABASE_URL"] = f"{base}/{empty}"

    def query(sql: str) -> list:
        out = subprocess.run(["psql", "-At", env["DATABASE_URL"], "-c", sql], capture_output=True, text=True)
        return out.stdout.splitlines()

    try:
        yield env, data_dir, query
    finally:
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {empty} WITH (FORCE)"])
