"""Rules that tell a news page's non-prose lines from its prose, one line at a time.

Each rule is about news pages in general (menus, counters, credits, markup dumps, citations),
never about one site. :func:`classify_line` returns the reason a line is set aside, or None.
"""

from __future__ import annotations

import json
import re

MENU = "menu"
CREDIT = "credit"
ALSO_READ = "also-read"
MARKUP = "markup"
EMAIL = "email"
REFERENCES = "reference-list"
DATE = "date"
METADATA = "metadata"
DUPLICATE = "duplicate"
NON_ENGLISH = "non-english"

_SHORT = 8  # words: menus, counters and e-mail lines are short

_UI_LINES = frozenset(
    """
    view settings|font size|text size|site colours|site colors|share|share this|share article
    |share this article|share on facebook|share on twitter|share via|print|print version
    |print this page|print article|advertisement|advertising|sponsored|sponsored content|ad
    |subscribe|subscribe to our newsletter|newsletter|follow us|comments|comment|leave a comment
    |add comment|log in|login|sign in|sign up|register|menu|main menu|search|home|homepage
    |back to top|to top|read more|more|related|related news|related articles|related posts
    |most read|most popular|popular|latest news|latest|tags|close|next|previous|prev
    |next article|previous article|loading|loading...|skip to content|skip to main content
    |toggle navigation|cookie settings|accept cookies|all news|news feed|rss|contacts|contact us
    |about us|privacy policy|terms of use|sitemap|version for the visually impaired
    |listen|listen to this article|photo gallery|copy link|copy the link|whatsapp|telegram
    |facebook|twitter|instagram|youtube|linkedin|vkontakte|odnoklassniki|x (twitter)
    |trending|top stories|editor's picks|topics|categories|all rights reserved|go to top
    |open in app|download app|bookmark|add to bookmarks|print page
    """.replace("\n", "")
    .replace("    ", "")
    .split("|")
)
_UI_PREFIX = re.compile(
    r"^(?:tags|topics|categories|category|filed under|share(?: this)?(?: on)?|follow us"
    r"|subscribe(?: to)?|views?|comments?|likes?|reading time|read time)\s*[:(]",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:follow|find|join|watch|read|like|subscribe to)\s+(?:us\s+)?)?on\s+"
    r"(?:youtube|facebook|twitter|x|telegram|instagram|vk|vkontakte|linkedin|tiktok|whatsapp)\b",
    re.IGNORECASE,
)
_OFFICIAL_SITE = re.compile(r"^(?:the\s+)?official\s+(?:web\s?site|portal|page)\s+of\b", re.I)
_COUNTER = re.compile(
    r"^(?:[\d\s.,:|/+×x-]*\d[\d\s.,:|/+×x-]*"
    r"|\d[\d,.\s]*[kKmM]?\s+(?:views?|comments?|likes?|shares?|reads?|reposts?)\b.*"
    r"|(?:views?|comments?|likes?|shares?)\s*[:(]?\s*\d[\d,.\s]*\)?)$",
    re.IGNORECASE,
)
_FOOTER = re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_BREADCRUMB_SEP = re.compile(r"\s+(?:/|>|»|›|→)\s*|\s*(?:/|>|»|›|→)$")
_CREDIT = re.compile(
    r"^(?:source|sources|photo|photos|photo credit|photograph|image|images|picture|credit"
    r"|credits|illustration|cover photo|main photo|pictured|фото|источник)\s*[:：]\s*\S",
    re.IGNORECASE,
)
_CREDIT_BY = re.compile(
    r"^\(?(?:(?:photos?|photograph|image|picture)\s+(?:by|courtesy of)"
    r"|(?:additional\s+)?(?:reporting|writing|editing)\s+by)\s+\S",
    re.IGNORECASE,
)
_ALSO_READ = re.compile(
    r"^(?:also read|read also|read more|see also|related|related article|related story"
    r"|related news|recommended|you may also like|more on this|more on the topic|more news"
    r"|don't miss|must read|also see)\s*(?:[:»>|–—-]|\.\.\.)",
    re.IGNORECASE,
)
_ALSO_READ_BARE = re.compile(r"^(?:also read|read also)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BARE_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_DUMP_LINE = re.compile(
    r"^(?:Array|stdClass Object|[()\[\]{}];?,?|\[[^\]\n]{1,60}\]\s*=>.*|object\(\w+\)#\d+.*"
    r"|array\(\d+\)\s*\{|\}?\s*\[\"?[\w-]+\"?\]=>.*"
    r"|Traceback \(most recent call last\):|File \".+\", line \d+.*"
    r"|(?:PHP )?(?:Warning|Notice|Fatal error|Parse error|Deprecated):.+ on line \d+"
    r"|(?:var|let|const|function)\s+[\w$]+\s*[=(].*|(?:window|document)\.\w+.*|\$\(.+\).*"
    r'|"[\w-]+"\s*:\s*(?:"[^"]*"|-?\d[\d.]*|true|false|null|\{|\[)\s*,?)$'
)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_SEPARATOR = re.compile(r"^[\s*_=~#•·-]{3,}$")
_CITATION = re.compile(
    r"^(?:[-•*]\s*)?\[\d{1,3}\][.)]?\s+\S"
    r"|^\d{1,3}[.)]\s+[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*){1,3}(?:\(\d{4}|\d{4}\.|,|&)"
)
_REFERENCE_HEADING = re.compile(
    r"^(?:references|reference list|list of references|bibliography|works cited"
    r"|notes and references|список литературы|список использованной литературы"
    r"|foydalanilgan adabiyotlar)\s*:?$",
    re.IGNORECASE,
)
_SOFT_REFERENCE_HEADING = re.compile(
    r"^(?:literature|list of literature|used literature|sources|sources and literature"
    r"|литература|adabiyotlar)\s*:?$",
    re.IGNORECASE,
)
_LOOKS_CITED = re.compile(r"\b(?:1[89]|20)\d\d\b|https?://|^\s*(?:[-•*]\s*)?\[?\d{1,3}[\].)]")


