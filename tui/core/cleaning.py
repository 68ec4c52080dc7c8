"""Finding page furniture (banners, buttons, captions, taglines) as boilerplate spans.

Furniture is never deleted: it stays in the article's text as a `Boilerplate` span with a reason,
so offsets stay true and the reader can show it greyed out.

Text copied from a news page mixes the article with the page around it. The rules below look at
one line at a time (a logical line, as the segmenter sees it: a hard-wrapped paragraph is one
line), with three pieces of context:

- the *body*: lines of at least `_BODY_MIN_WORDS` words that end like prose. Lines before the
  first body line are the *header* (site name, tagline, headline, section tags), lines after the
  last one the *footer* (tags, related links);
- the *headline*: the longest header line that no other rule claims;
- the *neighbours*: a caption next to a caption is more likely a caption.

Each rule is about the form of furniture (a lone "Share", a "Name / Agency" credit, a line of
cookie words, a short title-case line above the headline, a call to action addressed to the
reader, a subscription plan, a run of title-case headlines below the story, a teaser cut off
with an ellipsis that the story repeats), never about one site's strings. When a
rule is unsure it keeps the line: a lost sentence of the story is worse than a kept caption.
Headlines, bullet summaries, subheads and quotations are content.

Two cases are decided the same way everywhere. A credit after the last sentence of a paragraph
("... reported dead. (Via Getty Images)", "... on Tuesday. (AP)") is a span of its own and the
sentence stays whole. A dateline or byline glued to the first sentence ("CITY, July 22 (Agency)
-- The ...") stays part of that sentence: where it ends is a guess, and a wrong guess would cut
words of the story; on a line of its own it is furniture.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tui.core.models import Boilerplate
from tui.core.segmenting import logical_lines


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, so long word lists stay readable."""
    return frozenset(words.split())


_DIGIT = re.compile(r"\d")
_CUT_OFF = re.compile(r"[^\W_]…$")
# A teaser cut off mid-word is short; a longer line ending so is a paragraph cut by the copy.
_TEASER_MAX_WORDS = 24
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_PROSE_END = frozenset('.!?"”’)…')
_SENTENCE_END = frozenset('.!?"”’…')
# A body line has at least this many words and ends like prose. Eight keeps one-clause headlines
# ("Russia cannot sustain attack ... : NATO", 11 words but no full stop) out via the ending, and
# lets short closing paragraphs count as body.
_BODY_MIN_WORDS = 8

# Words of interface controls. A line made only of these (and the glue words below) is a button
# row ("Share", "Copy link", "Follow us on X", "Listen to this article").
_BUTTON_WORDS = _word_set(
    """share shares sharing close print email e-mail mail tweet save saved bookmark comment
    comments subscribe subscribed follow following unfollow menu search login logout
    register signup sign log listen play pause replay watch advertisement advertising advert
    sponsored ad ads accept reject manage settings preferences cookies expand collapse show
    hide more less back top skip facebook twitter x whatsapp linkedin telegram reddit
    pinterest flipboard messenger instagram youtube tiktok threads bluesky copy link copied
    gift download open toggle navigation home next previous prev reply replies like likes
    feedback report continue continues reading loading reuse click scroll donate subscribers
    membership accessibility clipboard font"""
)
_BUTTON_GLUE = _word_set(
    """this the article story page on us to our via in up for with all full now free here a an
    of and or your main content audio video min mins minute minutes read below above after
    social media see videos become member here it links adjust size text"""
)
# "Click here to share on social media" has seven words; a row of buttons rarely has more.
_BUTTON_ROW_MAX_WORDS = 8
# Button words that could also be an ordinary one-word subhead never count alone.
_BUTTON_CORE = _BUTTON_WORDS - _word_set("more less next home top back like report")

# Cookie and consent banners: a line is a banner when it holds this many distinct banner words,
# one of them cookie or consent. Three: the sample's banner has eight, while news prose about
# privacy law rarely stacks three of these in one paragraph together with "cookie".
_BANNER_WORDS = _word_set(
    """cookie cookies consent privacy partners accept accepting settings preferences
    personalised personalized personalise personalize advertising ads tracking trackers opt
    browsing continuing device storage policy manage vendors"""
)
_BANNER_MIN_HITS = 3
_ADDRESS = _word_set("you your we our us")
# Banners are short (the sample's has 55 words, the longest GDPR notices about 120); a longer line
# is an article pasted without line breaks, which a banner must not swallow.
_BANNER_MAX_WORDS = 150

_RELATED_START = re.compile(
    r"(?:read (?:more|also|next)|more (?:on|from|about) this|related(?: (?:topics|articles"
    r"|stories|coverage|content|links|reading))?|see also|also read|recommended(?: for you)?"
    r"|most (?:read|popular|viewed)|top stories|you may (?:also )?like|you might also like"
    r"|don'?t miss|editor'?s picks|see (?:more|all)|explore more|list (?:\d+ )?of \d+(?: items?)?"
    r"|end of list)\b\s*[:|—–-]?"
    r"|(?:watch|video|listen|explainer|more)\s*[:|]",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"(?:related(?: \w+)?|more on this(?: story)?|more from \w+|see also|read more|top stories"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|you may (?:also )?like"
    r"|tags?|topics?|filed under|explore more on these topics"
    r"|more (?:in|from) this (?:section|category|series)"
    r"|(?:footnotes|sources|notes|references)(?: and (?:sources|notes|references))?)\s*:?",
    re.IGNORECASE,
)
_SECTION_TAG = re.compile(r"(?:tags?|topics?|filed under|categories|category)\s*:", re.IGNORECASE)

