"""Website chrome detection for saved web pages: what is not the document's content.

Dropped: scripts and styles, navigation, cookie/consent banners, headers and footers, search
boxes, share buttons, sidebars, hidden and screen-reader-only text. Elements are recognised by
tag, by ARIA role or label, and by words in their id/class ("cookie-banner", "siteNav").

Because class names are only conventions, a guard keeps anything that holds the page's content:
an element containing <main>, an <article>, an <h1>, or most of the page's text is never
dropped by a class/role/tag guess (a wrapper like `<div class="has-sidebar">` or an ASP.NET
`<form>` around the whole page is common).
"""

from __future__ import annotations

import re

import lxml.html

# Never content, whatever they contain.
_ALWAYS_DROP = frozenset(
    "script style noscript template svg iframe object embed canvas button select textarea input nav "
    "link meta".split()
)
# Usually chrome, but sometimes wrap content (article headers with the h1, whole-page forms).
_GUARDED_TAGS = frozenset("header footer aside form dialog".split())

_MARKER_WORDS = frozenset(
    """cookie cookies cookiebot cookielaw onetrust consent gdpr banner menu menubar megamenu nav navbar
    navigation sidenav subnav topnav mainnav breadcrumb breadcrumbs skip skiplink skiplinks share sharing
    sharethis addthis social socialmedia search searchbox searchform footer header masthead sidebar
    toolbar pagination pager newsletter popup modal feedback backtotop totop translate""".split()
)
# Markers whose elements sometimes hold a section heading (accordion headers, hero banners).
_HEADING_TOLERANT = frozenset("header banner".split())
_ROLES = frozenset("navigation banner contentinfo search complementary menu menubar dialog alertdialog toolbar".split())
_ARIA_WORDS = ("cookie", "breadcrumb", "navigation", "menu", "share", "search", "social", "footer", "skip")
_SCREEN_READER_ONLY = ({"visually", "hidden"}, {"sr", "only"}, {"screen", "reader"}, {"visuallyhidden"})
_HIDDEN_TEXT_LIMIT = 200  # hidden and longer than this: probably a collapsed panel, not an icon label
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_TOKEN = re.compile(r"[a-z0-9]+")


def drop_noise(root: lxml.html.HtmlElement) -> None:
    """Remove chrome elements from the tree in place."""
    total = len(root.text_content())
    stack = [root]
    while stack:
        element = stack.pop()
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            if _is_noise(child, total):
                _remove(child)
            else:
                stack.append(child)


def content_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """<main> (or role=main, or the dominant <article>) when it holds the content, else <body>."""
    body = root.find("body")
    body = body if body is not None else root
    total = len(body.text_content().split())
    for candidates in (root.xpath("//main | //*[@role='main']"), root.xpath("//article")):
        if not candidates:
            continue
        best = max(candidates, key=lambda el: len(el.text_content().split()))
        words = len(best.text_content().split())
        if words and words >= 0.3 * total:
            return best
    return body


def _is_noise(element: lxml.html.HtmlElement, total_chars: int) -> bool:
    tag = element.tag
    if tag in _ALWAYS_DROP:
        return True
    reason = _chrome_reason(element)
    if reason is None and tag not in _GUARDED_TAGS:
        return False
    if reason == "hidden" and len(element.text_content()) > _HIDDEN_TEXT_LIMIT:
        return False  # collapsed accordion panels are hidden too, and they are content
    return not _holds_content(element, total_chars, tolerant=reason == "tolerant" or tag == "header")


def _chrome_reason(element: lxml.html.HtmlElement) -> str | None:
    """Why this element looks like chrome: "hidden", "role", "aria", "marker", "tolerant" (a
    header/banner class word, which may hold a section heading), or None."""
    attrs = element.attrib
    if "hidden" in attrs or attrs.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(attrs.get("style", "")):
        return "hidden"
    if attrs.get("role", "").strip().lower() in _ROLES:
        return "role"
    label = attrs.get("aria-label", "").lower()
    if label and any(word in label for word in _ARIA_WORDS):
        return "aria"
    tokens = _tokens(attrs.get("id", "") + " " + attrs.get("class", ""))
    if not tokens:
        return None
    if any(marks <= tokens for marks in _SCREEN_READER_ONLY):
        return "hidden"
    found = tokens & _MARKER_WORDS
    if not found:
        return None
    return "tolerant" if found <= _HEADING_TOLERANT else "marker"


def _tokens(value: str) -> set[str]:
    """Words of an id/class value: "cookieBanner site-nav" -> {"cookie", "banner", "site", "nav"}."""
    if not value.strip():
        return set()
    return set(_TOKEN.findall(_CAMEL.sub(r"\1 \2", value).lower()))


def _holds_content(element: lxml.html.HtmlElement, total_chars: int, *, tolerant: bool) -> bool:
    """Whether dropping this element would lose the page's content (the guard described above)."""
    if next(element.iter("main", "article", "h1"), None) is not None:
        return True
    if element.xpath(".//*[@role='main']"):
        return True
    if tolerant and next(element.iter("h2", "h3", "h4", "h5", "h6"), None) is not None:
        return True
    return total_chars > 500 and len(element.text_content()) > 0.5 * total_chars


def _remove(element: lxml.html.HtmlElement) -> None:
    """Remove an element but keep its tail text (the text that follows it belongs to the parent)."""
    element.drop_tree()
