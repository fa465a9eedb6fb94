"""The JSON thread page kept as its bytes until the thread changes.

A thread page is retired by anything that retires cached pages (page_cache_clear: a comment
approved, edited, removed or pinned, the article republished) and by a vote on one of its
comments (votes do not retire whole pages): each article has its own generation of votes,
seen by every process (core/generation.py). Keys carry both, so nothing is deleted.
"""

import hashlib

from django.utils.translation import get_language

from masthead.core.generation import generation_bump, generation_read
from masthead.core.pagecache import page_cache_generation


def _votes_generation(page_id: int) -> str:
    return f"thread-votes-{page_id}"


def thread_cache_key(*, page_id: int, sort: str, cursor: str) -> str:
    votes = generation_read(_votes_generation(page_id))
    where = hashlib.sha256(f"{sort}|{cursor}|{get_language()}".encode()).hexdigest()[:24]
    return f"comments:thread:{page_id}:{page_cache_generation()}:{votes}:{where}"


def thread_votes_changed(page_id: int) -> None:
    generation_bump(_votes_generation(page_id))