# Photo credits: "Photo: Name", "Image source, Getty Images", "(AP Photo/Name)",
# "REUTERS/Name", and a "Name / Agency" pair at the end of a caption.
_CREDIT_LINE = re.compile(
    r"\(?(?:(?:photo|photograph|picture|image|illustration|graphic|video|footage)"
    r"(?:\s+(?:source|credit|by))?|credits?|source:?\s+(?:getty|ap|afp|reuters))\s*[:,]\s*\S"
    r"|(?:photo|picture|image)\s+(?:source|credit)\s+(?-i:[A-Z])",  # "Image source Agency"
    re.IGNORECASE,
)
# Photo agencies whose name alone ends a caption ("... on 16 December 2015 Reuters").
_WIRE_AGENCIES = "Reuters|AFP|AP|EPA|Xinhua"
_CREDIT_TAIL = re.compile(
    r"(?:"
    r"\((?:[^()]*\b(?i:photo|photograph|image|picture|file)\b[^()]*)\)"  # (AP Photo/Name)
    r"|\[(?:[^\[\]]*\b(?i:photo|image|picture|file|via)\b[^\[\]]*)\]"  # [File: KCNA via Reuters]
    r"|\[[A-Z][\w.&’'-]*(?:\s[A-Z][\w.&’'-]*){0,4}\]"  # [Xinhua News Agency]
    r"|(?<=[.!?]\s)\([A-Z][\w.&-]*/[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3}\)"  # (Xinhua/Name)
    r"|(?<=[.!?]\s)(?i:photo|picture|image|photograph|video)s?(?:\s(?i:by|courtesy|credit))?"
    r"\s*[:：]?\s(?:the\s)?[A-Z][^.!?]{0,60}(?:\.\d[^.!?]*)?"  # ... yesterday. Photo: AFP
    # "... holds a news conference ... on 16 December 2015 Reuters": a wire photo's agency
    # after a caption that has no full stop (prose ends in one; "(Reuters)" is a dateline).
    # Not after a word that makes the agency part of the sentence ("... taken by Reuters").
    r"|(?<=[a-z0-9]\s)"
    + "".join(rf"(?<!\b{w}\s)" for w in ("by", "says", "said", "told", "to", "from", "via"))
    + "".join(rf"(?<!\b{w}\s)" for w in ("and", "of", "with", "for", "at", "on", "in"))
    + rf"(?:{_WIRE_AGENCIES})(?=\s*$)"
    r"|(?<=[.!?]\s)\([A-Z](?:\.|[\w’'-]*)(?:\s[A-Z](?:\.|[\w’'-]*)){1,4}\s/\s[A-Z][\w’'&.-]*"
    r"(?:\s[A-Z][\w’'&.-]*){0,3}\)"  # ... on Feb. 25. (Name Name / Associated Press)
    r"|(?P<named>\b[A-Z](?:\.|[\w’'-]*)(?:\s[A-Z](?:\.|[\w’'-]*)){1,4}\s/\s[A-Z][\w’'&.-]*"
    r"(?:\s[A-Z][\w’'&.-]*){0,3}"
    r"|\b[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3}"  # REUTERS/Name
    r"|\b[A-Z][\w’'-]*(?:\s[A-Z](?:\.|[\w’'-]*)){1,4}/(?:[A-Z]{2,}|Getty Images)"  # Name/AP
    r"|\b(?:[A-Z]{2,}\s+via\s+)?(?:Getty Images|Shutterstock|Alamy)(?: via [\w ]+)?)"
    r")\s*\.?$"
)
# Every credit form above holds a slash, a closing bracket, a stock agency's name or a label.
_CREDIT_HINT = re.compile(
    r"/|[)\]]\s*\.?$|Getty|Shutterstock|Alamy|[.!?]\s(?i:photo|picture|image|photograph|video)"
    rf"|\s(?:{_WIRE_AGENCIES})$"
)
_CAPTION_START = re.compile(
    r"(?:image|media|video|photo)\s+caption\s*[:,]|pictured\s*:|file(?:\s+photo)?\s*[:–—-]\s"
    # A stock-photo caption opens on its place and day in capitals: "WASHINGTON, DC -
    # DECEMBER 03: Federal Reserve Chairman ... testifies ...".
    r"|(?-i:[A-Z][A-Z.'’ -]*(?:,\s?[A-Z][A-Z.'’ -]*)?\s[-–—]\s[A-Z]{3,9}\s\d{1,2}(?:,\s\d{4})?:\s)",
    re.IGNORECASE,
)
_PICTURED = re.compile(
    r"\((?:pictured|pictured\s+\w+(?:\s\w+)?|left|right|centre|center|above|below|top|bottom"
    r"|inset|file(?: photo)?|(?-i:[LCR]))\)",  # "(L)", "(C)": who stands where
    re.IGNORECASE,
)
# Present-tense photo verbs: "Soldiers march in a parade ...", "X fires a howitzer at ...".
# News prose reports in the past tense, captions describe the picture in the present; only
# verbs of something a camera sees are listed, so "North Korea enters the war" stays content.
_PHOTO_VERBS = _word_set(
    """fire fires march marches walk walks stand stands sit sits pose poses gesture gestures
    attend attends arrive arrives wave waves greet greets clink clinks ride rides carry
    carries inspect inspects salute salutes gather gathers mourn mourns pray prays hug hugs
    embrace embraces kneel kneels patrol patrols smile smiles sing sings shake shakes hold
    holds look looks watch watches drive drives queue queues rest rests work works"""
)
# Words that make a line report rather than describe (tense, attribution, argument).
_NOT_CAPTION_WORDS = _word_set(
    """said says say told tells has have had was were will would could should been being is
    according because that which if but however we our i you every often usually always
    regularly daily continue continues"""
)
_ATTRIBUTION = _word_set("said says say told tells according")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PLACE_WORDS = _word_set("in at near during outside inside along amid on")
_CAPTION_MAX_WORDS = 45  # longest wire-photo caption seen in practice is about 40 words
# A photo's alt text above its caption: a name alone ("Janet Yellen").
_PHOTO_NAME_WORDS = 4
# A line longer than this is prose or a banner: the longest of the other rules' limits (a
# comments policy) is this long, so the rest are skipped to keep cleaning fast.
_LONG_LINE_WORDS = 80
# A caption that names itself ("Image caption, ...") or carries a credit may run longer (two
# sentences of wire caption); past this it is a paragraph that happens to end in a credit.
_CREDITED_CAPTION_MAX_WORDS = 70
# A lone lowercase word longer than this is not a stray button label ("close", "menu").
_STRAY_MAX_CHARS = 12

