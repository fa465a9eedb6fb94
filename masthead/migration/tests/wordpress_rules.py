"""What WordPress's importer (the wordpress-importer plugin) demands of a WXR file, re-stated in
Python for the tests. Not a copy of its code: each rule below says which part of the plugin it
comes from (src/parsers/class-wxr-parser-simplexml.php, class-wxr-parser-regex.php and
class-wp-import.php, read at github.com/WordPress/wordpress-importer).

WordPress parses with SimpleXML when PHP has it, else with xml_parser, else with regular
expressions over the file line by line; a file must read the same way through the first and the
last, so both are here. Each returns {"version", "base_url", "authors", "categories", "tags",
"posts"} as the plugin's parsers do, with the fields the importer goes on to use."""

import re
from html import unescape

from lxml import etree

MAX_WXR_VERSION = "1.2"  # class-wp-import.php: $max_wxr_version
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
POST_FIELDS = (
    "post_id",
    "post_date",
    "post_date_gmt",
    "comment_status",
    "ping_status",
    "post_name",
    "status",
    "post_parent",
    "menu_order",
    "post_type",
    "post_password",
    "is_sticky",
)
COMMENT_FIELDS = (
    "comment_id",
    "comment_author",
    "comment_author_email",
    "comment_author_IP",
    "comment_author_url",
    "comment_date",
    "comment_date_gmt",
    "comment_content",
    "comment_approved",
    "comment_type",
    "comment_parent",
    "comment_user_id",
)


class Refused(Exception):
    """What the importer would say instead of importing."""


def _version_check(version: str) -> str:
    version = version.strip()
    if not re.fullmatch(r"\d+\.\d+", version):
        raise Refused("This does not appear to be a WXR file, missing/invalid WXR version number")
    if tuple(map(int, version.split("."))) > tuple(map(int, MAX_WXR_VERSION.split("."))):
        raise Refused(
            f"This WXR file (version {version}) may not be supported by this version of the importer"
        )
    return version


