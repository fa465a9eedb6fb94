"""The demo newsroom's loader: authors, topics, pictures and stories of The Riverside Ledger.

Loading is idempotent: when the discussion article already exists under the home page, the
loader does nothing, so a second `masthead demo` (or a second fixture call) adds no duplicates.
Later apps' loaders find the stories by the slug constants below.
"""

from datetime import timedelta
from html import escape

from django.db import transaction
from django.utils import timezone

from . import demo_content as content
from .demo_pictures import portrait_jpeg, scene_jpeg
from .models import ArticlePage, HomePage
from .services import article_publish, author_create, image_create, topic_create

DISCUSSION_SLUG = "council-budget-vote"  # the story that carries the big discussion
QUIET_SLUG = "library-hours"  # a story that stays without comments


@transaction.atomic
def load(*, home: HomePage) -> None:
    if ArticlePage.objects.child_of(home).filter(slug=DISCUSSION_SLUG).exists():
        return
    home.strapline = content.STRAPLINE
    home.save(update_fields=["strapline"])
    authors = {a.slug: _author(a, seed=i) for i, a in enumerate(content.AUTHORS)}
    topics = {
        t.slug: topic_create(name=t.name, slug=t.slug, description=t.description) for t in content.TOPICS
    }
    now = timezone.now().replace(second=0, microsecond=0)
    # Oldest first, so page ids grow with publication time as they would on a real site.
    for seed, story in sorted(enumerate(content.STORIES), key=lambda s: -s[1].hours_ago):
        article_publish(
            home=home,
            title=story.title,
            slug=story.slug,
            standfirst=story.standfirst,
            body=story_blocks(story, seed=seed),
            authors=[authors[a] for a in story.authors],
            topics=[topics[t] for t in story.topics],
            lead_image=_picture(story.scene, caption=story.caption, seed=seed * 10),
            published_at=now - timedelta(hours=story.hours_ago),
        )


def _author(text: content.AuthorText, *, seed: int):
    photo = image_create(
        title=f"Portrait of {text.name}",
        data=portrait_jpeg(seed=seed, **text.look),
        filename=f"{text.slug}.jpg",
        caption=f"Illustrative portrait: {text.name}",
        credit=content.CREDIT,
        can_distribute=True,
    )
    return author_create(name=text.name, slug=text.slug, role=text.role, bio=text.bio, photo=photo)


def _picture(scene: str, *, caption: str, seed: int):
    """A drawn picture, its alt text taken from the caption without the "Illustrative image:" label."""
    description = caption.split(": ", 1)[-1]
    return image_create(
        title=description[:1].upper() + description[1:],
        data=scene_jpeg(scene, seed=seed),
        filename=f"{scene}-{seed}.jpg",
        caption=caption,
        credit=content.CREDIT,
        can_distribute=True,
    )


def story_blocks(story: content.Story, *, seed: int, pictures: bool = True) -> list[dict]:
    """The story's parts as StreamField blocks (raw JSON form); without `pictures`, its words
    only (the tests' named stories: drawing a picture takes longer than the rest of a story)."""
    blocks = []
    for i, part in enumerate(story.body):
        kind = part[0]
        if kind == "p":
            blocks.append({"type": "paragraph", "value": f"<p>{escape(part[1], quote=False)}</p>"})
        elif kind == "h":
            blocks.append({"type": "heading", "value": part[1]})
        elif kind == "q":
            blocks.append({"type": "quote", "value": {"text": part[1], "attribution": part[2]}})
        elif kind == "fig" and pictures:
            image = _picture(part[1], caption=part[2], seed=seed * 10 + i)
            blocks.append({"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}})
    return blocks
