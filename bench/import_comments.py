"""Importing 100,000 comments on SQLite: the comment part of the WordPress import, then a Disqus
export of the same size, each followed by a re-run with nothing changed.

Run: uv run python bench/import_comments.py [--comments 100000] [--articles 100]
The WordPress part feeds 10,000 items of 10 comments each through `item_comments_import`, as the
WordPress importer does after writing each post (items share --articles pages, so the figure is
the comments' own cost, not the pages'). Comments come children before parents, with wpDiscuz
votes, statuses (5 % held, 3 % spam, 1 % pingbacks) and HTML bodies. Peak memory is the
process's maximum resident set (ru_maxrss), Django and Wagtail included.
"""

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from _common import bench_parser  # bench/ is the script's directory

os.environ.setdefault("MASTHEAD_DATA_DIR", tempfile.mkdtemp(prefix="mh-bench-import-comments-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.site.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BODIES = [
    "I was at the meeting and the <em>public gallery</em> was full.\n\nMore of this, please.",
    'The <a href="https://example.org/budget">budget papers</a> are worth reading in full.',
    "<blockquote>the money we have is the money we have</blockquote>\nTrue of every budget.",
    "Two things:<ul><li>the reserves are falling</li><li>nobody explained why</li></ul>",
    "Route 31 is how I get home after a late shift. Six passengers an hour is six people.",
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def wp_items(count: int, per_item: int, rng: random.Random) -> list[tuple[str, list[dict]]]:
    items, next_id = [], 1
    for post in range(count // per_item):
        comments = []
        for n in range(per_item):
            cid = next_id + n
            parent = rng.choice(range(next_id, cid)) if n and rng.random() < 0.7 else 0
            roll = rng.random()
            comments.append(
                {
                    "wp:comment_id": str(cid),
                    "wp:comment_parent": str(parent),
                    "wp:comment_author": f"Reader {cid % 997}",
                    "wp:comment_author_email": f"reader{cid % 997}@example.org",
                    "wp:comment_author_IP": f"198.51.{cid % 200}.{cid % 250}",
                    "wp:comment_date_gmt": f"2018-{1 + post % 12:02d}-{1 + n:02d} 10:{n:02d}:00",
                    "wp:comment_content": BODIES[cid % len(BODIES)],
                    "wp:comment_approved": "0" if roll < 0.05 else "spam" if roll < 0.08 else "1",
                    "wp:comment_type": "pingback" if roll > 0.99 else "comment",
                    "meta": {
                        "wpdiscuz_votes_seperate": f'a:2:{{s:4:"like";i:{cid % 9};'
                        f's:7:"dislike";i:{cid % 3};}}'
                    },
                }
            )
        rng.shuffle(comments)  # children before parents, as real exports have them
        items.append((str(post + 1), comments))
        next_id += per_item
    return items


def run_wordpress(items, pages, home) -> tuple[float, object]:
    from django.db import transaction

    from masthead.migration.report import Report
    from masthead.migration.wordpress.comments import comments_flush, item_comments_import
    from masthead.migration.wordpress.context import WordPressImport
    from masthead.migration.wordpress.wxr import Record

    report = Report(source="wordpress")
    context = WordPressImport(report=report, locale=home.locale, home=home, source_site="bench.example.org")
    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        for post_id, comments in items:
            record = Record(tag="item", fields={"wp:post_id": post_id}, line=0, comments=comments)
            item_comments_import(item=record, page=pages[int(post_id) % len(pages)], context=context)
        comments_flush(context=context)
    report.cpu = time.process_time() - cpu
    return time.perf_counter() - started, report


def disqus_file(path: Path, count: int, pages) -> None:
    from masthead.migration.comments.tests.sources import disqus_post, disqus_thread

    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" ')
        out.write('xmlns:dsq="http://disqus.com/disqus-internals">\n')
        for n, page in enumerate(pages):
            out.write(disqus_thread(f"t{n}", link=f"http://old.example.org/{page.slug}/", title=page.title))
        for n in range(count):
            parent = f"p{rng.randrange(n)}" if n and rng.random() < 0.6 else ""
            body = BODIES[n % len(BODIES)].replace("\n", "<br>")
            out.write(
                disqus_post(f"p{n}", f"t{n % len(pages)}", body, parent=parent, email=f"r{n % 997}@e.org")
            )
        out.write("\n</disqus>\n")


def run_disqus(path: Path) -> tuple[float, float]:
    from django.core.management import call_command

    started, cpu = time.perf_counter(), time.process_time()
    call_command(
        "import_disqus",
        str(path),
        "--site-url",
        "https://old.example.org",
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--skip-wordpress", action="store_true", help="only the Disqus part")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from masthead.newsroom.services import article_publish, home_ensure

    home = home_ensure(title="Bench Ledger")[0]
    pages = [
        article_publish(
            home=home, title=f"Story {n}", slug=f"story-{n}", standfirst="", body=[], authors=[], topics=[]
        )
        for n in range(args.articles)
    ]
    items = [] if args.skip_wordpress else wp_items(args.comments, 10, random.Random(4))
    print(f"SQLite, {args.comments:,} comments over {len(items):,} items onto {len(pages)} articles")
    print(f"peak memory before importing: {peak_mb():.0f} MB")
    if items:
        _wordpress(items, pages, home)
    del items
    _disqus(args, pages)


def _wordpress(items, pages, home) -> None:
    elapsed, report = run_wordpress(items, pages, home)
    tally = report.tally("comments")
    print(
        f"WordPress comments: {elapsed:.1f} s, {report.cpu:.1f} s CPU "
        f"({tally.found / elapsed:,.0f} comments/s); "
        f"{tally.imported:,} imported, {tally.skipped.total():,} skipped {dict(tally.skipped)}; "
        f"peak {peak_mb():.0f} MB"
    )
    again, report = run_wordpress(items, pages, home)
    print(
        f"WordPress re-run, nothing changed: {again:.1f} s, {report.cpu:.1f} s CPU "
        f"({report.tally('comments').unchanged:,} unchanged)"
    )


def _disqus(args, pages) -> None:
    from masthead.comments.models import Comment

    path = Path(os.environ["MASTHEAD_DATA_DIR"]) / "disqus.xml"
    disqus_file(path, args.comments, pages)
    before = Comment.objects.count()
    elapsed, cpu = run_disqus(path)
    added = Comment.objects.count() - before
    size = path.stat().st_size / 1e6
    print(
        f"Disqus export ({size:.0f} MB): {elapsed:.1f} s, {cpu:.1f} s CPU ({added:,} comments, "
        f"{added / elapsed:,.0f}/s); "
        f"peak {peak_mb():.0f} MB"
    )
    elapsed, cpu = run_disqus(path)
    print(f"Disqus re-run, nothing changed: {elapsed:.1f} s, {cpu:.1f} s CPU; peak {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
