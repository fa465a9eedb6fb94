"""Search within one edition. Arabic finds a word with or without its article ("ال") and
whatever its diacritics: PostgreSQL through its 'arabic' text search configuration, SQLite
through a normalised copy of each Arabic story's text in Wagtail's index (core/arabic_search.py).

What differs: PostgreSQL's Snowball stemmer also reduces plurals and other affixes
(مكتبات → مكتب), while the SQLite normalisation only removes the article and attached
prepositions (و ف ب ك ل), diacritics and letter variants (أ إ آ → ا, ة → ه, ى → ي).
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import OuterRef, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce
from wagtail.models import Locale

from masthead.core.arabic_search import arabic_normalise

from .models import ArticlePage, ArticleTag
from .selectors import article_list, search_terms


def article_search_edition(*, text: str) -> QuerySet[ArticlePage]:
    """The active edition's stories that match what a reader typed; none when it has no word.

    The address picks the edition: /search/ the default language's, /ar/search/ Arabic.
    """
    terms = search_terms(text)
    if not terms:
        return ArticlePage.objects.none()
    return article_search(query=terms, locale=Locale.get_active())


def article_search(*, query: str, locale: Locale):
    articles = article_list(locale_id=locale.pk)
    if locale.language_code != "ar":
        return articles.search(query, operator="and")
    if connection.vendor == "postgresql":
        vector = SearchVector("title", "standfirst", Cast("body", TextField()), _tag_names(), config="arabic")
        return articles.annotate(search_vector=vector).filter(
            search_vector=SearchQuery(query, config="arabic", search_type="plain")
        )
    return articles.search(arabic_normalise(query), operator="and")


def _tag_names():
    """An article's tags as one text (Wagtail's index has them for every other search)."""
    names = (
        ArticleTag.objects.filter(content_object_id=OuterRef("pk"))
        .values("content_object_id")
        .annotate(names=StringAgg("tag__name", delimiter=Value(" ")))
        .values("names")
    )
    return Coalesce(Subquery(names, output_field=TextField()), Value(""), output_field=TextField())
