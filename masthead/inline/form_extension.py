"""The comment-form extension that turns a selected passage into an anchor (COMMENTS_EXTENSIONS).

The form posts the passage as hidden fields: inline_exact, inline_start, inline_end (code points
over the canonical body text), inline_revision (the published revision the page showed) and,
for an answer to an editor's prompt, inline_prompt. The server trusts none of it: the quote must
be the text at those positions of that published revision; prefix and suffix are recomputed.
"""

from django.utils.translation import gettext as _

from masthead.core.refusal import Refusal

from .anchoring import MAX_QUOTE_CHARS, anchor_resolve, selector_at
from .models import Anchor
from .selectors import article_text, revision_was_published
from .services import anchor_create

FIELDS = ("inline_exact", "inline_start", "inline_end", "inline_revision", "inline_prompt")


class InlineAnchorExtension:
    form_template = "inline/form_fields.html"

    def clean(self, *, page, data, user) -> dict | None:
        exact = (data.get("inline_exact") or "").strip(" ")
        if not exact and not data.get("inline_start"):
            return None
        if not hasattr(page.specific, "body"):
            raise _rejected(_("Passages can only be quoted from articles."))
        if page.get_view_restrictions().exists():
            # Checking a quote against a private text would tell a guesser whether it is in it.
            raise _rejected(_("Passages cannot be quoted from this article."), status_code=403)
        if len(exact) > MAX_QUOTE_CHARS:
            raise _rejected(
                _("A quoted passage can be at most %(n)s characters long; select a shorter passage.")
                % {"n": f"{MAX_QUOTE_CHARS:,}"},
                status_code=413,
            )
        revision, text = self._revision_text(page=page, value=data.get("inline_revision"))
        start, end = _int(data.get("inline_start")), _int(data.get("inline_end"))
        if start is None or end is None or not (0 <= start < end <= len(text.text)):
            raise _rejected(
                _("The selected passage lies outside the article; select text in the article body.")
            )
        if text.text[start:end] != exact:
            raise _rejected(
                _(
                    "The quoted passage does not match the article's text; reload the "
                    "page and select the passage again."
                )
            )
        prompt = (data.get("inline_prompt") or "").strip()
        if prompt and prompt not in text.prompts:
            raise _rejected(_("This question is no longer asked in the article; reload the page."))
        return {
            "selector": selector_at(text=text.text, start=start, end=end),
            "revision": revision,
            "prompt": prompt,
        }

    def _revision_text(self, *, page, value):
        live_id = page.specific.live_revision_id
        if not value and live_id is None:
            return None, article_text(page=page)
        revision = revision_was_published(page=page, revision_id=_int(value) or 0)
        if revision is None:
            raise _rejected(
                _(
                    "The passage refers to a version of this article that does not exist; "
                    "reload the page and select the passage again."
                )
            )
        return revision, article_text(page=page, revision=revision)

    def attach(self, *, comment, cleaned: dict, request) -> None:
        page, selector, revision = comment.page, cleaned["selector"], cleaned["revision"]
        live_id = page.specific.live_revision_id
        revision_id, state = (revision.pk if revision else live_id), Anchor.States.ANCHORED
        if revision is not None and revision.pk != live_id:
            # Quoted from a page cached before the last publish: place it in the live text now.
            resolution = anchor_resolve(text=article_text(page=page).text, selector=selector)
            if resolution.selector is None:
                state = Anchor.States.ORPHAN
            else:
                selector, revision_id, state = resolution.selector, live_id, resolution.state.value
        anchor_create(
            comment=comment,
            page=page,
            selector=selector,
            revision_id=revision_id,
            state=state,
            prompt=cleaned["prompt"],
        )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _rejected(message: str, *, status_code: int = 400) -> Refusal:
    return Refusal(message, status_code=status_code, field="inline_exact", code="inline")


inline_anchor = InlineAnchorExtension()
