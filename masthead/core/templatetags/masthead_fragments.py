"""{% fragment key %}…{% endfragment %}: a costly part of a template kept until content changes
(core/pagecache.py's fragment_cached), in the reader's language. An empty key renders it afresh."""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, key: FilterExpression) -> None:
        self.nodelist, self.key = nodelist, key

    def render(self, context: template.Context) -> SafeString:
        from masthead.core.pagecache import fragment_cached

        key = self.key.resolve(context)
        if not key:
            return mark_safe(self.nodelist.render(context))  # noqa: S308 (a template's own output)
        html = fragment_cached(
            key=f"template:{key}:{get_language()}", build=lambda: str(self.nodelist.render(context))
        )
        return mark_safe(html)  # noqa: S308 (a template's own output, kept)


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment key %} takes one argument: the key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]))