_CREDIT_PROSE = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\s"
    r"|^\(?(?:editors?|edited by|translated by|translator|written by|compiled by)\s*[:：]"
    r"|^[/|·]\s*sources?\s*:\s|^\((?:with )?thanks to\b[^()]*\)$"
    r"|^(?:some |additional )?(?:information|material|details|reporting) (?:for|in|of) this"
    r" (?:report|story|article)\b"
    r"|\bcontributed (?:reporting )?to this (?:report|story|article)"
    r"|^\(?(?:©|copyright\b|\(c\)\s*\d{4})|\ball rights reserved\b|^sources?(?:\(s\))?\s*:\s"
    r"|^this (?:article|story|page|content) (?:is (?:more than|over)|was (?:first )?published)",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"(?:sign up|subscribe|register|get our|join)\b.*\b(?:newsletter|alerts?|briefing|updates"
    r"|inbox)\b|\bnewsletter\b.*\b(?:sign up|subscribe)\b",
    re.IGNORECASE,
)
# "3 min read", or a date label standing alone above its date ("Published").
_READ_TIME = re.compile(
    r"\d+\s*(?:min|mins|minutes?)\s+(?:read|listen|watch)"
    r"|(?:published|updated|posted|last updated|first published)\s*:?",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"[Bb][Yy]:?\s+[A-Z][\w’'.-]*"
    r"(?:(?:\s*[,&|]\s*|\s+)(?:and|in|for|of|the|at|[A-Z][\w’'.-]*))*"
)
_BYLINE_ROLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|analyst|columnist|producer"
    r"|journalist|bureau|desk)s?\b",
    re.IGNORECASE,
)
# Dates, times and the words around them; a line with nothing else is a timestamp.
_DATE_WORDS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?"
    r"|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m|p\.m"
    r"|utc|gmt|[a-z]?[sd]t|[ecmp]t|cet|cest|eet|eest|msk|updated|published|posted|last|first"
    r"|at|on"
    r"|today|yesterday|st|nd|rd|th|ago|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|views?|reads?|comments?)\b",  # a counter beside a date ("2,634 views") is metadata too
    re.IGNORECASE,
)
_NAVIGATION_SEPARATORS = re.compile(r"\s(?:[|·»›/]|>>?)\s|\|")
# Separators that mark a breadcrumb even between two items ("Homepage > News").
_BREADCRUMB = re.compile(r"\s(?:[»›]|>>?)\s")
# A video's running time and source: "02:14 - Source: CNN".
_VIDEO_LENGTH = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}\s*[-–—|]\s*source\b", re.IGNORECASE)
_EMBED = re.compile(r"pic\.twitter\.com/|\(@\w{1,15}\)\s+\w+\s+\d{1,2},\s+\d{4}$")
_TRAILING_BUTTONS = re.compile(
    r"(?<=[.!?\"”’)…])(?:\s+(?:Share(?: this(?: article| story)?)?|Tweet|Print|E-?mail|Copy link"
    r"|Comments?|Save|Reply))+\s*$"
)
# A source after the last sentence behind a bar: "... after heavy rains. | via outlet".
_TRAILING_VIA = re.compile(
    r"(?<=[.!?\"”’…])\s+\|\s*(?i:via|source:?)\s+[\w.&-]+(?:\s[\w.&-]+){0,3}\s*$"
)
# A credit after the last sentence of a paragraph: "... reported dead. (Via Getty Images)",
# "... on Tuesday. (AP)". Inside a sentence ("the photo (via Getty Images) shows") it stays.
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”’…])\s+\((?:(?i:via|photos?|images?|pictures?|source|credit)\b[^()]{1,60}"
    r"|[A-Z]{2,6}|Reuters|Bloomberg|Xinhua|Kyodo|Yonhap|Interfax|Anadolu|dpa)\)\s*$"
)
# Editors' initials and agencies under a story: "ab/cd (Reuters, AFP)".
_INITIALS_CREDIT = re.compile(r"[a-z]{2,4}(?:/[a-z]{2,4})+(?:\s*\([^()]*\))?")
# A wire service's note on what changed in this version: "(Adds quotes from minister)".
_UPDATE_NOTE = re.compile(
    r"\((?:adds|updates?|recasts|corrects|changes|rewrites|refiles|repeats|fixes|removes"
    r"|inserts|clarifies)\b[^()]*\)",
    re.IGNORECASE,
)
# A reader-comment form or a comment thread's controls.
_COMMENT_FORM = re.compile(
    r"leave a (?:comment|reply)|post a comment|your email address will not be published"
    r"|required fields are marked|uses akismet|comment data is processed"
    r"|please enter your (?:comment|name|e-?mail)|be the first to comment|report (?:as )?abus"
    r"|^no comments\s*:?$|^\d+\s+comments?$"
    # The comment forms of the common blog engines and the prompts that open a thread.
    r"|you are commenting using your|^log (?:out|in)\s*/\s*change\b|fill in your details below"
    r"|^connecting to %s$|notify me of (?:new|follow-up) (?:comments|posts)"
    r"|save my name,? e-?mail|^have your say$|^join the (?:conversation|discussion)$"
    r"|^(?:show|view|read|hide) (?:all )?(?:\d+ )?comments?$"
    r"|^comments? (?:are|is) (?:now )?(?:closed|disabled|off)\.?$",
    re.IGNORECASE,
)
# A site turning its comments off: "we are temporarily suspending article commenting".
_COMMENTS_CLOSED = re.compile(
    r"\b(?:suspend|disabl|clos|turn)\w*\s+(?:off\s+)?(?:article\s+|reader\s+)?comment(?:ing|s)\b"
    r"|\bcomments? (?:are|have been|is) (?:closed|disabled|turned off|suspended)\b",
    re.IGNORECASE,
)
_COMMENTS_CLOSED_MAX_WORDS = 60  # two sentences of notice; the one seen has 33 words
_COMMENT_WORD = re.compile(r"\bcomments?\b", re.IGNORECASE)
# A comments policy names comments at least this often and speaks to the reader; news about
# comments (a minister's remarks) rarely says "comment" three times in one paragraph.
_COMMENT_POLICY_MIN_HITS = 3
_COMMENT_POLICY_MAX_WORDS = 80
# A date with a label, after a source: "(Agency) Updated: 2014-05-30 12:58",
# "Agency | City | Updated: 29-06-2022 11:23 IST | Created: ...".
_DATE_LABEL = re.compile(
    r"\b(?:updated|published|posted|created|modified|last updated|first published)"
    r"(?:\s+(?:on|at))?\s*[:：]?\s*(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)",
    re.IGNORECASE,
)
# Besides dates and labels, a dated line names at most its source and a city or two.
_DATED_LINE_MAX_NAMES = 4
# A source name before a bare timestamp: "Agency)  19:36, July 22, 2013".
_SOURCE_PREFIX = re.compile(r"\(?[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,2}\)?\s*[|,:–—-]?\s+")
_CLOCK_OR_YEAR = re.compile(r"\d{1,2}:\d{2}|\b(?:19|20)\d\d\b")
# A relative time, sometimes glued to its section's name: "world3 days ago".
_RELATIVE_TIME = re.compile(
    r"\S*?\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago",
    re.IGNORECASE,
)
# The signature under a reader's comment: "Posted by name | Report as abusive", "| Reply".
_COMMENT_SIGNATURE = re.compile(r"posted by\s+\S+.*\|\s*(?:report|reply|flag)", re.IGNORECASE)
# "Posted by Name on Friday, March 16, 2018": the post's author and date, no sentence of it.
_POSTED_BY = re.compile(
    r"(?:posted|written|published|submitted)\s+by\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}"
    r"(?:\s*[,|]?\s*(?:on|at)\b.*)?",
    re.IGNORECASE,
)
_POSTED_BY_MAX_WORDS = 14  # "Posted by" + four names + "on" + a weekday, date and time
# A video's running time, alone or after the last sentence: "Duration: 00:34".
_DURATION_TEXT = r"(?:duration|length|running time|runtime)\s*:?\s*(?:\d{1,2}:)?\d{1,2}:\d{2}"
_DURATION = re.compile(_DURATION_TEXT, re.IGNORECASE)
_TRAILING_DURATION = re.compile(rf"(?<=[.!?\"”’])\s+{_DURATION_TEXT}\s*$", re.IGNORECASE)
# A photo labelled only by its kind ("File photo", "Representational image") or its absence.
_PHOTO_KIND = re.compile(
    r"[*_]*(?:(?:file|stock|representative|representational|archive|illustrative|handout)"
    r"\s+(?:photo|image|picture|pic|photograph)s?|no (?:image|photo|preview) available"
    r"|image (?:not available|unavailable)"
    r"|(?:(?:image|photo|picture)\s+)?(?:used\s+)?for\s+(?:representational|representation"
    r"|illustrative|illustration)\s+purposes?(?:\s+only)?)[*_.]*",
    re.IGNORECASE,
)
# A related headline behind an explicit label and a bar or colon: "Also read | <headline>".
# The label says what the line is, so the headline may be long and end with a full stop.
_RELATED_LABEL = re.compile(
    r"(?:read (?:more|also|next)|also read|see also|more on this(?: story)?"
    r"|related(?: stories| articles| news| coverage)?)\s*[:|»›>]+\s*\S",
    re.IGNORECASE,
)
_RELATED_LABEL_MAX_WORDS = 24  # the label and a long headline (16 words) with its dek
# A breadcrumb from the home page: "Home >News >World >Headline".
_HOME_CRUMB = re.compile(r"home(?:\s*(?:>>?|[»›])|\s+[|/])\s*\S", re.IGNORECASE)
_HOME_CRUMB_MAX_WORDS = 25  # a few sections and the story's headline at the end
# "3 min read . 06:33 AM IST Agency": a reading time leading the date line.
_READ_TIME_LEAD = re.compile(r"\d+\s*(?:min|mins|minutes?)\s+read\b", re.IGNORECASE)
# "By name on 09:37 pm Apr 11, 2012": an author and a date, and nothing else.
_BY_ON_DATE = re.compile(
    r"(?:(?:posted|written|published|submitted)\s+)?by\s+\S+(?:\s+\S+){0,3}?\s*[,|]?\s+"
    r"(?:on|at)\s+(?P<when>.+)",
    re.IGNORECASE,
)
# A syndication note under the story: "(This story has not been edited by ... staff ...)".
_SYNDICATION = re.compile(
    r"\(?(?:the above|this) (?:story|article|report|post|content)\b.{0,80}\b"
    r"(?:auto-generated|syndicated feed|verified and authored|not been edited"
    r"|do not reflect the (?:views|opinions))",
    re.IGNORECASE,
)
_SYNDICATION_MAX_WORDS = 70  # the longest such note seen (a wire's self-description) has 50
# A photographer and an agency under a picture: "Jane Roe, AP", "Jan Kowal, EPA-EFE".
_NAME_AGENCY = re.compile(
    r"[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){0,3},\s(?:[A-Z]{2,}(?:[-/][A-Z]{2,})*"
    r"|Getty Images|Reuters|Associated Press|Shutterstock|Alamy)"
)
# A lone "More..." or "More »" under a teaser: the link to the rest.
_MORE_LINK = re.compile(r"(?:read\s+)?more\s*(?:\.{2,}|…|»|›|>>?)", re.IGNORECASE)
_READING_TIME = re.compile(r"(?:estimated\s+)?read(?:ing)?\s+time\b", re.IGNORECASE)
# "Previous article", "Next story": links to the neighbouring articles.
_ADJACENT_LINK = re.compile(
    r"(?:previous|prev|next|older|newer)\s+(?:article|story|post|page|news|item)s?\s*:?",
    re.IGNORECASE,
)
# A caption that says what it is: "A drone photo shows ...", "This picture taken on ...".
_SELF_CAPTION = re.compile(
    r"(?:(?:a|an|the|this|these)\s+)?(?:[\w-]+\s+){0,2}(?:photo|picture|image|photograph)s?"
    r"\s+(?:shows?\b|taken\s+(?:on|in|at|from|by)\b)",
    re.IGNORECASE,
)
# A short label naming a photo and its source: "Representative Photo (ANI)".
_PHOTO_LABEL = re.compile(
    r"(?:[\w-]+\s+){0,3}(?i:photo|image|picture|photograph)s?\s*(?:\([^()]+\)|[:/]\s*\S.*)"
)
_PHOTO_LABEL_MAX_WORDS = 6
# Notices about the reader's browser or login, not about the story.
_SITE_NOTICE = re.compile(
    r"\b(?:browser|javascript)\b.*\b(?:not supported|out of date|outdated|upgrade|update|enable"
    r"|another)\b|\b(?:not supported|upgrade|update|enable)\b.*\b(?:browser|javascript)\b"
    r"|\byou are not (?:logged|signed) in\b|\bplease (?:log|sign) in\b"
    r"|\b(?:log|sign) in to (?:continue|read|see)\b|\bsubscribe to (?:continue|keep) reading\b"
    # A paywall speaks of the reader's subscription, never of the story.
    r"|^already (?:a |an )?(?:subscriber|member|registered)\b|^unlimited\b.{0,30}\baccess\b"
    r"|^free trial\b|^try (?:it )?(?:for )?free\b|^ad-free\b"
    r"|^limited(?:-time)? offer\b|\bsubscribe (?:today|now)\b"
    r"|\byou(?:'ve| have) reached (?:your|the) (?:\w+ )?(?:article|story|free|monthly) ?(?:limit)?"
    r"|\bstart (?:your )?free trial\b",
    re.IGNORECASE,
)
_SITE_NOTICE_MAX_WORDS = 30
# Every notice above holds one of these words; lines without them skip the long pattern.
_SITE_NOTICE_WORDS = _word_set(
    """browser javascript logged signed log sign subscribe already unlimited reached trial try
    ad-free limited"""
)
# A subscription plan: "Annual $120 $60", "Monthly $10 / month": prices and plan words only.
_PRICE = re.compile(r"[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£¥₹]|usd|eur|gbp)\b", re.IGNORECASE)
_PLAN_WORDS = _word_set(
    """annual annually yearly monthly weekly daily digital premium basic standard plan plans
    per a an month months mo year years yr week weeks day days then billed only just for first
    save off best value at"""
)
# "80 per month" and "billed annually" name a price without a currency sign.
_PER_PERIOD = re.compile(r"\d[\d.,]*\s*(?:per|a|/)\s*(?:month|year|week|day|mo|yr)\b", re.I)
_BILLED = re.compile(r"\bbilled\s+(?:annually|monthly|yearly|weekly)\b", re.IGNORECASE)
_PLAN_PRICE_MAX_WORDS = 8  # "Monthly $10 / month, then $15": a plan line is a few tokens


# A call to action addressed to the reader: share, follow, join, download the app, click here.
@functools.cache
def _call_to_action() -> re.Pattern[str]:
    """Compiled on first use: only short lines with a call-to-action verb need it."""
    return re.compile(
        r"\b(?:share|sharing)\b.{0,40}\b(?:this (?:article|story|page|post|video)"
        r"|with (?:your )?(?:friends|family|others))\b"
        r"|\b(?:follow|join|subscribe to)\s+(?:us|our)\b.{0,60}\b(?:on|channel|channels|page"
        r"|newsletter|account|community|app|feed)\b|\blike us on\b"
        r"|\b(?:download|get|install)\s+(?:the|our)\s+(?:[\w.-]+\s+){0,2}apps?\b"
        r"|\b(?:click|tap)\s+here\b"
        r"|\badd\s+(?:\S+\s+){1,3}as\s+(?:a|your)\s+(?:trusted|preferred)\s+source\b"
        r"|\b(?:turn on|enable|allow)\s+(?:push\s+|browser\s+)?notifications\b",
        re.IGNORECASE,
    )


# A call to action opens with its verb or speaks to the reader; "Police urged residents to share
# the appeal with friends" does neither and stays content.
_CALL_TO_ACTION_OPENERS = _word_set(
    """share sharing follow join like subscribe download get install click tap add turn enable
    allow help be please why for don't do stay sign never"""
)
# The longest call seen ("For all the latest headlines follow our ... channel online or via the
# app") has 15 words; a paragraph of the story that happens to say "click here" is longer.
_CALL_TO_ACTION_MAX_WORDS = 25
# The verbs of the calls above; a line without one skips the pattern.
_CALL_TO_ACTION_VERBS = _word_set(
    "share sharing follow join subscribe like download get install click tap add turn enable allow"
)
# A wire or live page's note that the story is not finished: "More follows", "Developing story".
_WIRE_NOTE = re.compile(
    r"(?:more (?:follows|to follow|to come)|(?:this is a )?(?:developing|breaking) (?:news )?story"
    r"|this (?:story|article|page) (?:is developing|will be updated|is being updated)"
    r"|refresh (?:this page )?for (?:the latest )?updates)\s*[.…]*",
    re.IGNORECASE,
)
# A prompt to play the video next to the text: "Watch the video below".
_VIDEO_PROMPT = re.compile(
    r"(?:^|[.!?:]\s+)watch\b.{0,120}\bvideo\b[^.!?]{0,40}\b(?:below|above)\s*[.:!]?$", re.IGNORECASE
)
_VIDEO_PROMPT_MAX_WORDS = 30  # a prompt naming the video's title; a paragraph runs longer
# A site's own links in one row, without separators: "Privacy Policy Terms Contact Us".
_SITE_LINK_WORDS = _word_set(
    """privacy policy terms conditions cookie cookies contact about faq faqs help careers jobs
    advertise advertising sitemap accessibility disclaimer imprint rss archive archives
    subscriptions newsletters corrections ethics"""
)
# Four: "Privacy Policy" or "Contact Us" alone may head a story about them; four such words in
# one title-case line without a full stop are the site's footer.
_SITE_LINK_MIN_HITS = 4
# A social handle on a line of its own: "@newsdesk", "Follow @newsdesk".
_HANDLES = re.compile(r"(?:follow\s+(?:us\s+)?(?:on\s+\w+\s+)?)?(?:@\w{1,30}[\s,|·]*){1,4}", re.I)
# A row of hashtags under the story: "#Floods #Turkey".
_HASHTAGS = re.compile(r"(?:#[^\W_][\w-]*[\s,·|]*){2,}")
# "... swallowed up by a … Continue reading <title>": a teaser's link to the full story.
_TRAILING_MORE = re.compile(
    r"(?<=[.…])\s*(?:[(\[]\s*(?:read|see) more\s*[)\]]|(?:read|see) more\s*[»›>]*"
    r"|continue reading\b[^.!?]{0,120})\s*$",
    re.IGNORECASE,
)
# A teaser cut off with an ellipsis repeats the opening of the story; this many words of it must
# reappear in another line before the teaser counts as a copy.
_TEASER_MIN_WORDS = 8
_TEASER_CUT = re.compile(r"\s*(?:…|\.{3})")
_URL = re.compile(r"(?:https?://|www\.)\S+")
# A file or page name standing alone: "tsunami-japan", "img_2041".
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
_LIST_MARKER = re.compile(r"[•‣⁃◦▪▫●■□►▶➢✓✔][ \t]*|[-*–—][ \t]+")
# A footer line between two furniture lines is furniture up to this length: the longest
# publisher boilerplate sentence we have seen ("Our Standards: ...") has 7 words.
_FOOTER_MAX_WORDS = 12
# Longest headline of a related article we expect inside a related-links list.
_RELATED_MAX_WORDS = 16
# A list of related headlines after the story: this many in a row, each with at least this share
# of its significant words capitalised (headline style allows a lowercase "be" or "vs").
_HEADLINE_LIST_MIN_LINES = 3
_HEADLINE_CAPITALS = 0.75
# Below the story, a line this short between two furniture lines is furniture too.
_SHORT_BETWEEN_MAX_WORDS = 3
# A consent banner's heading or button has at most this many words ("We value your privacy").
_BANNER_NEIGHBOUR_MAX_WORDS = 8
_SMALL_WORDS = _word_set("a an and the of for in on at to by & with from or")


# Furniture after the last sentence of a line, tried in this order; the sentence stays whole.
_TRAILING_FURNITURE = (
    (_TRAILING_CREDIT, "credit"),
    (_TRAILING_VIA, "credit"),
    (_TRAILING_BUTTONS, "button"),
    (_TRAILING_MORE, "button"),
    (_TRAILING_DURATION, "video"),
)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    words: list[str]
    body: bool


def find_boilerplate(text: str, front_matter_end: int = 0) -> tuple[Boilerplate, ...]:
    """Spans of furniture in `text`, sorted and disjoint, without surrounding whitespace."""
    spans: list[Boilerplate] = []
    front = text[:front_matter_end]
    if front.strip():
        start = len(front) - len(front.lstrip())
        spans.append(Boilerplate(start, len(front.rstrip()), "front matter"))
    lines = _lines(text, front_matter_end)
    reasons = _line_reasons(lines)
    for line, reason in zip(lines, reasons, strict=True):
        if reason:
            spans.append(Boilerplate(line.start, line.end, reason))
            continue
        marker = _LIST_MARKER.match(line.text)
        if marker and marker.end() < len(line.text):
            marker_end = line.start + len(marker.group().rstrip())
            spans.append(Boilerplate(line.start, marker_end, "list marker"))
        if line.text[-1] in _SENTENCE_END:
            continue  # every trailing form below ends in a word, a digit or a bracket
        for pattern, reason in _TRAILING_FURNITURE:
            trailing = pattern.search(line.text)
            if trailing and trailing.start() > 0:
                start = line.start + trailing.start() + _lead(trailing.group())
                spans.append(Boilerplate(start, line.end, reason))
                break
    spans.sort(key=lambda span: (span.start, span.end))
    disjoint: list[Boilerplate] = []
    for span in spans:
        if disjoint and span.start < disjoint[-1].end:
            continue
        disjoint.append(span)
    return tuple(disjoint)


def _lead(fragment: str) -> int:
    return len(fragment) - len(fragment.lstrip())


def _lines(text: str, offset: int) -> list[_Line]:
    """The logical lines after `offset`, trimmed, with their words and body flag."""
    lines: list[_Line] = []
    for unit_start, unit_end in logical_lines(text, offset):
        raw = text[unit_start:unit_end]
        stripped = raw.strip()
        start = unit_start + _lead(raw)
        words = _WORD.findall(stripped)
        # A line cut off inside a word ("... in the flashpoint West…") is a teaser, not prose.
        body = (
            len(words) >= _BODY_MIN_WORDS
            and stripped[-1] in _PROSE_END
            and not (len(words) <= _TEASER_MAX_WORDS and _CUT_OFF.search(stripped))
        )
        lines.append(_Line(start, start + len(stripped), stripped, words, body))
    return lines


def _line_reasons(lines: list[_Line]) -> list[str | None]:
    """One reason per line: why it is furniture, or None when it is content."""
    reasons: list[str | None] = [_standalone_reason(line) for line in lines]
    body_lines = [i for i, line in enumerate(lines) if line.body and reasons[i] is None]
    first_body = body_lines[0] if body_lines else len(lines)
    _mark_present_tense_captions(lines, reasons, first_body)
    body_lines = [i for i in body_lines if reasons[i] is None]
    last_body = body_lines[-1] if body_lines else len(lines)
    _mark_header(lines, reasons, first_body)
    _mark_footer(lines, reasons, last_body)
    _mark_headline_lists(lines, reasons, last_body)
    _mark_related_runs(lines, reasons)
    _mark_short_between(lines, reasons, last_body)
    _mark_roles(lines, reasons)
    _mark_banner_neighbours(lines, reasons)
    _mark_caption_neighbours(lines, reasons)
    _mark_photo_titles(lines, reasons)
    _mark_reader_comments(lines, reasons)
    _mark_duplicates(lines, reasons)
    _mark_teasers(lines, reasons)
    return reasons


def _mark_present_tense_captions(
    lines: list[_Line], reasons: list[str | None], first_body: int
) -> None:
    """Photo captions below the header.

    Headlines are written in the present tense too ("Russia fires 40 missiles at Kyiv"), so the
    rule only looks below the header and never at the first line that is not furniture.
    """
    first_content = next((i for i, reason in enumerate(reasons) if reason is None), None)
    for i in range(len(lines)):
        # In the header only a line right above the byline: wire copy puts the photo's caption
        # between headline and byline, where a present-tense dek could stand as well.
        below = i >= first_body or (i + 1 < len(lines) and reasons[i + 1] == "byline")
        credited = "photo credit" in (
            reasons[i - 1] if i else None,
            reasons[i + 1] if i + 1 < len(lines) else None,
        )
        if (
            below
            and reasons[i] is None
            and i != first_content
            and _is_present_tense_caption(lines[i], credited)
        ):
            reasons[i] = "caption"


def _mark_header(lines: list[_Line], reasons: list[str | None], first_body: int) -> None:
    """Short title-case lines around the headline: site name and tagline above, tags below."""
    headline = _headline(lines, reasons, first_body)
    for i in range(first_body):
        if reasons[i] is None and i != headline and _is_label(lines[i]):
            if headline is None or i < headline:
                reasons[i] = "site name" if len(lines[i].words) == 1 else "tagline"
            else:
                reasons[i] = "section tag"


def _mark_footer(lines: list[_Line], reasons: list[str | None], last_body: int) -> None:
    """Tags and related-link lists after the last paragraph."""
    in_related = False
    for i in range(last_body + 1, len(lines)):
        line = lines[i]
        if reasons[i] == "related link" or _RELATED_HEADING.fullmatch(line.text):
            in_related = True
            reasons[i] = reasons[i] or "related link"
        elif reasons[i] is None and _is_footer_label(line, in_related):
            reasons[i] = "related link" if in_related else "section tag"
    for i in range(last_body + 1, len(lines) - 1):
        # A short title-case line between two furniture lines ("Our Standards: The Trust
        # Principles."); a sentence of prose there stays content.
        if (
            reasons[i] is None
            and reasons[i - 1]
            and reasons[i + 1]
            and len(lines[i].words) <= _FOOTER_MAX_WORDS
            and _title_case(lines[i].words)
        ):
            reasons[i] = "footer"


def _mark_headline_lists(lines: list[_Line], reasons: list[str | None], last_body: int) -> None:
    """A run of headlines after the last paragraph, with or without a heading: related links.

    A headline of a linked story is short, written in title case and has no full stop at its end;
    a paragraph of the story never looks like that, and a summary bullet is written like a
    sentence. Three in a row are needed: one or two such lines may be the story's subheads.
    """
    run: list[int] = []
    for i in range(last_body + 1, len(lines) + 1):
        if (
            i < len(lines)
            and reasons[i] in (None, "related link", "section tag")
            and _is_listed_headline(lines[i])
        ):
            run.append(i)
            continue
        if len(run) >= _HEADLINE_LIST_MIN_LINES and any(reasons[j] is None for j in run):
            for j in run:
                reasons[j] = "related link"
        run = []


def _is_listed_headline(line: _Line) -> bool:
    text = _LIST_MARKER.sub("", line.text, count=1) if _LIST_MARKER.match(line.text) else line.text
    words = _WORD.findall(text)
    if not words or len(words) > _RELATED_MAX_WORDS or text[-1] in '.!?"”’' or _has_quote(text):
        return False
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    capitals = sum(1 for word in significant if word[0].isupper() or word[0].isdigit())
    return bool(significant) and capitals >= _HEADLINE_CAPITALS * len(significant)


def _mark_short_between(lines: list[_Line], reasons: list[str | None], last_body: int) -> None:
    """Lines of one to three words between furniture below the story ("Best value").

    Below the last paragraph nothing of the story is that short, so a run of such lines after a
    furniture line, closed by another furniture line or by the end of the page, takes the
    reason of the line above it.
    """
    i = last_body + 1
    while i < len(lines):
        end = i
        while end < len(lines) and reasons[end] is None and _is_short_line(lines[end]):
            end += 1
        if end > i and i > 0 and reasons[i - 1] and (end == len(lines) or reasons[end]):
            for j in range(i, end):
                reasons[j] = reasons[i - 1]
        i = end + 1 if end == i else end


def _is_short_line(line: _Line) -> bool:
    return len(line.words) <= _SHORT_BETWEEN_MAX_WORDS and line.text[-1] not in ".!?"


def _mark_teasers(lines: list[_Line], reasons: list[str | None]) -> None:
    """A teaser cut off with an ellipsis ("... swallowed up by a …") that repeats another line.

    Only the words before the cut are compared: a listing page shows the opening of the story
    and a link, and the story below repeats those words in full.
    """
    texts: list[str] = []
    for i, line in enumerate(lines):
        if reasons[i] is not None or ("…" not in line.text and "..." not in line.text):
            continue
        cut = _TEASER_CUT.search(line.text)
        if cut is None or cut.start() == 0:
            continue
        head = " ".join(line.text[: cut.start()].split()).lower()
        if len(head.split()) < _TEASER_MIN_WORDS:
            continue
        texts = texts or [" ".join(other.text.split()).lower() for other in lines]
        if any(
            j != i and len(texts[j]) > len(head) and head in texts[j] for j in range(len(lines))
        ):
            reasons[i] = "teaser"


def _mark_related_runs(lines: list[_Line], reasons: list[str | None]) -> None:
    """A headline inside a list of related links ("list 1 of 4", headline, "end of list")."""
    for i in range(1, len(lines) - 1):
        if (
            reasons[i] is None
            and reasons[i - 1] == reasons[i + 1] == "related link"
            and not lines[i].body
            and len(lines[i].words) <= _RELATED_MAX_WORDS
        ):
            reasons[i] = "related link"


def _standalone_reason(line: _Line) -> str | None:
    """Furniture a line shows by itself, wherever it stands."""
    text = line.text
    lowered = [word.lower() for word in line.words]
    if not lowered:
        return "separator"
    if _is_banner(lowered, text):
        return "cookie banner"
    # Metadata keeps its meaning behind a bullet ("• 11 years ago").
    bare = _LIST_MARKER.sub("", text, count=1) if _LIST_MARKER.match(text) else text
    if len(lowered) > _LONG_LINE_WORDS:
        # Past this length every rule below but these two has ruled the line out already.
        if _EMBED.search(text):
            return "social embed"
        return "navigation" if _is_navigation(text) else None
    if len(lowered) <= _RELATED_MAX_WORDS and _ADJACENT_LINK.fullmatch(text):
        return "related link"
    if _URL.fullmatch(text) or _SLUG.fullmatch(text):
        return "stray word"
    if (
        len(lowered) <= _SITE_NOTICE_MAX_WORDS
        and _SITE_NOTICE_WORDS.intersection(lowered)
        and _SITE_NOTICE.search(bare)
        and not _has_quote(text)
    ):
        return "site notice"
    if len(lowered) <= _PLAN_PRICE_MAX_WORDS and _is_plan_price(text):
        return "paywall"
    if len(lowered) >= 2 and len(set(lowered)) == 1 and text[-1] not in _PROSE_END:
        return "repeated label"  # an image's alt text twice: "brandname brandname"
    if _is_button_row(lowered):
        return "advertisement" if lowered[0].startswith("advert") else "button"
    if _is_call_to_action(lowered, text):
        return "button"
    if len(lowered) <= 8 and _WIRE_NOTE.fullmatch(text):
        return "update note"
    if _HANDLES.fullmatch(text):
        return "social"
    if _HASHTAGS.fullmatch(text):
        return "section tag"
    if (
        len(lowered) <= _VIDEO_PROMPT_MAX_WORDS
        and "video" in lowered
        and _VIDEO_PROMPT.search(text)
    ):
        return "video"
    if _is_site_links(line):
        return "navigation"
    if len(lowered) == 1 and text[-1] not in _PROSE_END:
        word = line.words[0]
        if len(word) <= 2 or (word.islower() and len(word) <= _STRAY_MAX_CHARS):
            return "stray word"
    if _EMBED.search(text):
        return "social embed"
    if _CAPTION_START.match(text) and len(lowered) <= _CREDITED_CAPTION_MAX_WORDS:
        return "caption"
    if len(lowered) <= 12 and _CREDIT_LINE.match(text):
        return "photo credit"
    credited = len(lowered) <= _CREDITED_CAPTION_MAX_WORDS and _CREDIT_HINT.search(text)
    credit = _CREDIT_TAIL.search(text) if credited else None
    if credit and not _has_quote(text):
        if credit.start() == 0 or text[: credit.start()].rstrip().endswith("|"):
            return "photo credit"  # "Name | Outlet | Getty Images" as well
        # A bare "Name / Agency" credit follows a finished caption; "the NATO/EU summit" or
        # "USD / EUR" at the end of a sentence of prose is not one.
        if not credit.group("named") or text[: credit.start()].rstrip()[-1] in ".!?)":
            return "caption"
    if len(lowered) <= 25 and _CREDIT_PROSE.search(text):
        return "credit"
    if _INITIALS_CREDIT.fullmatch(text) or _UPDATE_NOTE.fullmatch(text):
        return "credit"
    if len(lowered) <= _PHOTO_LABEL_MAX_WORDS and _PHOTO_LABEL.fullmatch(text):
        return "photo credit"
    if _is_comment_furniture(lowered, text):
        return "comment form"
    if (
        len(lowered) <= _POSTED_BY_MAX_WORDS
        and text[-1] not in ".!?"
        and _POSTED_BY.fullmatch(text)
    ):
        return "byline"
    if len(lowered) <= 6 and (_DURATION.fullmatch(bare) or _PHOTO_KIND.fullmatch(bare)):
        return "video" if _DURATION.fullmatch(bare) else "caption"
    if len(lowered) <= 7 and _NAME_AGENCY.fullmatch(text):
        return "photo credit"
    if len(lowered) <= 2 and _MORE_LINK.fullmatch(text):
        return "related link"
    if len(lowered) <= _RELATED_LABEL_MAX_WORDS and _RELATED_LABEL.match(bare):
        return "related link"
    if len(lowered) <= _HOME_CRUMB_MAX_WORDS and text[-1] not in ".!?" and _HOME_CRUMB.match(text):
        return "navigation"
    if len(lowered) <= 10 and _READ_TIME_LEAD.match(bare) and _DIGIT.search(text):
        return "timestamp"
    if len(lowered) <= _POSTED_BY_MAX_WORDS and text[-1] not in ".!?":
        by = _BY_ON_DATE.fullmatch(text)
        if by and _is_timestamp(by.group("when")):
            return "byline"
    if len(lowered) <= _SYNDICATION_MAX_WORDS and _SYNDICATION.match(text):
        return "credit"
    if len(lowered) <= 20 and _NEWSLETTER.search(text):
        return "newsletter"
    if len(lowered) <= 8 and _READ_TIME.fullmatch(text):
        return "timestamp"
    if len(lowered) <= 8 and _READING_TIME.match(text) and any(c.isdigit() for c in text):
        return "timestamp"
    if len(lowered) <= 5 and _RELATIVE_TIME.fullmatch(bare):
        return "timestamp"
    if len(lowered) <= 12 and _RELATED_START.match(text) and not line.body:
        return "related link"
    if _is_bracketed_related(text, lowered):
        # Not "related link": an inline link between paragraphs opens no list of links.
        return "inline link"
    if _SECTION_TAG.match(text) and len(lowered) <= 15:
        return "section tag"
    if len(lowered) <= 10 and _BYLINE.fullmatch(text) and text[-1] not in _PROSE_END:
        return "byline"
    if len(lowered) <= 24 and (_is_timestamp(bare) or _is_dated_line(bare)):
        return "timestamp"
    if _is_navigation(text):
        return "navigation"
    if _VIDEO_LENGTH.match(text) and len(lowered) <= 8:
        return "video"
    if _is_pictured_caption(line, lowered):
        return "caption"
    if _is_self_caption(text, lowered):
        return "caption"
    return None


def _is_plan_price(text: str) -> bool:
    """Only prices and the words of a subscription plan: "Annual $120 $60", "Monthly $10 / mo".

    Any other word ("Netflix raises price to $20/month") makes it a headline or a sentence.
    """
    if not (_PRICE.search(text) or _PER_PERIOD.search(text) or _BILLED.search(text)):
        return False
    rest = _PRICE.sub(" ", text)
    return all(
        word.lower() in _PLAN_WORDS or (word.isupper() and len(word) <= 3)  # "P", "USD"
        for word in re.findall(r"[^\W\d_]+", rest)
    )


def _is_call_to_action(lowered: list[str], text: str) -> bool:
    """ "Follow us on X", "Download the app", "Share this article with friends".

    The line must speak to the reader (open with the verb, or say "you", "our") and must not
    report speech, so a sentence about a police appeal to share a photo stays content.
    """
    if len(lowered) > _CALL_TO_ACTION_MAX_WORDS or not _CALL_TO_ACTION_VERBS.intersection(lowered):
        return False
    if _has_quote(text):
        return False
    if _ATTRIBUTION.intersection(lowered) or not _call_to_action().search(text):
        return False
    return lowered[0] in _CALL_TO_ACTION_OPENERS or bool(
        {"you", "your", "our", "us"}.intersection(lowered)
    )


def _is_site_links(line: _Line) -> bool:
    """A row of the site's own links without separators: "Privacy Policy Terms Contact Us"."""
    words = line.words
    if line.text[-1] in _PROSE_END or len(words) > 20 or not _title_case(words):
        return False
    return len(_SITE_LINK_WORDS.intersection(w.lower() for w in words)) >= _SITE_LINK_MIN_HITS


def _is_bracketed_related(text: str, lowered: list[str]) -> bool:
    """ "(Read more: <a related headline>)": a related link wrapped in brackets.

    The brackets close the link off from the story, so a longer headline than a bare
    "Read more:" line may have is still a link.
    """
    return (
        text[0] in "(["
        and text[-1] in ")]"
        and len(lowered) <= _RELATED_MAX_WORDS + 2
        and bool(_RELATED_START.match(text[1:]))
    )


def _is_comment_furniture(lowered: list[str], text: str) -> bool:
    """A comment form's line ("Leave a reply") or a comments policy addressed to the reader."""
    if len(lowered) <= 25 and _COMMENT_FORM.search(text):
        return True
    if (
        len(lowered) <= _COMMENTS_CLOSED_MAX_WORDS
        and _ADDRESS.intersection(lowered)
        and not _ATTRIBUTION.intersection(lowered)
        and _COMMENTS_CLOSED.search(text)
        and not _has_quote(text)
    ):
        return True
    return (
        len(lowered) <= _COMMENT_POLICY_MAX_WORDS
        and bool(_ADDRESS.intersection(lowered))
        and len(_COMMENT_WORD.findall(text)) >= _COMMENT_POLICY_MIN_HITS
        and not _has_quote(text)
    )


def _is_dated_line(text: str) -> bool:
    """A labelled date after its source, or a bare timestamp after a source name."""
    if text[-1] in ".!?" or not _DIGIT.search(text):
        return False
    if _DATE_LABEL.search(text):
        names = re.findall(r"[^\W\d_]+", _DATE_WORDS.sub(" ", _DATE_LABEL.sub(" ", text)))
        return len(names) <= _DATED_LINE_MAX_NAMES
    prefix = _SOURCE_PREFIX.match(text)
    if prefix is None or prefix.end() == len(text):
        return False
    rest = text[prefix.end() :]
    return _is_timestamp(rest) and bool(_CLOCK_OR_YEAR.search(rest))


def _is_self_caption(text: str, lowered: list[str]) -> bool:
    """ "A drone photo shows ..." without a full stop: a caption that names itself.

    With a full stop the same words can open a sentence of the story ("A photo released by
    the ministry showed ..."), so such a line is kept.
    """
    return (
        text[-1] not in ".!?"
        and len(lowered) <= _CAPTION_MAX_WORDS
        and bool(_SELF_CAPTION.match(text))
        and not _has_quote(text)
        and not _ATTRIBUTION.intersection(lowered)
    )


def _is_timestamp(text: str) -> bool:
    """Only dates, times and their labels: "October 28, 2024 4:12 PM UTC", "Updated: 11:02"."""
    if not _DIGIT.search(text):
        return False
    rest = _DATE_WORDS.sub(" ", text)
    return not any(c.isalpha() for c in rest)


def _is_navigation(text: str) -> bool:
    """A row of short section names: "Home | News | Sport", "News|Russia-Ukraine war"."""
    if text[-1] in ".!?":
        return False
    items = [item.strip() for item in _NAVIGATION_SEPARATORS.split(text)]
    if len(items) < 2:
        return False
    if len(items) == 2 and (" | " in text or " / " in text) and not _BREADCRUMB.search(text):
        # "Ukraine war | Live updates" is a headline with a pipe; one bare "|" between two
        # labels ("News|Russia-Ukraine war") or a longer row is a breadcrumb.
        return False
    return all(0 < len(item.split()) <= 3 and item[0].isupper() for item in items)


def _is_banner(lowered: list[str], text: str) -> bool:
    """Cookie words addressed to the reader by the site ("We use cookies ... your consent").

    The address matters: news prose about cookie rules ("regulators said consent for
    tracking cookies ...") has the words but speaks of third parties, or quotes them.
    """
    if len(lowered) > _BANNER_MAX_WORDS or _has_quote(text):
        return False
    hits = _BANNER_WORDS.intersection(lowered)
    if len(hits) < _BANNER_MIN_HITS or not {"cookie", "cookies", "consent"} & hits:
        return False
    return bool(_ADDRESS.intersection(lowered))


def _is_button_row(lowered: list[str]) -> bool:
    if len(lowered) > _BUTTON_ROW_MAX_WORDS:
        return False
    core = [word for word in lowered if word in _BUTTON_CORE]
    return bool(core) and all(w in _BUTTON_WORDS or w in _BUTTON_GLUE for w in lowered)


def _has_quote(text: str) -> bool:
    return any(mark in text for mark in '"“”«»')


def _is_pictured_caption(line: _Line, lowered: list[str]) -> bool:
    """A "(pictured)" line without a full stop that is neither a quote nor attributed speech.

    "(pictured)" also appears in body prose ("Rutte (pictured) said ..."); a caption with a full
    stop needs a caption beside it (`_mark_caption_neighbours`).
    """
    text = line.text
    if _has_quote(text) or len(lowered) > _CAPTION_MAX_WORDS or not _PICTURED.search(text):
        return False
    return not _ATTRIBUTION.intersection(lowered) and text[-1] not in ".!?"


def _is_present_tense_caption(line: _Line, credited: bool = False) -> bool:
    """A picture described in the present tense: subject, photo verb, then a place or time.

    `credited`: a photo credit stands right above or below the line.
    """
    text = line.text
    lowered = [word.lower() for word in line.words]
    if _has_quote(text) or len(lowered) > _CAPTION_MAX_WORDS:
        return False
    if _NOT_CAPTION_WORDS.intersection(lowered) or _sentence_count(text) > 1:
        return False
    verb = next((i for i, word in enumerate(lowered[:14]) if word in _PHOTO_VERBS), None)
    if verb is None or verb == 0 or not _PLACE_WORDS.intersection(lowered[verb + 1 :]):
        return False
    # Present-tense war reporting ("Ukrainian troops hold positions near Pokrovsk.") has the
    # same shape; a caption also shows one of the marks of the genre: no full stop, the date
    # the picture was taken, a lone subject ("A soldier fires ...", never news prose), or its
    # credit beside it ("Kyodo News/AP" over "People walk by collapsed houses ...").
    return (
        credited or text[-1] not in ".!?" or bool(_YEAR.search(text)) or lowered[0] in ("a", "an")
    )


def _sentence_count(text: str) -> int:
    """Sentences in a line, roughly; an initial ("J.D. Smith") ends none."""
    return len(re.findall(r"(?<!\b[A-Z])[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]", text)) + 1


def _headline(lines: list[_Line], reasons: list[str | None], first_body: int) -> int | None:
    """The header line most likely to be the headline: the one with the most words."""
    candidates = [i for i in range(first_body) if reasons[i] is None]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (len(lines[i].words), -i))