def simplexml_parse(data: bytes) -> dict:
    """WXR_Parser_SimpleXML: the whole document, namespaces as the document declares them."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise Refused(f"There was an error when reading this WXR file ({error})") from error
    if root.getroottree().docinfo.doctype:
        raise Refused("There was an error when reading this WXR file (a DOCTYPE)")
    ns = dict(root.nsmap)
    ns.pop(None, None)
    ns.setdefault("wp", "http://wordpress.org/export/1.1/")
    ns.setdefault("excerpt", "http://wordpress.org/export/1.1/excerpt/")
    found = root.xpath("/rss/channel/wp:wxr_version", namespaces=ns)
    if not found:
        raise Refused("This does not appear to be a WXR file, missing/invalid WXR version number")
    version = _version_check(found[0].text or "")
    wp = f"{{{ns['wp']}}}"

    def text(element, name: str, namespace: str = wp) -> str:
        child = element.find(f"{namespace}{name}")
        return (child.text or "") if child is not None else ""

    def meta(element, tag: str) -> dict:
        return {text(m, "meta_key"): text(m, "meta_value") for m in element.findall(f"{wp}{tag}")}

    result = {
        "version": version,
        "base_url": (root.xpath("string(/rss/channel/wp:base_site_url)", namespaces=ns) or "").strip(),
        "authors": {},
        "categories": [],
        "tags": [],
        "posts": [],
    }
    for author in root.xpath("/rss/channel/wp:author", namespaces=ns):
        login = text(author, "author_login")
        result["authors"][login] = {"login": login, "display_name": text(author, "author_display_name")}
    for category in root.xpath("/rss/channel/wp:category", namespaces=ns):
        result["categories"].append(
            {"slug": text(category, "category_nicename"), "name": text(category, "cat_name")}
        )
    for tag in root.xpath("/rss/channel/wp:tag", namespaces=ns):
        result["tags"].append({"slug": text(tag, "tag_slug"), "name": text(tag, "tag_name")})
    for item in root.xpath("/rss/channel/item"):
        post = {field: text(item, field) for field in POST_FIELDS}
        post.update(
            title=text(item, "title", ""),
            guid=text(item, "guid", ""),
            author=text(item, "creator", f"{{{DC}}}"),
            content=text(item, "encoded", f"{{{CONTENT}}}"),
            excerpt=text(item, "encoded", f"{{{ns['excerpt']}}}"),
            attachment_url=text(item, "attachment_url"),
            terms=[
                {"domain": c.get("domain", ""), "slug": c.get("nicename"), "name": c.text or ""}
                for c in item.findall("category")
                if c.get("nicename") is not None  # terms without a nicename are skipped
            ],
            postmeta=meta(item, "postmeta"),
            comments=[
                {field: text(c, field) for field in COMMENT_FIELDS} | {"meta": meta(c, "commentmeta")}
                for c in item.findall(f"{wp}comment")
            ],
        )
        result["posts"].append(post)
    return result


def _lines(data: bytes):
    """fgets($fp, 8192) then rtrim(): at most 8,191 bytes a read, trailing whitespace gone."""
    for line in data.splitlines(keepends=True):
        for start in range(0, max(len(line), 1), 8191):
            yield line[start : start + 8191].decode("utf-8", "replace").rstrip()


def _tag(text: str, tag: str) -> str:
    """WXR_Parser_Regex::get_tag: the first <tag…>…</tag>; CDATA sections joined, else raw."""
    match = re.search(rf"<{re.escape(tag)}.*?>(.*?)</{re.escape(tag)}>", text, re.S | re.I)
    if not match:
        return ""
    value = match.group(1)
    if value.startswith("<![CDATA["):
        if "]]]]><![CDATA[>" in value:
            return "".join(re.findall(r"<!\[CDATA\[(.*?)\]\]>", value, re.S))
        return re.sub(r"^<!\[CDATA\[(.*)\]\]>$", r"\1", value, flags=re.S)
    return value


def _meta(text: str, tag: str) -> dict:
    return {
        _tag(m, "wp:meta_key"): _tag(m, "wp:meta_value")
        for m in re.findall(rf"<{tag}>(.+?)</{tag}>", text, re.S | re.I)
    }


def regex_parse(data: bytes) -> dict:
    """WXR_Parser_Regex: line by line; <wp:author> only when it opens and closes on one line."""
    result = {"version": "", "base_url": "", "authors": {}, "categories": [], "tags": [], "posts": []}
    multiline = {"item": "posts", "wp:category": "categories", "wp:tag": "tags"}
    in_tag, content = "", ""
    for line in _lines(data):
        if not result["version"]:
            found = re.search(r"<wp:wxr_version>(\d+\.\d+)</wp:wxr_version>", line)
            result["version"] = found.group(1) if found else ""
        if "<wp:base_site_url>" in line:
            result["base_url"] = re.search(r"<wp:base_site_url>(.*?)</wp:base_site_url>", line).group(1)
            continue
        if "<wp:author>" in line:
            found = re.search(r"<wp:author>(.*?)</wp:author>", line, re.S)
            if found:  # on two lines it is simply not read: the author is lost
                login = _tag(found.group(1), "wp:author_login")
                name = _tag(found.group(1), "wp:author_display_name")
                result["authors"][login] = {"login": login, "display_name": name}
            continue
        for tag, key in multiline.items():
            opening, closing = line.find(f"<{tag}>"), line.find(f"</{tag}>")
            whole = re.search(rf"<{tag}>(.*?)</{tag}>", line, re.S)
            if whole:
                result[key].append(_record(tag, whole.group(1)))
            elif opening != -1:
                content, in_tag, line = line[opening + len(tag) + 2 :].strip(), tag, ""
            elif closing != -1:
                in_tag = ""
                content += line[:closing].strip()
                result[key].append(_record(tag, content))
        if in_tag and line:
            content += line + "\n"
    if not result["version"]:
        raise Refused("This does not appear to be a WXR file, missing/invalid WXR version number")
    _version_check(result["version"])
    return result


def _record(tag: str, text: str) -> dict:
    if tag == "wp:category":
        return {"slug": _tag(text, "wp:category_nicename"), "name": _tag(text, "wp:cat_name")}
    if tag == "wp:tag":
        return {"slug": _tag(text, "wp:tag_slug"), "name": _tag(text, "wp:tag_name")}
    post = {field: _tag(text, f"wp:{field}") for field in POST_FIELDS}
    post.update(
        title=_tag(text, "title"),
        guid=_tag(text, "guid"),
        author=_tag(text, "dc:creator"),
        content=_tag(text, "content:encoded"),
        excerpt=_tag(text, "excerpt:encoded"),
        attachment_url=_tag(text, "wp:attachment_url"),
        terms=[
            {"domain": domain, "slug": slug, "name": name.replace("<![CDATA[", "").replace("]]>", "")}
            for domain, slug, name in re.findall(
                r'<category domain="([^"]+?)" nicename="([^"]+?)">(.+?)</category>', text, re.S | re.I
            )
        ],
        postmeta=_meta(text, "wp:postmeta"),
        comments=[
            {field: _tag(c, f"wp:{field}") for field in COMMENT_FIELDS} | {"meta": _meta(c, "wp:commentmeta")}
            for c in re.findall(r"<wp:comment>(.+?)</wp:comment>", text, re.S | re.I)
        ],
    )
    return post


def comparable(parsed: dict) -> dict:
    """What the importer goes on to use, with the two known differences between the parsers
    undone: the regex parser leaves entities outside CDATA (in attributes) as they are, and it
    drops blank lines inside an item (a code block's blank line, say)."""
    posts = [
        post
        | {
            "content": re.sub(r"\n\s*\n", "\n", post["content"]),
            "terms": [t | {"slug": unescape(t["slug"])} for t in post["terms"]],
        }
        for post in parsed["posts"]
    ]
    return parsed | {"posts": posts}
