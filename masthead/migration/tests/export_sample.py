# ruff: noqa: E501 - the sample items read best one to a line
"""The sample newsroom export the importer tests share: a little of everything WordPress writes."""

from . import wxr_builder as b

SITE = "https://old.example.org"

BLOCK_BODY = """<!-- wp:paragraph -->
<p>The <strong>river</strong> rose <a href="https://example.net/gauge">past the gauge</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">What happened</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Roads closed</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Schools shut</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image {"id":101,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://old.example.org/wp-content/uploads/2019/05/river-1024x683.jpg" alt="The river in flood" class="wp-image-101"/><figcaption class="wp-element-caption">Water at the bridge</figcaption></figure>
<!-- /wp:image -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>We have never seen it this high.</p><cite>Ana Ortiz</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":101} -->
<figure class="wp-block-image"><img src="https://old.example.org/wp-content/uploads/2019/05/river.jpg" class="wp-image-101"/><figcaption>Morning</figcaption></figure>
<!-- /wp:image -->

<!-- wp:image {"id":102} -->
<figure class="wp-block-image"><img src="https://old.example.org/wp-content/uploads/2019/05/bridge-300x200.jpg" class="wp-image-102"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->

<!-- wp:audio {"id":103} -->
<figure class="wp-block-audio"><audio controls src="https://old.example.org/wp-content/uploads/2019/05/interview.mp3"></audio><figcaption>The interview</figcaption></figure>
<!-- /wp:audio -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc123","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc123
</div></figure>
<!-- /wp:embed -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Town</th><th>Level</th></tr></thead><tbody><tr><td>Millgate</td><td>4.2 m</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:code -->
<pre class="wp-block-code"><code>level = 4.2</code></pre>
<!-- /wp:code -->

<!-- wp:separator -->
<hr class="wp-block-separator"/>
<!-- /wp:separator -->

<!-- wp:acme/poll {"id":7} -->
<div class="acme-poll">Which road? <script>alert(1)</script></div>
<!-- /wp:acme/poll -->
"""

CLASSIC_BODY = """The council met on Tuesday.

It agreed <em>three</em> things.
One of them was late.

[caption id="attachment_102" align="alignnone" width="300"]<a href="https://old.example.org/wp-content/uploads/2019/05/bridge.jpg"><img class="size-medium wp-image-102" src="https://old.example.org/wp-content/uploads/2019/05/bridge-300x200.jpg" alt="" width="300" height="200" /></a> The old bridge[/caption]

[gallery ids="101,102"]

[audio mp3="https://old.example.org/wp-content/uploads/2019/05/interview.mp3"][/audio]

[video src="https://www.youtube.com/watch?v=xyz789"]

[embed]https://vimeo.com/12345[/embed]

https://www.youtube.com/watch?v=line42

[contact-form-7 id="5" title="Tips"]

<blockquote>A quote from the minutes.</blockquote>

<img src="https://elsewhere.example.com/missing.jpg" alt="gone" />

Prices went up [sic] again.
"""


def attachments():
    return [
        b.item(101, "River in flood", post_type="attachment", status="inherit", slug="river", excerpt="The river at the bridge",
               attachment_url=f"{SITE}/wp-content/uploads/2019/05/river.jpg", parent=7,
               meta={"_wp_attached_file": "2019/05/river.jpg", "_wp_attachment_image_alt": "Brown water under the bridge",
                     "_wp_attachment_metadata": 'a:1:{s:10:"image_meta";a:1:{s:6:"credit";s:9:"Ana Ortiz";}}'}),
        b.item(102, "Old bridge", post_type="attachment", status="inherit", slug="bridge",
               attachment_url=f"{SITE}/wp-content/uploads/2019/05/bridge.jpg", parent=7,
               meta={"_wp_attached_file": "2019/05/bridge.jpg"}),
        b.item(103, "Interview", post_type="attachment", status="inherit", slug="interview",
               attachment_url=f"{SITE}/wp-content/uploads/2019/05/interview.mp3",
               meta={"_wp_attached_file": "2019/05/interview.mp3"}),
        b.item(104, "Lost photo", post_type="attachment", status="inherit", slug="lost",
               attachment_url=f"{SITE}/wp-content/uploads/2019/05/lost.jpg",
               meta={"_wp_attached_file": "2019/05/lost.jpg"}),
    ]  # fmt: skip


def sample_export(*, version: str = "1.2", https: bool = False, extra: tuple = ()) -> str:
    return b.wxr(
        b.author("ana", "Ana Ortiz", author_id=1),
        b.author("ben", "Ben Okafor", author_id=2),
        b.category("news", "News", term_id=1),
        b.category("floods", "Floods", term_id=2, parent="news"),
        b.tag("river-levels", "River levels", term_id=3),
        *attachments(),
        b.item(
            7,
            "The river rises",
            BLOCK_BODY,
            creator="ana",
            slug="the-river-rises",
            excerpt="<p>Water <b>everywhere</b>.</p>",
            categories=[
                ("category", "floods", "Floods"),
                ("post_tag", "river-levels", "River levels"),
                ("author", "cap-ana", "ana"),
                ("author", "cap-ben", "ben"),
            ],
            meta={"_thumbnail_id": "101"},
        ),
        b.item(
            8,
            "Council meets",
            CLASSIC_BODY,
            creator="ben",
            slug="council-meets",
            date="2019-06-01 08:00:00",
            categories=[("category", "news", "News")],
        ),
        b.item(
            9, "Next week's vote", "<p>Soon.</p>", creator="ana", status="future", date="2999-01-01 09:00:00"
        ),
        b.item(10, "Half-written", "Draft text", creator="ana", status="draft", date="0000-00-00 00:00:00"),
        b.item(11, "For review", "Pending text", creator="ana", status="pending"),
        b.item(12, "Staff only", "Private text", creator="ana", status="private"),
        b.item(13, "Deleted story", "Gone", creator="ana", status="trash"),
        b.item(14, "About us", "<p>We report on the valley.</p>", post_type="page", slug="about"),
        b.item(15, "Main menu", "", post_type="nav_menu_item"),
        b.item(16, "Revision", "old text", post_type="revision", status="inherit"),
        b.item(17, "Custom CSS", "body{}", post_type="custom_css"),
        *extra,
        version=version,
        https=https,
        site=SITE,
    )