def _is_label(line: _Line) -> bool:
    """A short title-case line without a verb's punctuation: a site name, tagline or tag."""
    text = line.text
    if len(line.words) > 4 or text[-1] in '.!?"”’' or _has_quote(text):
        return False
    return _title_case(line.words)


def _title_case(words: list[str]) -> bool:
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    return bool(significant) and all(word[0].isupper() or word[0].isdigit() for word in significant)


def _is_footer_label(line: _Line, in_related: bool) -> bool:
    """A short line after the last paragraph: a "- News" section tag or a related headline."""
    text = _LIST_MARKER.sub("", line.text, count=1) if _LIST_MARKER.match(line.text) else line.text
    words = _WORD.findall(text)
    if not words or text[-1] in '.!?"”’':
        return False
    if in_related:
        return len(words) <= _RELATED_MAX_WORDS
    return len(words) <= 4 and _title_case(words)


def _mark_roles(lines: list[_Line], reasons: list[str | None]) -> None:
    """The job title under a byline ("Eastern Europe correspondent")."""
    for i in range(1, len(lines)):
        line = lines[i]
        if (
            reasons[i] is None
            and reasons[i - 1] == "byline"
            and len(line.words) <= 6
            and line.text[-1] not in ".!?"
            and _BYLINE_ROLE.search(line.text)
        ):
            reasons[i] = "byline"


