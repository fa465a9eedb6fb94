"""`masthead manage demo_thread --slug SLUG --comments N`: an article with a thread of N comments."""

import time

from django.core.management.base import BaseCommand, CommandError

from masthead.comments.synthetic_threads import thread_fill


class Command(BaseCommand):
    help = "Creates (or refills) an article at /SLUG/ whose thread has N approved comments, with votes."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--comments", type=int, required=True)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--no-votes", action="store_true", help="tallies only, no vote rows")

    def handle(self, *args, slug, comments, seed, no_votes, **options):
        if comments < 0:
            raise CommandError("--comments must be 0 or more")
        started = time.perf_counter()
        page = _article(slug)
        thread_fill(page=page, count=comments, seed=seed, votes=not no_votes)
        self.stdout.write(f"/{slug}/: {comments} approved comments in {time.perf_counter() - started:.1f} s")


def _article(slug: str):
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.services import article_publish, home_ensure

    page = ArticlePage.objects.filter(slug=slug).first()
    if page is not None:
        return page
    home, _created = home_ensure(title="Masthead")
    body = [("paragraph", "<p>A story written for measuring long discussions.</p>")]
    try:
        return article_publish(
            home=home,
            title=f"Thread of {slug}",
            slug=slug,
            standfirst="A long discussion for benchmarks.",
            body=body,
            authors=[],
            topics=[],
        )
    except Exception as error:  # a body block the newsroom does not know: fall back to none
        raise CommandError(f"could not create the article: {error}") from error
