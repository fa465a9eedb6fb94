"""Hooks by which other apps add fields to the comment form (inline anchors, "Notify of").

settings.COMMENTS_EXTENSIONS lists dotted paths of objects with two methods:
- clean(*, page, data: dict, user) -> dict | None: validate this extension's fields in the
  posted data; raise masthead.core.refusal.Refusal to refuse the whole comment (nothing is stored);
  return what attach() needs, or None when the extension has nothing to do.
- attach(*, comment, cleaned: dict, request) -> None: called inside the transaction that
  creates the comment, so that a failure stores nothing.
Each also names a template (form_template) that the comment form includes.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def comment_extensions() -> list:
    return [import_string(path) for path in getattr(settings, "COMMENTS_EXTENSIONS", [])]
