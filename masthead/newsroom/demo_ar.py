"""The demo's Arabic edition: an Arabic front page and three translated stories under /ar/.

Runs after the English demo loader; translations are Wagtail copies of the English pages
(copy_for_translation), so editors see them linked as translations in the admin.
"""

from html import escape

from django.db import transaction
from wagtail.models import Locale

from . import demo_content_ar as content
from .demo_pictures import scene_jpeg
from .models import ArticlePage, Author, HomePage, Topic
from .services import image_create, snippet_translate


@transaction.atomic
def load(*, home: HomePage) -> None:
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    if HomePage.objects.filter(locale=arabic).exists():
        return
    home_ar = home.copy_for_translation(arabic)
    home_ar.title, home_ar.strapline = content.HOME_TITLE, content.HOME_STRAPLINE
    home_ar.save_revision().publish()
    _translate_snippets(Topic, content.TOPICS, ("name", "description"), locale=arabic)
    _translate_snippets(Author, content.AUTHORS, ("name", "role", "bio"), locale=arabic)
    for seed, (slug, story) in enumerate(content.STORIES.items()):
        original = ArticlePage.objects.child_of(home).filter(slug=slug).first()
        if original is not None:
            _translate(original, story, locale=arabic, seed=100 + seed)


def _translate_snippets(model, texts: dict, fields: tuple, *, locale: Locale) -> None:
    """Arabic copies of the English topics or authors; a copy keeps the slug (addresses only
    change their prefix) and what has no translation, such as an author's portrait."""
    for original in model.objects.filter(slug__in=texts, locale=Locale.get_default()):
        snippet_translate(original, locale=locale, **dict(zip(fields, texts[original.slug], strict=True)))


def _translate(original: ArticlePage, story: dict, *, locale: Locale, seed: int) -> ArticlePage:
    page = original.copy_for_translation(locale)
    page.title, page.standfirst = story["title"], story["standfirst"]
    scene = _scene_of(original.lead_image)
    page.lead_image = image_create(
        title=story["caption"].split(": ", 1)[-1],
        data=scene_jpeg(scene, seed=seed),
        filename=f"{scene}-ar-{seed}.jpg",
        caption=story["caption"],
        credit=content.CREDIT,
        can_distribute=True,
    )
    page.body = _body(story["body"], original=original, seed=seed)
    page.save_revision().publish()
    # Keep the original's dates: the translation reports the same news, not newer news.
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=original.first_published_at,
        last_published_at=original.last_published_at,
    )
    return page


def _scene_of(image) -> str:
    # Pictures are named "<scene>-<seed>.jpg" by the English loader.
    name = image.file.name.rsplit("/", 1)[-1] if image else "town_hall-0.jpg"
    return name.rsplit("-", 1)[0]


def _body(parts: list, *, original: ArticlePage, seed: int) -> list[dict]:
    """The Arabic parts as StreamField blocks; figures reuse the English story's pictures."""
    pictures = [block.value["image"] for block in original.body if block.block_type == "image"]
    blocks = []
    for part in parts:
        kind = part[0]
        if kind == "p":
            blocks.append({"type": "paragraph", "value": f"<p>{escape(part[1], quote=False)}</p>"})
        elif kind == "h":
            blocks.append({"type": "heading", "value": part[1]})
        elif kind == "q":
            blocks.append({"type": "quote", "value": {"text": part[1], "attribution": part[2]}})
        elif kind == "fig" and pictures:
            image = pictures.pop(0)
            blocks.append(
                {"type": "image", "value": {"image": image.pk, "caption": part[2], "credit": content.CREDIT}}
            )
    return blocks
