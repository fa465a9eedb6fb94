"""`masthead manage comments_rerender`: re-renders stored comment HTML made by an older renderer.

Run after RENDERER_VERSION changes (a new Markdown rule or a tighter allowlist): the body as
written is kept, so the sanitised HTML can always be made again.
"""

from django.core.management.base import BaseCommand

from masthead.comments.services import comments_rerender


class Command(BaseCommand):
    help = "Re-renders comment HTML written by an older renderer version."

    def handle(self, *args, **options):
        self.stdout.write(f"re-rendered {comments_rerender()} comments")
