"""The screening pipeline's cost per new comment, on a site with a long screening history.

Fills a fresh SQLite site (or DATABASE_URL) with --history screening decisions and --comments
comments, a 500-entry banned-word list and a 500-entry suspect list, then screens --posts new
comments (each from another reader, so every rule runs to the end) and prints the time per
screening (mean, p50, p99) and the database queries each one makes.

    uv run python bench/moderation_screen.py [--history 200000] [--comments 10000] [--posts 1000]
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import bench_parser  # bench/ is the script's directory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("MASTHEAD_DATA_DIR", tempfile.mkdtemp(prefix="mh-bench-moderation-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.site.settings")


def fill(*, history: int, comments: int):
    from django.core.management import call_command
    from wagtail.models import Page

    from masthead.comments.models import Comment, Status
    from masthead.moderation.models import ScreeningEntry, WordLists

    call_command("migrate", verbosity=0)
    page = Page.get_first_root_node().add_child(instance=Page(title="Bench", slug="bench"))
    Comment.objects.bulk_create(
        [
            Comment(
                page=page,
                author_name=f"R{i}",
                author_email=f"r{i}@example.org",
                body=f"c{i}",
                body_html=f"<p>c{i}</p>",
                status=Status.APPROVED,
                network_hash=f"n{i % 500}",
            )
            for i in range(comments)
        ],
        batch_size=2000,
    )
    ScreeningEntry.objects.bulk_create(
        [
            ScreeningEntry(
                page=page,
                action="approve",
                reason="clean",
                network_hash=f"n{i % 5000}",
                email_hash=f"e{i}",
                fingerprint=f"{i:032x}",
            )
            for i in range(history)
        ],
        batch_size=5000,
    )
    lists = WordLists.load()
    lists.banned_words = "\n".join(f"bannedword{i}" for i in range(500))
    lists.suspect_words = "\n".join(f"suspect phrase {i}" for i in range(500))
    lists.save()
    return page


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--history", type=int, default=200_000)
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masthead.comments.screening import Submission
    from masthead.moderation.formtoken import form_token_issue
    from masthead.moderation.pipeline import comment_screen

    started = time.perf_counter()
    page = fill(history=args.history, comments=args.comments)
    print(
        f"filled {args.history} screening entries and {args.comments} comments "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    token = form_token_issue(page_id=page.pk)
    time.sleep(3.1)  # older than the minimum time to fill the form
    timings, queries, actions = [], [], {}
    body = "The council's budget vote was closer than it looked; see https://example.org/minutes. "
    for i in range(args.posts):
        submission = Submission(
            page_id=page.pk,
            body=f"{body * 3} Reader {i}.",
            author_name=f"Reader {i}",
            author_email=f"r{i}@example.org",
            author_url="",
            user_id=None,
            is_staff=False,
            network=f"bench-net-{i}",
            session=f"g:{i}",
            form_token=token,
        )
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            verdict = comment_screen(submission)
            timings.append(time.perf_counter() - t0)
        queries.append(len(captured))
        actions[verdict.reason] = actions.get(verdict.reason, 0) + 1
    ms = sorted(t * 1000 for t in timings)
    print(
        f"{args.posts} screenings: mean {statistics.mean(ms):.2f} ms, p50 {ms[len(ms) // 2]:.2f} ms, "
        f"p99 {ms[int(len(ms) * 0.99)]:.2f} ms; queries per screening: {max(queries)}"
    )
    print(f"decisions: {actions}")


if __name__ == "__main__":
    main()
