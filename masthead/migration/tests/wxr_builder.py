"""WordPress exports of our own making, for the tests and the benchmark (no real site's data).

Each function returns a piece of WXR text; `wxr()` wraps pieces in a channel of the chosen WXR
version and namespace spelling (WordPress has used http and https namespaces over the years)."""

from html import escape


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wxr(
    *pieces: str,
    version: str = "1.2",
    https: bool = False,
    site: str = "https://old.example.org",
    title: str = "The Old Gazette",
) -> str:
    scheme = "https" if https else "http"
    wp = f"{scheme}://wordpress.org/export/{version}/"
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.5" created="2024-05-01 10:00" -->
<rss version="2.0"
  xmlns:excerpt="{scheme}://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="{wp}">
<channel>
  <title>{escape(title)}</title>
  <link>{site}</link>
  <description>News of the valley</description>
  <language>en-GB</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{site}</wp:base_site_url>
  <wp:base_blog_url>{site}</wp:base_blog_url>
{"".join(pieces)}
</channel>
</rss>
"""


def author(
    login: str, display_name: str, *, author_id: int = 1, email: str = "", first: str = "", last: str = ""
):
    return f"""
  <wp:author><wp:author_id>{author_id}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>
    <wp:author_email>{cdata(email or login + "@old.example.org")}</wp:author_email>
    <wp:author_display_name>{cdata(display_name)}</wp:author_display_name>
    <wp:author_first_name>{cdata(first)}</wp:author_first_name><wp:author_last_name>{cdata(last)}</wp:author_last_name>
  </wp:author>"""


def category(nicename: str, name: str, *, term_id: int = 1, parent: str = "", description: str = ""):
    return f"""
  <wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{cdata(nicename)}</wp:category_nicename>
    <wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name>
    <wp:category_description>{cdata(description)}</wp:category_description></wp:category>"""


def tag(slug: str, name: str, *, term_id: int = 1):
    return f"""
  <wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>
    <wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"""


def term(taxonomy: str, slug: str, name: str, *, term_id: int = 1):
    return f"""
  <wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>{cdata(taxonomy)}</wp:term_taxonomy>
    <wp:term_slug>{cdata(slug)}</wp:term_slug><wp:term_name>{cdata(name)}</wp:term_name></wp:term>"""


def item(
    post_id: int,
    title: str,
    content: str = "",
    *,
    post_type: str = "post",
    status: str = "publish",
    slug: str = "",
    creator: str = "",
    date: str = "2019-05-14 09:30:00",
    excerpt: str = "",
    categories: tuple = (),
    meta: dict | None = None,
    comments: tuple = (),
    site: str = "https://old.example.org",
    link: str = "",
    attachment_url: str = "",
    parent: int = 0,
) -> str:
    slug = slug or f"post-{post_id}"
    link = link or f"{site}/{date[:4]}/{date[5:7]}/{slug}/"
    cats = "".join(
        f'<category domain="{domain}" nicename="{escape(nice)}">{cdata(name)}</category>'
        for domain, nice, name in categories
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key><wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    attachment = f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>" if attachment_url else ""
    return f"""
  <item>
    <title>{escape(title)}</title><link>{escape(link)}</link>
    <pubDate>Tue, 14 May 2019 09:30:00 +0000</pubDate><dc:creator>{cdata(creator)}</dc:creator>
    <guid isPermaLink="false">{site}/?p={post_id}</guid><description></description>
    <content:encoded>{cdata(content)}</content:encoded><excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id><wp:post_date>{cdata(date)}</wp:post_date>
    <wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
    <wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{status}</wp:status>
    <wp:post_parent>{parent}</wp:post_parent><wp:menu_order>0</wp:menu_order>
    <wp:post_type>{post_type}</wp:post_type><wp:post_password></wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>{attachment}{cats}{metas}{"".join(comments)}
  </item>"""


def comment(
    comment_id: int,
    content: str,
    *,
    parent: int = 0,
    author: str = "Reader",
    email: str = "reader@example.net",
    url: str = "",
    ip: str = "192.0.2.10",
    date: str = "2019-05-15 10:00:00",
    approved: str = "1",
    comment_type: str = "comment",
    meta: dict | None = None,
) -> str:
    metas = "".join(
        f"<wp:commentmeta><wp:meta_key>{cdata(k)}</wp:meta_key><wp:meta_value>{cdata(v)}</wp:meta_value></wp:commentmeta>"
        for k, v in (meta or {}).items()
    )
    return f"""
    <wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata(author)}</wp:comment_author>
      <wp:comment_author_email>{cdata(email)}</wp:comment_author_email>
      <wp:comment_author_url>{cdata(url)}</wp:comment_author_url>
      <wp:comment_author_IP>{cdata(ip)}</wp:comment_author_IP><wp:comment_date>{cdata(date)}</wp:comment_date>
      <wp:comment_date_gmt>{cdata(date)}</wp:comment_date_gmt><wp:comment_content>{cdata(content)}</wp:comment_content>
      <wp:comment_approved>{cdata(approved)}</wp:comment_approved><wp:comment_type>{cdata(comment_type)}</wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>{metas}
    </wp:comment>"""
