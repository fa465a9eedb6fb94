"""Small newsrooms built through the services, for tests that need exact control of the content."""

import itertools
from io import BytesIO

from PIL import Image as PILImage

from masthead.newsroom import services

_numbers = itertools.count(1)


def picture_bytes(*, width: int = 1600, height: int = 1000, color=(40, 110, 160)) -> bytes:
    """A JPEG of one colour with a lighter band, big enough for every rendition the pages ask for."""
    picture = PILImage.new("RGB", (width, height), color)
    band = tuple(min(255, c + 80) for c in color)
    picture.paste(band, (0, height // 3, width, height // 2))
    out = BytesIO()
    picture.save(out, "JPEG", quality=70)
    return out.getvalue()


def image_make(
    *, caption: str = "The river at dawn", credit: str = "Ledger staff", can_distribute: bool = False, **size
):
    n = next(_numbers)
    return services.image_create(
        title=f"Picture {n}",
        data=picture_bytes(**size),
        filename=f"picture-{n}.jpg",
        caption=caption,
        credit=credit,
        can_distribute=can_distribute,
    )


def author_make(*, name: str | None = None):
    n = next(_numbers)
    name = name or f"Reporter {n}"
    return services.author_create(name=name, slug=f"reporter-{n}", role="Reporter")


def topic_make(*, name: str | None = None):
    n = next(_numbers)
    name = name or f"Topic {n}"
    return services.topic_create(name=name, slug=f"topic-{n}", description=f"All about {name}.")


def paragraph(text: str) -> tuple:
    return ("paragraph", f"<p>{text}</p>")


def figure(image) -> tuple:
    return ("image", {"image": image, "caption": "", "credit": ""})


def article_make(
    *,
    home,
    title: str | None = None,
    slug: str | None = None,
    standfirst: str = "A short summary.",
    body: list | None = None,
    authors=(),
    topics=(),
    lead_image=None,
    published_at=None,
):
    n = next(_numbers)
    return services.article_publish(
        home=home,
        title=title or f"Story number {n}",
        slug=slug or f"story-{n}",
        standfirst=standfirst,
        body=body if body is not None else [paragraph("Plain words about nothing much.")],
        authors=list(authors),
        topics=list(topics),
        lead_image=lead_image,
        published_at=published_at,
    )


def arabic_locale():
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="ar")[0]


def translation_make(page, *, title: str, locale=None):
    """The page copied into another edition (Arabic by default) and published there."""
    copy = page.copy_for_translation(locale or arabic_locale())
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy
