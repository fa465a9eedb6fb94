"""Article pages: extruct finds one NewsArticle in JSON-LD, and pyld expands it against schema.org
without loss (every property is a schema.org term)."""

import extruct
import pytest
from pyld import jsonld

pytestmark = [pytest.mark.conformance, pytest.mark.xdist_group("conformance")]

SCHEMA_ORG = "http://schema.org/"
# schema.org's JSON-LD context maps every term to http://schema.org/<term> (@vocab); a local
# copy of that one rule keeps the test off the network.
CONTEXT = {"@context": {"@vocab": SCHEMA_ORG}}


def _offline_loader(url, options=None):
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


@pytest.mark.parametrize(
    ("path", "language"), [("/council-budget-vote/", "en"), ("/ar/council-budget-vote/", "ar")]
)
def test_the_article_json_ld_is_a_news_article_of_schema_org(demo, path, language):
    html = demo.body(path).decode()
    data = extruct.extract(html, base_url=demo.url + path, syntaxes=["json-ld"], uniform=True)["json-ld"]
    [article] = [item for item in data if item.get("@type") == "NewsArticle"]
    assert article["inLanguage"] == language
    assert article["headline"] and article["datePublished"] and article["author"]
    assert article["publisher"]["@type"] == "Organization" and article["publisher"]["name"]

    expanded = jsonld.expand(article, {"documentLoader": _offline_loader})
    [node] = expanded
    terms = {key for key in node if not key.startswith("@")}
    assert terms and all(term.startswith(SCHEMA_ORG) for term in terms), terms
    assert f"{SCHEMA_ORG}NewsArticle" in node["@type"]
    # Nothing dropped by the expansion: every property of the page's object survived it.
    assert len(terms) == len([k for k in article if not k.startswith("@")])
