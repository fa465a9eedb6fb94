"""A Disqus export: threads find their articles, comments keep their parents, quirks are reported."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.comments.models import Comment, Status
from masthead.comments.selectors import discussion_count, thread_page
from masthead.core.clientip import address_network_hash
from masthead.migration.comments.disqus import disqus_records
from masthead.migration.errors import SourceError
from masthead.migration.report import Report

from .sources import disqus, disqus_post, disqus_thread

SITE = "https://old.example.org"


def export(tmp_path, *pieces, name="disqus.xml"):
    path = tmp_path / name
    path.write_text(disqus(*pieces), encoding="utf-8")
    return str(path)


@pytest.fixture
def quirky(tmp_path):
    """Duplicate threads of one article, a thread without an address, anonymous authors, a post
    naming a thread the file lacks, a missing parent, an empty id, children before parents."""
    return export(
        tmp_path,
        disqus_thread("t1", identifier="123 http://old.example.org/?p=123", title="Council passes budget"),
        disqus_post(
            "p3", "t1", "<p>Third, replying to the second</p>", parent="p2", when="2015-05-02T08:03:00Z"
        ),
        disqus_post("p2", "t2", "<p>Second <b>reply</b></p>", parent="p1", when="2015-05-02T08:02:00Z"),
        disqus_post(
            "p1", "t1", "<p>First!</p>", name="Ruth", email="ruth@example.org", when="2015-05-02T08:01:00Z"
        ),
        disqus_thread(
            "t2", link="https://www.old.example.org/council-passes-budget/?amp=1", title="Budget (AMP)"
        ),
        disqus_thread("t3", title="The old bridge reopens"),
        disqus_thread("t4", link="", title="A story that never came over"),
        disqus_post("p4", "t3", "<p>Lovely.</p>", name="", anonymous=True),
        disqus_post("p5", "t1", "<p>Buy pills</p>", spam=True),
        disqus_post("p6", "t1", "<p>Withdrawn</p>", deleted=True),
        disqus_post("p8", "t9", "<p>Lost thread</p>"),
        disqus_post("p9", "t1", "<p>Orphan reply</p>", parent="p404", when="2015-05-02T08:09:00Z"),
        disqus_post("", "t1", "<p>No id at all</p>", when="2015-05-02T08:10:00Z"),
        disqus_post("p11", "t4", "<p>Nowhere to go</p>"),
        disqus_post(
            "p12",
            "t3",
            '<script>alert(1)</script><a href="javascript:alert(2)">click</a><img src=x onerror=alert(3)>',
        ),
    )


def shown(page):
    out = []
    for root in thread_page(page_id=page.pk).roots:
        out += [(root.body, 0)] + [(reply.body, reply.depth) for reply in root.shown_replies]
    return out


@pytest.mark.django_db
def test_a_quirky_export_imports_what_it_can_and_reports_the_rest(articles, quirky, tmp_path):
    call_command("import_disqus", quirky, "--site-url", SITE, "--report", str(tmp_path / "r.json"))
    assert shown(articles["budget"]) == [
        ("First!", 0),
        ("Second **reply**", 1),
        ("Third, replying to the second", 2),
        ("Orphan reply", 0),
        ("No id at all", 0),
    ]
    bridge = Comment.objects.filter(page=articles["bridge"]).order_by("pk")
    assert [(c.author_name, c.author_email, c.role) for c in bridge][0] == ("Anonymous", "", "guest")
    hostile = bridge[1].body_html
    assert "<script" not in hostile and "href" not in hostile and "onerror=" not in hostile
    assert Comment.objects.get(body="First!").network_hash == address_network_hash("198.51.100.23")
    assert not Comment.objects.filter(network_hash__contains="198.51").exists()

    report = json.loads((tmp_path / "r.json").read_text())
    assert report["accounted"] is True
    comments = report["kinds"]["comments"]
    assert (comments["found"], comments["imported"]) == (11, 7)
    assert comments["skipped_reasons"] == {
        "deleted": 1,
        "spam": 1,
        "thread not in the file": 1,
        "thread not matched": 1,
    }
    assert report["kinds"]["threads"] == {
        "found": 4, "imported": 3, "updated": 0, "unchanged": 0, "skipped": 1,
        "skipped_reasons": {"no matching article": 1},
    }  # fmt: skip
    assert [line["thread"].split()[0] for line in report["unmatched_threads"]] == ["t4"]
    assert {line["how"].split(":")[0] for line in report["guesses"]} == {"path", "title"}
    notes = " | ".join(note["detail"] for note in report["notes"])
    for expected in (
        "merged with thread t1",
        "thread t9, which the file does not have",
        "parent p404",
        "empty id",
    ):
        assert expected in notes


@pytest.mark.django_db
def test_running_again_changes_nothing_and_a_dry_run_writes_nothing(articles, quirky, tmp_path, capsys):
    call_command("import_disqus", quirky, "--site-url", SITE, "--dry-run")
    assert not Comment.objects.exists() and discussion_count(page_id=articles["budget"].pk) == 0
    call_command("import_disqus", quirky, "--site-url", SITE)
    before = list(Comment.objects.order_by("pk").values_list("pk", "body", "status"))
    call_command(
        "import_disqus",
        quirky,
        "--site-url",
        "http://old.example.org/",
        "--report",
        str(tmp_path / "again.json"),
    )
    assert list(Comment.objects.order_by("pk").values_list("pk", "body", "status")) == before
    again = json.loads((tmp_path / "again.json").read_text())["kinds"]["comments"]
    assert (again["imported"], again["unchanged"]) == (0, 7)
    assert discussion_count(page_id=articles["budget"].pk) == 5


@pytest.mark.django_db
def test_a_newer_export_adds_replies_and_applies_moderation_from_the_old_site(articles, tmp_path):
    first = export(tmp_path, disqus_thread("t1", identifier="123 x"), disqus_post("p1", "t1", "<p>Root</p>"))
    call_command("import_disqus", first, "--site-url", SITE)
    newer = export(
        tmp_path,
        disqus_thread("t1", identifier="123 x"),
        disqus_post("p1", "t1", "<p>Root</p>", spam=True),
        disqus_post("p2", "t1", "<p>Later reply</p>", parent="p1"),
        name="newer.xml",
    )
    call_command("import_disqus", newer, "--site-url", SITE)
    root = Comment.objects.get(body="Root")
    assert root.status == Status.SPAM
    assert Comment.objects.get(body="Later reply").parent_id == root.pk
    assert Comment.objects.count() == 2


def test_records_stream_with_repairs_and_bad_files_say_where(tmp_path):
    report = Report(source="disqus")
    path = export(tmp_path, disqus_thread("t1", title="Bad\x01title"), disqus_post("p1", "t1", "hi\x00"))
    records = list(disqus_records(path, report=report))
    assert [r.key for r in records] == ["t1", "p1"] and records[0].title == "Badtitle"
    assert len(report.repairs) == 2
    wrong = tmp_path / "wp.xml"
    wrong.write_text("<rss><channel/></rss>")
    with pytest.raises(SourceError, match="not a Disqus export"):
        list(disqus_records(wrong, report=report))
    cut = tmp_path / "cut.xml"
    cut.write_text(disqus(disqus_thread("t1"))[:-40])
    with pytest.raises(SourceError, match="line"):
        list(disqus_records(cut, report=report))


@pytest.mark.django_db
def test_a_truncated_export_is_refused_whole(articles, tmp_path):
    cut = tmp_path / "cut.xml"
    cut.write_text(
        disqus(disqus_thread("t1", identifier="123 x"), disqus_post("p1", "t1", "<p>Root</p>"))[:-30]
    )
    with pytest.raises(CommandError, match="cut.xml"):
        call_command("import_disqus", str(cut), "--site-url", SITE)
    assert not Comment.objects.exists()
