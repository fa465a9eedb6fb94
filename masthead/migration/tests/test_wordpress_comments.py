"""wp:comment elements (wpDiscuz's included) become comments of the article their post became."""

import pytest
from django.core.management import call_command

from masthead.comments.models import Comment, Status
from masthead.comments.selectors import discussion_count, thread_page
from masthead.core.clientip import address_network_hash
from masthead.migration.comments.tests.fixtures import articles_publish
from masthead.migration.report import Report
from masthead.migration.wordpress.comments import (
    comments_flush,
    item_comments_import,
    wp_comment_read,
    wpdiscuz_votes,
)
from masthead.migration.wordpress.context import WordPressImport
from masthead.migration.wordpress.wxr import Record, wxr_records

from .wxr_builder import comment, item, wxr

SEPARATE = 'a:2:{s:4:"like";i:5;s:7:"dislike";i:2;}'
COMMENTS = (
    comment(3, "Third, a reply to the second", parent=2, date="2019-05-15 10:03:00"),
    comment(2, "Second\n\nwith <strong>two</strong> paragraphs", parent=1, date="2019-05-15 10:02:00"),
    comment(1, "First", author="Ruth", ip="203.0.113.77", date="2019-05-15 10:01:00", url="https://ruth.example.org"),
    comment(4, "Waiting", approved="0"),
    comment(5, "Cheap pills", approved="spam"),
    comment(6, "Binned", approved="trash"),
    comment(7, "Linked to you", comment_type="pingback"),
    comment(8, "Tracked you", comment_type="trackback"),
    comment(9, "Popular", meta={"wpdiscuz_votes": "3", "wpdiscuz_votes_seperate": SEPARATE}),
    comment(10, "Unpopular", meta={"wpdiscuz_votes": "-3"}),
    comment(11, '<script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">click</a>'),
)  # fmt: skip


@pytest.fixture
def articles(db):
    return articles_publish()


@pytest.fixture
def post_record(tmp_path) -> Record:
    path = tmp_path / "export.xml"
    path.write_text(
        wxr(item(123, "Council passes budget", "<p>Body</p>", comments=COMMENTS)), encoding="utf-8"
    )
    return [r for r in wxr_records(path, report=Report(source="wordpress")) if isinstance(r, Record)][0]


def run(record, page, home) -> Report:
    report = Report(source="wordpress")
    context = WordPressImport(report=report, locale=home.locale, home=home, source_site="old.example.org")
    item_comments_import(item=record, page=page, context=context)
    comments_flush(context=context)
    return report


@pytest.mark.django_db
def test_a_posts_comments_arrive_threaded_with_statuses_votes_and_network_hashes(articles, post_record):
    article = articles["budget"]
    report = run(post_record, article, article.get_parent())
    first = next(root for root in thread_page(page_id=article.pk).roots if root.body == "First")
    assert [(r.body, r.depth) for r in [first, *first.shown_replies]] == [
        ("First", 0),
        ("Second\n\nwith **two** paragraphs", 1),
        ("Third, a reply to the second", 2),
    ]
    assert (
        first.network_hash == address_network_hash("203.0.113.77")
        and first.author_url == "https://ruth.example.org"
    )
    votes = {c.body: (c.up, c.down) for c in Comment.objects.filter(page=article)}
    assert votes["Popular"] == (5, 2) and votes["Unpopular"] == (0, 3)
    assert Comment.objects.get(body="Waiting").status == Status.PENDING
    assert not Comment.objects.filter(
        body__in=["Cheap pills", "Binned", "Linked to you", "Tracked you"]
    ).exists()
    hostile = Comment.objects.get(pk__gt=0, body__contains="click").body_html
    assert "<script" not in hostile and "href" not in hostile and "onclick" not in hostile
    assert discussion_count(page_id=article.pk) == 6
    tally = report.tally("comments")
    assert (tally.found, tally.imported) == (11, 7)
    assert dict(tally.skipped) == {"spam": 1, "deleted": 1, "pingback": 1, "trackback": 1}


@pytest.mark.django_db
def test_a_rerun_adds_nothing_and_comments_of_a_skipped_post_are_counted(articles, post_record):
    article = articles["budget"]
    run(post_record, article, article.get_parent())
    again = run(post_record, article, article.get_parent())
    assert Comment.objects.count() == 7
    assert again.tally("comments").unchanged == 7 and not again.unaccounted()
    lost = run(post_record, None, article.get_parent())
    assert lost.tally("comments").skipped["article not imported"] == 9  # pingbacks keep their reason


def test_wpdiscuz_votes_in_every_shape_they_come():
    assert wpdiscuz_votes({"wpdiscuz_votes_seperate": SEPARATE}) == (5, 2)
    assert wpdiscuz_votes({"wpdiscuz_votes_seperate": 'a:2:{s:4:"like";i:4;s:7:"dislike";i:-6;}'}) == (4, 6)
    assert wpdiscuz_votes({"wpdiscuz_votes_seperate": '{"like": 1, "dislike": 2}'}) == (1, 2)
    assert wpdiscuz_votes({"wpdiscuz_votes": "7"}) == (7, 0)
    assert wpdiscuz_votes({"wpdiscuz_votes": "junk"}) == (0, 0) and wpdiscuz_votes({}) == (0, 0)


def test_dates_fall_back_to_local_time_and_empty_ids_get_a_stable_key():
    fields = {"wp:comment_date_gmt": "0000-00-00 00:00:00", "wp:comment_date": "2019-05-15 10:00:00"}
    read = wp_comment_read({**fields, "wp:comment_id": "", "wp:comment_content": "hi"}, post_id="9")
    assert read.created_at.year == 2019 and read.created_at.tzinfo is not None
    assert (
        read.key.startswith("noid-")
        and read.key
        == wp_comment_read({**fields, "wp:comment_id": "", "wp:comment_content": "hi"}, post_id="9").key
    )


@pytest.mark.django_db
def test_the_wordpress_command_brings_comments_and_disqus_finds_its_posts(
    home, write_export, run_import, tmp_path
):
    from masthead.migration.comments.tests.sources import disqus, disqus_post, disqus_thread
    from masthead.newsroom.models import ArticlePage

    export = write_export(
        wxr(
            item(123, "Council passes budget", "<p>Body</p>", comments=COMMENTS[:4]),
            item(124, "Bridge reopens", "<p>Body</p>", slug="bridge-reopens"),
        )
    )
    out = run_import(export)
    assert "comments: 4 found, 4 imported, 0 updated, 0 unchanged, 0 skipped" in out
    budget = ArticlePage.objects.get(title="Council passes budget")
    assert discussion_count(page_id=budget.pk) == 3
    assert "comments: 4 found, 0 imported, 0 updated, 4 unchanged, 0 skipped" in run_import(export)
    assert Comment.objects.count() == 4

    path = tmp_path / "disqus.xml"
    path.write_text(
        disqus(
            disqus_thread(
                "t1", identifier="123 https://old.example.org/?p=123", title="Council passes budget"
            ),
            disqus_thread("t2", link="http://old.example.org/2019/05/bridge-reopens/", title="Renamed since"),
            disqus_post("d1", "t1", "<p>From Disqus</p>"),
            disqus_post("d2", "t2", "<p>On the bridge</p>"),
        ),
        encoding="utf-8",
    )
    call_command("import_disqus", str(path), "--site-url", "https://old.example.org")
    assert Comment.objects.get(body="From Disqus").page_id == budget.pk
    assert (
        Comment.objects.get(body="On the bridge").page_id
        == ArticlePage.objects.get(title="Bridge reopens").pk
    )
