"""The main pages rendered in a machine-made pseudo-translation: every text a reader sees either
went through the catalog (it carries the pseudo markers) or is content from the database.

The pseudo catalog is built at test time from the strings the source holds now (extracted by
makemessages, as tests/test_catalogs.py does): each translation is
the source wrapped in ⟦…⟧, with its placeholders (%(name)s, %s, {name}) and HTML tags kept, so
an untranslated string stands out as text without markers.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import get_month_names
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import translation
from django.utils.translation import get_language_info

from tests.test_catalogs import _extract

pytestmark = pytest.mark.once  # text alone: the same words on any database

PSEUDO = "eo"  # a language Django knows (bidi off) and the project does not ship
OPEN, CLOSE = "⟦", "⟧"
# What the catalog must leave alone: placeholders and tags.
_KEEP = re.compile(r"(%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|&\w+;)")
_HIDDEN_TAGS = {"script", "style", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_PERCEIVED_ATTRS = ("title", "placeholder", "aria-label", "alt")


def pseudo(text: str) -> str:
    """⟦…⟧ around every run of words between placeholders and tags."""
    if not text:
        return text
    parts = _KEEP.split(text)
    return "".join(p if _KEEP.fullmatch(p) or not p.strip() else f"{OPEN}{p}{CLOSE}" for p in parts)


def pseudo_catalog(source, directory: Path) -> None:
    catalog = Catalog(locale=PSEUDO, domain="django")
    for message in source:
        if not message.id:
            continue
        string = tuple(pseudo(s) for s in message.id) if isinstance(message.id, tuple) else pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    out = directory / PSEUDO / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "django.mo").open("wb") as f:
        write_mo(f, catalog)


@pytest.fixture(scope="module")
def pseudo_locale_dir(tmp_path_factory):
    source = _extract(tmp_path_factory.mktemp("source"), "django")
    directory = tmp_path_factory.mktemp("pseudo-locale")
    pseudo_catalog(source, directory)
    return directory


class _VisibleText(HTMLParser):
    """Text nodes and perceived attributes outside hidden elements, each with its tag path."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.found: list[tuple[str, str]] = []

    def _hidden(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = (
            tag in _HIDDEN_TAGS
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
            or attrs.get("class", "").startswith("d-hp")
        )
        if not (hidden or self._hidden()):
            for name in _PERCEIVED_ATTRS:
                if attrs.get(name):
                    self.found.append((f"{tag}[{name}]", attrs[name]))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.found.append((f"{tag}[value]", attrs["value"]))
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and not self._hidden():
            self.found.append(("/".join(t for t, _h in self.stack[-3:]), data.strip()))


def visible_texts(html: str) -> list[tuple[str, str]]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.found


def _database_texts() -> list[str]:
    """Texts that come from the database: stories, people, topics, comments, campaigns, images."""
    from wagtail.models import Page

    from masthead.comments.models import Comment
    from masthead.funding.models import Campaign
    from masthead.inline.models import Anchor
    from masthead.newsroom.models import Author, NewsImage, Topic

    texts = []
    for page in Page.objects.live().specific():
        for field in page._meta.get_fields():
            value = getattr(page, field.name, None) if field.concrete else None
            if isinstance(value, str):
                texts += visible_text_of(value) if "<" in value else [value]
        body = getattr(page, "body", None)
        if body is not None:
            texts += visible_text_of(str(body))
    texts += [a.name for a in Author.objects.all()]
    texts += [t.name for t in Topic.objects.all()]
    texts += [c.author_name for c in Comment.objects.all()]
    for prompt, exact in Anchor.objects.values_list("prompt", "exact"):  # questions, quoted passages
        texts += [prompt, exact]
    for c in Comment.objects.all():
        texts += visible_text_of(c.body_html)
    for image in NewsImage.objects.all():
        texts += [
            image.title,
            getattr(image, "caption", "") or "",
            getattr(image, "credit", "") or "",
            getattr(image, "alt_text", "") or "",
        ]
    for campaign in Campaign.objects.all():
        texts += [campaign.name, campaign.currency.upper()]
    from django.conf import settings

    texts += [settings.SITE_NAME, getattr(settings, "SITE_NAME_AR", "") or ""]
    # Language names are written in their own language; month names come from CLDR.
    texts += [get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES]
    texts += [m.upper() for m in get_month_names("wide", locale=PSEUDO).values()]
    return [t for t in texts if t and t.strip()]


def visible_text_of(html: str) -> list[str]:
    return [text for _where, text in visible_texts(html)]


# Numbers, dates, amounts, punctuation and symbols: no words to translate.
_NEUTRAL = re.compile(r"^[\W\d_]*$|^[\d\s.,:/\-–—$€£%·×▲▼←→]+$")


def untranslated(found: list[tuple[str, str]], database: list[str]) -> list[tuple[str, str]]:
    """The texts that keep words after removing the marked parts and the database's texts."""
    known = sorted({d.strip() for d in database if d.strip()}, key=len, reverse=True)
    problems = []
    for where, text in found:
        if where.endswith("time"):
            continue  # dates and times come through the locale's formats, not the catalog
        rest = re.sub(rf"{OPEN}[^{CLOSE}]*{CLOSE}", " ", text)
        for d in known:
            if d in rest:
                rest = rest.replace(d, " ")
        if not _NEUTRAL.match(rest.replace("©", " ")):
            problems.append((where, text))
    return problems


@pytest.fixture
def pseudo_client(newsroom, client, pseudo_locale_dir):
    languages = [("en", "English"), ("ar", "العربية"), (PSEUDO, "Pseudo")]
    # Django's setting_changed handlers forget the loaded catalogs and the languages' caches.
    with override_settings(
        LANGUAGES=languages,
        LOCALE_PATHS=[pseudo_locale_dir],
        PAGE_CACHE_SECONDS=0,
        STRIPE_SECRET_KEY="sk_test_pseudo",
    ):  # the donate form itself, not "payments off"
        clear_url_caches()
        yield client
    clear_url_caches()
    translation.activate("en")


def _pseudo_get(client, path: str) -> str:
    response = client.get(f"/{PSEUDO}{path}")
    assert response.status_code == 200, (path, response.status_code)
    html = response.content.decode()
    assert f'lang="{PSEUDO}"' in html
    return html


def test_the_pseudo_transform_keeps_placeholders_and_tags():
    assert pseudo("Reply to <bdi>%(name)s</bdi>") == "⟦Reply to ⟧<bdi>%(name)s</bdi>"
    assert pseudo("%(counter)s Comments") == "%(counter)s⟦ Comments⟧"
    assert pseudo("{n} days") == "{n}⟦ days⟧"


def test_the_checker_catches_an_untranslated_label():
    found = visible_texts(
        '<p>⟦Oldest⟧</p><button aria-label="Dismiss">×</button><p>2,500 $</p>'
        '<script>var x = "Hello";</script><p hidden>Hidden</p><h1>Budget vote</h1>'
    )
    assert untranslated(found, ["Budget vote"]) == [("button[aria-label]", "Dismiss")]


@pytest.mark.parametrize("path", ["/", "/council-budget-vote/", "/donate/support-the-riverside-ledger/"])
def test_every_visible_text_of_the_main_pages_is_translated(pseudo_client, path):
    html = _pseudo_get(pseudo_client, path)
    if path.startswith("/donate/"):
        assert 'name="email"' in html
    if path == "/council-budget-vote/":
        assert 'id="comments"' in html and "c-body" in html  # the discussion, with comments
    problems = untranslated(visible_texts(html), _database_texts())
    assert problems == [], "left untranslated (wrap in gettext/translate):\n" + "\n".join(
        f"  {where}: {text!r}" for where, text in problems
    )