def _mark_banner_neighbours(lines: list[_Line], reasons: list[str | None]) -> None:
    """Short lines that belong to a consent banner: its heading and its buttons."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        previous: str | None = None
        for i in order:
            line = lines[i]
            if (
                previous == "cookie banner"
                and reasons[i] in (None, "button")
                and len(line.words) <= _BANNER_NEIGHBOUR_MAX_WORDS
                and (
                    reasons[i] == "button"
                    or _BANNER_WORDS.intersection(word.lower() for word in line.words)
                )
            ):
                reasons[i] = "cookie banner"
            previous = reasons[i]


def _mark_caption_neighbours(lines: list[_Line], reasons: list[str | None]) -> None:
    """A "(pictured)" line next to a caption or credit is a caption even with a full stop."""
    for i, line in enumerate(lines):
        if reasons[i] is not None or not _PICTURED.search(line.text) or _has_quote(line.text):
            continue
        if _ATTRIBUTION.intersection(word.lower() for word in line.words):
            continue
        if len(line.words) > _CAPTION_MAX_WORDS:
            continue
        near = [reasons[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if {"caption", "photo credit"} & set(near) and _sentence_count(line.text) == 1:
            reasons[i] = "caption"


def _mark_photo_titles(lines: list[_Line], reasons: list[str | None]) -> None:
    """A name alone right above a caption is the photo's alt text: "Janet Yellen" over
    "Federal Reserve Chairwoman Janet L. Yellen removes her glasses ...".

    Only a name (every word capitalised, at most PHOTO_NAME_WORDS words, no punctuation):
    a headline above a caption looks like any photo title ("Millions Return Home As Pacific
    Tsunami Warnings Lifted"), and a lost headline is worse than a kept title.
    """
    for i in range(len(lines) - 1):
        words = lines[i].words
        if (
            reasons[i] is None
            and reasons[i + 1] == "caption"
            and len(words) <= _PHOTO_NAME_WORDS
            and all(word[:1].isupper() for word in words)
            and lines[i].text[-1] not in _PROSE_END
            and not _has_quote(lines[i].text)
        ):
            reasons[i] = "caption"


def _mark_reader_comments(lines: list[_Line], reasons: list[str | None]) -> None:
    """The paragraph right above a comment's signature ("Posted by name | Reply") is the comment.

    Only a signature with a comment control counts: "Posted by <author>" alone also closes a
    blog post, whose last paragraph is the story.
    """
    for i in range(1, len(lines)):
        if (
            reasons[i] == "comment form"
            and reasons[i - 1] is None
            and _COMMENT_SIGNATURE.match(lines[i].text)
        ):
            reasons[i - 1] = "reader comment"


def _mark_duplicates(lines: list[_Line], reasons: list[str | None]) -> None:
    """A content line repeated word for word (a headline shown twice) is furniture the 2nd time."""
    seen: set[tuple[str, ...]] = set()
    for i, line in enumerate(lines):
        key = tuple(word.lower() for word in line.words)
        if reasons[i] is not None or len(key) < 3:
            continue
        if key in seen:
            reasons[i] = "duplicate line"
        seen.add(key)