def classify_line(line: str) -> str | None:
    """The reason a stripped, non-empty line is not article prose, or None to keep it."""
    words = line.count(" ") + 1
    first = line[0]
    if first in '<[{("$}])ADSFTPNOWadfjlosvw' and _is_markup(line):
        return MARKUP
    if "<" in line and _mostly_tags(line):
        return MARKUP
    if words <= _SHORT:
        reason = _short_line_reason(line)
        if reason:
            return reason
    if first in "-•*[0123456789" and _CITATION.match(line):
        return REFERENCES
    if first in "ARSMYDLarsmydl" and (
        _ALSO_READ.match(line) or (words <= 20 and _ALSO_READ_BARE.match(line))
    ):
        return ALSO_READ
    if words <= 15 and (_CREDIT.match(line) or _CREDIT_BY.match(line)):
        return CREDIT
    return None


def _short_line_reason(line: str) -> str | None:
    key = " ".join(line.lower().split()).rstrip(":").strip()
    if key in _UI_LINES or _UI_PREFIX.match(line) or _SOCIAL.match(line):
        return MENU
    if _OFFICIAL_SITE.match(line) or _FOOTER.search(line):
        return MENU
    if _COUNTER.match(line) or _is_breadcrumb(line):
        return MENU
    if _SEPARATOR.match(line) or _BARE_URL.match(line):
        return MARKUP
    if "@" in line and _EMAIL.search(line):
        return EMAIL
    return None


def _is_breadcrumb(line: str) -> bool:
    """'News /', 'Home > World > Asia': short segments joined by path separators."""
    parts = [p for p in _BREADCRUMB_SEP.split(line)]
    separators = len(parts) - 1
    if separators == 0 or any(c in line for c in ".!?"):
        return False
    trailing = bool(re.search(r"(?:/|>|»|›|→)\s*$", line))
    home = line.lower().startswith(("home", "main"))
    if not (trailing or home or separators >= 2):
        return False
    return all(len(p.split()) <= 4 for p in parts)


def _is_markup(line: str) -> bool:
    if _DUMP_LINE.match(line):
        return True
    if line[0] in "[{" and line[-1] in "]}":
        try:
            return isinstance(json.loads(line), (dict, list))
        except ValueError:
            return False
    return False


def _mostly_tags(line: str) -> bool:
    tags = _TAG.findall(line)
    if not tags:
        return False
    return sum(map(len, tags)) * 2 >= len(line.replace(" ", ""))


def is_reference_heading(line: str, following: list[str]) -> bool:
    """A 'References' heading; softer words ('Literature') count only before citation-like lines."""
    if len(line) > 60:
        return False
    if _REFERENCE_HEADING.match(line):
        return True
    if _SOFT_REFERENCE_HEADING.match(line):
        return any(_LOOKS_CITED.search(nxt) for nxt in following[:3])
    return False


def is_json_blob(text: str) -> bool:
    """A paragraph that is a JSON object or array."""
    if text[:1] not in "[{" or text[-1:] not in "]}":
        return False
    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False
