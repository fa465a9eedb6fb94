"""The database's own consistent online copy, and loading it back: SQLite's backup API (it sees
the WAL too, so every committed write is in the copy) or pg_dump / pg_restore on PostgreSQL."""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

from .manifest import BackupError

SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": settings_dict.get("HOST") or "127.0.0.1",
            "PGPORT": str(settings_dict.get("PORT") or 5432),
            "PGUSER": settings_dict.get("USER") or "",
            "PGDATABASE": settings_dict["NAME"],
        }
    )
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _run(command: list[str], *, env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.returncode}")


def database_copy(*, target: Path) -> str:
    """Writes the consistent copy into `target` (a folder); returns the engine's name."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings_dict["NAME"], timeout=20)
        copy = sqlite3.connect(target / SQLITE_FILE)
        try:
            # One step (pages=-1): a snapshot of one moment, whatever writers do meanwhile.
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / PG_FILE)],
            env=_pg_env(settings_dict),
            what="pg_dump",
        )
        return "postgresql"
    raise BackupError(f"backups of a {connection.vendor} database are not supported")


def database_is_empty() -> bool:
    """True when a restore may write into the site's database. PostgreSQL: no tables at all
    (pg_restore creates them). SQLite: no tables, or no content yet (no page beyond the root that
    migrations create, no user), since the file is replaced whole."""
    tables = set(connection.introspection.table_names())
    if not tables:
        return True
    if connection.vendor != "sqlite" or "wagtailcore_page" not in tables:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        pages = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM auth_user")
        users = cursor.fetchone()[0]
    return pages <= 1 and users == 0


def database_load(*, source: Path, engine: str) -> None:
    """Loads the copy in `source` into the site's (empty) database."""
    settings_dict = connection.settings_dict
    if engine != ("sqlite" if connection.vendor == "sqlite" else connection.vendor):
        raise BackupError(
            f"this backup holds a {engine} database, but this site uses {connection.vendor}: "
            "restore it into a site on the same engine"
        )
    if engine == "sqlite":
        connection.close()
        database = Path(settings_dict["NAME"])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        staged = database.with_name(database.name + ".restoring")
        copy = sqlite3.connect(source / SQLITE_FILE)
        target = sqlite3.connect(staged)
        try:
            copy.backup(target)
        finally:
            target.close()
            copy.close()
        staged.rename(database)
        return
    connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            settings_dict["NAME"],
            str(source / PG_FILE),
        ],
        env=_pg_env(settings_dict),
        what="pg_restore",
    )
