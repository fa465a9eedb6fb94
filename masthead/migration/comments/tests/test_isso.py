"""An Isso database: threads by path, replies kept, likes as votes, other schemas refused clearly."""

import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.comments.models import Comment, Status
from masthead.comments.selectors import thread_page

from .sources import isso_db

SITE = "https://old.example.org"


@pytest.fixture
def database(tmp_path):
    return isso_db(
        tmp_path / "comments.db",
        threads=[(1, "/council-passes-budget/", "Council passes budget"), (2, "/gone/", "Gone")],
        comments=[
            {"tid": 1, "id": 2, "parent": 1, "text": "A *reply*", "author": "Colm", "created": 1462363300.0},
            {"tid": 1, "id": 1, "text": "Root", "author": "Ruth", "email": "ruth@example.org", "likes": 4,
             "dislikes": 1, "remote_addr": "198.51.100.0", "website": "https://ruth.example.org"},
            {"tid": 1, "id": 3, "text": "Held", "author": None, "mode": 2},
            {"tid": 1, "id": 4, "text": "", "mode": 4},
            {"tid": 2, "id": 5, "text": "On a lost page"},
        ],
    )  # fmt: skip


@pytest.mark.django_db
def test_an_isso_database_imports_onto_its_articles(articles, database, capsys):
    call_command("import_isso", database, "--site-url", SITE)
    page = thread_page(page_id=articles["budget"].pk)
    root = page.roots[0]
    assert (root.body, root.up, root.down, root.author_url) == ("Root", 4, 1, "https://ruth.example.org")
    assert [(r.body, r.depth, r.parent_author_name) for r in root.shown_replies] == [("A *reply*", 1, "Ruth")]
    assert "<em>reply</em>" in root.shown_replies[0].body_html
    held = Comment.objects.get(body="Held")
    assert (held.status, held.author_name, held.author_email) == (Status.PENDING, "Anonymous", "")
    assert not Comment.objects.filter(body__in=["", "On a lost page"]).exists()
    out = capsys.readouterr().out
    assert "comments: 5 found, 3 imported, 0 updated, 0 unchanged, 2 skipped" in out
    assert "unmatched threads: 1" in out and "/gone" in out


@pytest.mark.django_db
def test_held_imported_comments_wait_in_the_moderation_queue(articles, database, client, django_user_model):
    call_command("import_isso", database, "--site-url", SITE)
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@ledger.example", "pw"))
    queue = client.get("/admin/comments/", {"status": "pending", "moderation_reason": "imported"})
    assert queue.status_code == 200
    assert "Held" in queue.content.decode() and "A *reply*" not in queue.content.decode()
    assert "Comments (1)" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_running_again_adds_nothing(articles, database, capsys):
    call_command("import_isso", database, "--site-url", SITE)
    call_command("import_isso", database, "--site-url", SITE)
    assert Comment.objects.count() == 3
    assert "3 unchanged" in capsys.readouterr().out.split("Import from isso")[-1]


@pytest.mark.django_db
def test_another_schema_version_is_refused_with_what_to_do(articles, tmp_path):
    old = isso_db(
        tmp_path / "old.db", threads=[(1, "/a/", "A")], comments=[{"tid": 1, "id": 1, "text": "x"}], version=2
    )
    with pytest.raises(CommandError, match=r"old\.db.*schema version 2.*versions 3 to 5.*current Isso"):
        call_command("import_isso", old, "--site-url", SITE)
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_an_isso_database_is_refused(articles, tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a database at all" * 100)
    with pytest.raises(CommandError, match="notes.db: not an SQLite database"):
        call_command("import_isso", str(text), "--site-url", SITE)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(CommandError, match="not an Isso database"):
        call_command("import_isso", str(other), "--site-url", SITE)
