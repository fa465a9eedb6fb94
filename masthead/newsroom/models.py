"""Pages, authors, topics and images of the newsroom."""

import hashlib
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult

from masthead.core.absoluteurl import absolute_url
from masthead.core.pagecache import page_cache_generation, page_cache_public

from .blocks import ArticleBodyBlock

# What the pages take from the views, feeds and selectors, which import these models: filled in by
# page_parts.py when the app is ready, so that the models import nothing above them (no cycle).
PAGE_PARTS: dict[str, Callable[..., Any]] = {}

RESTRICTIONS_CACHE_SECONDS = 600  # a bound only: any change of content retires the entry at once


def _localized(path: str) -> str:
    """The path under the current language's prefix (the default language has none)."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


class NewsImage(AbstractImage):
    """An image with the caption, credit and distribution right that every use shows."""

    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    can_distribute = models.BooleanField(
        _("can distribute"),
        default=False,
        help_text=_("We hold the rights to pass this image on (feeds, partners)."),
    )

    admin_form_fields = Image.admin_form_fields + ("caption", "credit", "can_distribute")


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class EditionSnippet(TranslatableMixin, models.Model):
    """A topic or author, translated per edition like pages are (Wagtail copies for translation).

    An article keeps pointing at whichever language's row its editor chose (a translated story
    keeps the original's); lists show each row in the reader's language through `shown_name` and
    `shown_slug`, which the selectors annotate from the row's translation (selectors.shown_in).
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def get_absolute_url(self) -> str:
        slug = getattr(self, "shown_slug", None) or self.slug
        return _localized(f"/{self.url_prefix}/{slug}/")

    def clean(self):
        # The admin's form has no locale field, so Django's own unique check skips (slug, locale).
        super().clean()
        locale_id = self.locale_id or Locale.get_default().pk
        clash = type(self).objects.filter(slug=self.slug, locale_id=locale_id).exclude(pk=self.pk)
        if self.slug and clash.exists():
            raise ValidationError({"slug": _("This slug is already used in this language.")})

    @property
    def label(self) -> str:
        """The name to show: the translation's into the reader's language when one was loaded."""
        return getattr(self, "shown_name", None) or self.name


@register_snippet
class Author(index.Indexed, EditionSnippet):
    url_prefix = "authors"

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ForeignKey(NewsImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(EditionSnippet.Meta):
        ordering = ["name"]
        verbose_name = _("author")

    def __str__(self) -> str:
        return self.name


@register_snippet
class Topic(EditionSnippet):
    url_prefix = "topics"

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(EditionSnippet.Meta):
        ordering = ["name"]
        verbose_name = _("topic")

    def __str__(self) -> str:
        return self.name


def _is_public(page, request, *args, **kwargs) -> bool:
    """A page behind a password or a login (its own or an ancestor's) is never kept by a cache."""
    return not _any_view_restriction() or not page.get_view_restrictions().exists()


def _any_view_restriction() -> bool:
    # Most sites restrict no page: one look per content generation (a restriction added or
    # removed starts a new one, newsroom/signal_handlers.py) spares every render two queries.
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    key = f"newsroom:any-view-restriction:{page_cache_generation()}"
    return cache.get_or_set(key, PageViewRestriction.objects.exists, RESTRICTIONS_CACHE_SECONDS)


class HomePage(RoutablePageMixin, Page):
    """The front page; topic and author pages hang off it as routes (/topics/…, /authors/…)."""

    strapline = models.CharField(_("strapline"), max_length=200, blank=True)
    lead_story = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest story."),
    )

    content_panels = Page.content_panels + [FieldPanel("strapline"), FieldPanel("lead_story")]
    subpage_types = ["newsroom.ArticlePage", "newsroom.PlainPage"]
    max_count_per_parent = 1

    # The front page and its routes (topics, authors, feeds, search) read only these parameters.
    @page_cache_public(params=("page", "q"), public_if=_is_public)
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(PAGE_PARTS["home_front"](home=self))
        return context

    def route(self, request, path_components):
        """A story asked for in an edition it was not translated into (/ar/<slug>/) is served in
        its original language with a notice (article_page.html), never a broken link."""
        try:
            return super().route(request, path_components)
        except Http404:
            original = self._untranslated_story(path_components)
            if original is None:
                raise
            return RouteResult(original)

    def _untranslated_story(self, path_components):
        if len(path_components) != 1 or self.locale_id == Locale.get_default().pk:
            return None
        home = self.get_translation_or_none(Locale.get_default())
        if home is None:
            return None
        return ArticlePage.objects.child_of(home).live().filter(slug=path_components[0]).first()

    def get_sitemap_urls(self, request=None):
        """The front page, then every topic and author page that has a live story."""
        changes = [self.last_published_at, PAGE_PARTS["articles_last_changed"]()]
        urls = [
            {
                "location": absolute_url(self.get_url(request=request)),
                "lastmod": max(filter(None, changes), default=None),
                "changefreq": "hourly",
            }
        ]
        language = self.locale.language_code
        with override(language):  # /ar/topics/… for the Arabic edition
            urls += [
                {"location": absolute_url(item.get_absolute_url()), "lastmod": item.lastmod}
                for item in PAGE_PARTS["sitemap_topics_and_authors"](
                    locale_id=self.locale_id, language=language
                )
            ]
        return urls

    @path("topics/<str:slug>/")
    def topic(self, request, slug):
        return PAGE_PARTS["topic_page"](request, home=self, slug=slug)

    # The default language's feeds are also at /feed/ and /topics/<slug>/feed/ (site/urls.py);
    # these routes give every edition its own, e.g. /ar/feed/.
    @path("feed/")
    def feed(self, request):
        return PAGE_PARTS["latest_feed"]()(request, home=self)

    @path("topics/<str:slug>/feed/")
    def topic_feed(self, request, slug):
        return PAGE_PARTS["topic_feed"]()(request, slug=slug, home=self)

    @path("search/")
    def search(self, request):
        return PAGE_PARTS["search"](request)  # /search/ (site/urls.py) for the default language, /ar/search/…

    @path("authors/<str:slug>/")
    def author(self, request, slug):
        return PAGE_PARTS["author_page"](request, home=self, slug=slug)


