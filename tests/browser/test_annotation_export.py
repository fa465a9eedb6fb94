"""The Web Annotation export re-anchors on the served article in Chromium, by code that is not
Masthead's: a small implementation of the W3C selectors (CssSelector refinedBy TextQuoteSelector
or TextPositionSelector) written to the algorithm Hypothesis documents for its anchoring, run on
the page as served (Masthead's own inline script is blocked), over the text docs/web-annotations.md
defines. Every annotation of the demo's discussion article, in English and in Arabic."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Independent of masthead/inline (text.py, inline.js): written from docs/web-annotations.md and
# the W3C model. The text: text nodes of the scope in document order, outside figures and
# script/style/noscript/template/iframe; ASCII whitespace runs are one space, trimmed; indexes
# are code points. The quote: Hypothesis's approach, every exact match scored by how much of
# the prefix and suffix agree with the text around it, the best one wins.
_ANCHOR = r"""
(target) => {
  const SKIPPED = "figure,script,style,noscript,template,iframe";
  function textOf(root) {
    const chars = [], points = [];
    let space = null;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      if (node.parentElement.closest(SKIPPED)) continue;
      let at = 0;
      for (const ch of node.data) {
        const where = { node, start: at, end: at + ch.length };
        at += ch.length;
        if ("\t\n\f\r ".includes(ch)) {
          if (points.length && !space) space = where;
          continue;
        }
        if (space) { points.push(" "); chars.push(space); space = null; }
        points.push(ch);
        chars.push(where);
      }
    }
    return { points, chars };
  }
  function rangeOf(text, start, end) {
    if (!(start >= 0 && end > start && end <= text.chars.length)) return null;
    const range = document.createRange();
    range.setStart(text.chars[start].node, text.chars[start].start);
    range.setEnd(text.chars[end - 1].node, text.chars[end - 1].end);
    return range;
  }
  function byQuote(text, quote) {
    const exact = [...quote.exact], prefix = [...(quote.prefix || "")], suffix = [...(quote.suffix || "")];
    let best = null;
    for (let i = 0; i + exact.length <= text.points.length; i++) {
      if (exact.some((ch, k) => text.points[i + k] !== ch)) continue;
      let score = 0;
      const before = (k) => text.points[i - 1 - k] === prefix[prefix.length - 1 - k];
      while (score < prefix.length && before(score)) score++;
      for (let k = 0; k < suffix.length && text.points[i + exact.length + k] === suffix[k]; k++) score++;
      if (!best || score > best.score) best = { start: i, end: i + exact.length, score };
    }
    return best;
  }
  const found = [];
  for (const selector of target.selector) {
    const scope = document.querySelectorAll(selector.value);
    if (selector.type !== "CssSelector" || scope.length !== 1) {
      found.push({ error: "not one scope element", selector });
      continue;
    }
    const text = textOf(scope[0]), refined = selector.refinedBy;
    let span = null;
    if (refined.type === "TextPositionSelector") span = { start: refined.start, end: refined.end };
    else if (refined.type === "TextQuoteSelector") span = byQuote(text, refined);
    const range = span && rangeOf(text, span.start, span.end);
    if (!range) { found.push({ type: refined.type, highlighted: null }); continue; }
    // Highlight it, as an annotation tool does, and read back what is highlighted.
    CSS.highlights.set(`anchor-${found.length}`, new Highlight(range));
    const highlighted = range.toString().replace(/[\t\n\f\r ]+/g, " ").replace(/^ | $/g, "");
    found.push({ type: refined.type, start: span.start, highlighted });
  }
  return found;
}
"""


def _annotations(page, site: str, article) -> list[dict]:
    response = page.request.get(f"{site}/api/inline/pages/{article.pk}/annotations")
    assert response.status == 200
    return response.json()["first"]["items"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_exported_annotation_highlights_its_exact_quote_on_the_served_page(
    page, live_newsroom, settings, language
):
    from masthead.newsroom.models import ArticlePage

    settings.BASE_URL = live_newsroom  # the site's public address is the test server's

    article = ArticlePage.objects.get(locale__language_code=language, slug="council-budget-vote")
    annotations = _annotations(page, live_newsroom, article)
    assert len(annotations) >= 2
    # The page as served, without Masthead's inline script (its highlights and buttons).
    page.route("**/inline/inline*.js", lambda route: route.abort())
    [source] = {annotation["target"]["source"] for annotation in annotations}
    assert source == live_newsroom + article.url
    page.goto(source)
    assert page.evaluate("document.documentElement.lang") == language

    for annotation in annotations:
        target = annotation["target"]
        exact = next(
            s["refinedBy"]["exact"]
            for s in target["selector"]
            if s["refinedBy"]["type"] == "TextQuoteSelector"
        )
        found = page.evaluate(_ANCHOR, target)
        assert [f["type"] for f in found] == ["TextQuoteSelector", "TextPositionSelector"], found
        for anchored in found:
            assert anchored["highlighted"] == exact, (annotation["id"], anchored)
        # Both selectors of the list name the same passage (the W3C model's rule for a list).
        assert found[0]["start"] == found[1]["start"]
