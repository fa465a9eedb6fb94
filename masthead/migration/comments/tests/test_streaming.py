"""Disqus and Isso re-runs read comments as a stream: an unchanged comment is let go at once."""

import weakref

import pytest
from django.core.management import call_command

from masthead.migration.comments.disqus import disqus_records
from masthead.migration.comments.isso import isso_comments, isso_open, isso_threads
from masthead.migration.comments.records import SourceComment, SourceThread
from masthead.migration.comments.sources import comments_from_threads
from masthead.migration.report import Report

from .sources import disqus, disqus_post, disqus_thread, isso_db

SITE = "https://old.example.org"
COUNT = 300


class Watched:
    """Yields the comments and counts, at each step, how many it gave are still alive."""

    def __init__(self, comments):
        self.comments, self.alive, self.most_alive = comments, weakref.WeakSet(), 0

    def __iter__(self):
        for comment in self.comments:
            self.most_alive = max(self.most_alive, len(self.alive))
            self.alive.add(comment)
            yield comment


@pytest.fixture
def disqus_file(tmp_path, articles):
    posts = [
        disqus_post(f"p{n}", "t1", f"<p>Comment {n}</p>", parent=f"p{n - 1}" if n % 3 else "")
        for n in range(COUNT)
    ]
    path = tmp_path / "disqus.xml"
    path.write_text(disqus(disqus_thread("t1", identifier="123 x"), *posts), encoding="utf-8")
    return str(path)


def _disqus_run(path: str) -> tuple[Watched, Report]:
    report = Report(source="disqus")
    threads = {r.key: r for r in disqus_records(path, report=report) if isinstance(r, SourceThread)}
    watched = Watched(r for r in disqus_records(path, report=None) if isinstance(r, SourceComment))
    comments_from_threads(source="disqus", site_url=SITE, threads=threads, comments=watched, report=report)
    return watched, report


@pytest.mark.django_db
def test_a_disqus_rerun_holds_no_unchanged_comment(disqus_file):
    first, _ = _disqus_run(disqus_file)
    assert first.most_alive == COUNT - 1  # new comments wait to be stored parents first
    again, report = _disqus_run(disqus_file)
    assert again.most_alive <= 1
    assert report.tally("comments").unchanged == COUNT


@pytest.mark.django_db
def test_an_isso_rerun_holds_no_unchanged_comment(tmp_path, articles):
    comments = [
        {"tid": 1, "id": n + 1, "parent": n if n % 2 else None, "text": f"c {n}"} for n in range(COUNT)
    ]
    database = isso_db(
        tmp_path / "c.db", threads=[(1, "/council-passes-budget/", "Budget")], comments=comments
    )
    call_command("import_isso", database, "--site-url", SITE)
    connection = isso_open(database)
    report = Report(source="isso")
    watched = Watched(isso_comments(connection))
    comments_from_threads(
        source="isso", site_url=SITE, threads=isso_threads(connection), comments=watched, report=report
    )
    connection.close()
    assert watched.most_alive <= 1 and report.tally("comments").unchanged == COUNT