class ArticleAuthor(Orderable):
    """One byline of an article, in the order the editor gave."""

    article = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="bylines")

    panels = [FieldPanel("author")]


class ArticleTag(TaggedItemBase):
    """One tag of an article (Wagtail's tagging: shared tags, listed on the article, searched)."""

    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    standfirst = models.TextField(_("standfirst"), max_length=400, blank=True)
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    lead_image = models.ForeignKey(
        NewsImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    correction = RichTextField(
        _("correction notice"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the body when the story was corrected."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        InlinePanel("bylines", label=_("Bylines"), min_num=0),
        FieldPanel("topics"),
        FieldPanel("tags"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("correction")], heading=_("Corrections")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("normalised_text"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")

    @cached_property
    def authors(self) -> list[Author]:
        return [b.author for b in self.bylines.all()]

    def normalised_text(self) -> str:
        """For the search index: an Arabic story's words (its tags' too) without article or
        diacritics, so a query finds them either way on SQLite (newsroom/search.py)."""
        if self.locale.language_code != "ar":
            return ""
        from masthead.core.arabic_search import arabic_normalise

        tags = [tag.name for tag in self.tags.all()]
        return arabic_normalise(" ".join([self.title, self.standfirst, self.body_words(), *tags]))

    def body_words(self) -> str:
        """The words of the body's text blocks (no rendering: images need no renditions here)."""
        words = []
        for block in self.body:
            value = block.value
            if block.block_type == "paragraph":
                words.append(strip_tags(value.source))
            elif block.block_type == "heading":
                words.append(str(value))
            elif block.block_type == "quote":
                words += [value.get("text", ""), value.get("attribution", "")]
        return " ".join(words)

    @property
    def was_updated(self) -> bool:
        """True when the story was republished at least an hour after it first went live."""
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and (last - first).total_seconds() > 3600)

    # The same bytes for every reader (ARCHITECTURE.md); ?posted= shows the author their own
    # comment after posting without JavaScript, held text included: that answer is theirs alone.
    @page_cache_public(params=("sort", "cursor", "replyto"), private=("posted",), public_if=_is_public)
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        PAGE_PARTS["article_prefetch"](article=self)
        # "More on the topic" is the same for every reader of an edition until content changes:
        # the template keeps its HTML under the page-cache generation and only a miss calls
        # `related` (a callable). A preview shows the draft's own, never cached.
        context["related"] = partial(PAGE_PARTS["article_related"], article=self)
        if not getattr(request, "is_preview", False):
            context["related_cache_key"] = f"related:{self.pk}"
        # The body, the costliest part of a page still rendered per request (a preview, a
        # restricted story, ?posted=), is kept under the hash of its own stored blocks: a draft's
        # edit shows at once in its preview, and the live page keeps its own copy.
        context["body_cache_key"] = f"body:{self.pk}:{_blocks_hash(self.body)}"
        return context

    def get_sitemap_urls(self, request=None):
        return [{"location": absolute_url(self.get_url(request=request)), "lastmod": self.last_published_at}]


def _blocks_hash(body) -> str:
    raw = json.dumps(list(body.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


class PlainPage(Page):
    """A page that is not a story: About, Contact, Corrections policy. No byline, no date, and
    no discussion unless an editor opens one."""

    body = StreamField(ArticleBodyBlock(), blank=True)
    allow_discussion = models.BooleanField(
        _("discussion"), default=False, help_text=_("Readers may comment on this page.")
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = Page.settings_panels + [FieldPanel("allow_discussion")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["newsroom.HomePage", "newsroom.PlainPage"]
    subpage_types = ["newsroom.PlainPage"]

    class Meta:
        verbose_name = _("plain page")
