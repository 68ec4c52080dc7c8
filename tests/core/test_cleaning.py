"""Page furniture: each rule alone, whole pages in the style of other sites, and the sample."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.eval.realpages_furniture import DEFAULT_DIR as REALPAGES_DIR
from tests.eval.realpages_furniture import load_pages as load_real_pages
from tests.eval.realpages_furniture import score as score_real_pages
from tests.eval.segmentation import furniture, load_annotations
from tui.core.cleaning import find_boilerplate
from tui.core.models import Boilerplate
from tui.core.segmenting import segment

HEADLINE = "Ministers agree new package of measures after overnight talks"
BODY_BEFORE = (
    "Ministers from the group met in Brussels on Monday and agreed a new package of measures,"
    " officials said."
)
BODY_AFTER = (
    "The measures will come into force next month, according to a statement released late on"
    " Monday evening."
)


def reason_of(text: str, line: str) -> str | None:
    """The reason of the furniture span covering `line` in `text`, None if it is content."""
    found = re.search(rf"(?<!\w){re.escape(line)}(?!\w)", text)
    assert found, line
    start, end = found.span()
    for span in find_boilerplate(text):
        if span.start <= start and end <= span.end:
            return span.reason
        assert not (span.start < end and start < span.end), f"{line!r} only partly furniture"
    return None


def in_body(line: str) -> str:
    return f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{line}\n\n{BODY_AFTER}\n"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param(
            "We use cookies and similar technologies to improve your experience and show"
            " personalised ads. By continuing you accept our privacy policy.",
            "cookie banner",
            id="cookie-banner",
        ),
        pytest.param("Share", "button", id="share"),
        pytest.param("close", "button", id="close"),
        pytest.param("Copy link", "button", id="copy-link"),
        pytest.param("Listen to this article", "button", id="listen"),
        pytest.param("Follow us on Facebook", "button", id="follow"),
        pytest.param("Story continues below advertisement", "button", id="continues-below"),
        pytest.param("Advertisement", "advertisement", id="advertisement"),
        pytest.param("f", "stray word", id="stray-letter"),
        pytest.param("Read more: Why the talks failed last year", "related link", id="read-more"),
        pytest.param("RELATED: Leaders clash over budget", "related link", id="related"),
        pytest.param("Image source, Getty Images", "photo credit", id="image-source"),
        pytest.param("Photo: Jane Smith", "photo credit", id="photo-colon"),
        pytest.param("Image caption, Leaders arrive for the summit", "caption", id="image-caption"),
        pytest.param(
            "WASHINGTON, DC - DECEMBER 03: Federal Reserve Chairman Janet Yellen testifies before"
            " a Joint Economic Committee hearing on Capitol Hill, December 3, 2015 in"
            " Washington, DC.",
            "caption",
            id="stock-photo-dateline",
        ),
        pytest.param(
            "Federal Reserve Chairwoman Janet L. Yellen removes her glasses as she testifies on"
            " Capitol Hill on Feb. 25. (Pablo Martinez Monsivais / Associated Press)",
            "caption",
            id="bracketed-name-agency-credit",
        ),
        pytest.param(
            "US Federal Reserve Chair Janet Yellen holds a news conference in Washington"
            " following the decision on 16 December 2015 Reuters",
            "caption",
            id="agency-after-unpunctuated-caption",
        ),
        pytest.param("December 16, 2015, 2:14 PM ET", "timestamp", id="us-time-zone"),
        pytest.param(
            "Leaders pose for a photo at the summit in Brussels, Belgium, on Oct. 28, 2024."
            " Omar Havana / AP",
            "caption",
            id="name-slash-agency",
        ),
        pytest.param(
            "A man walks past a poster in Berlin. REUTERS/Lisi Niesner",
            "caption",
            id="agency-slash",
        ),
        pytest.param(
            "Delegates wave flags in the hall (AP Photo/Virginia Mayo)", "caption", id="ap-photo"
        ),
        pytest.param(
            "FILE - The chancellor speaks in Berlin, Germany, Oct. 2, 2024.", "caption", id="file"
        ),
        pytest.param("Pictured: Delegates in the main hall", "caption", id="pictured-colon"),
        pytest.param(
            "The minister (pictured) has held the post since 2019", "caption", id="pictured"
        ),
        pytest.param(
            "Police officers stand guard outside the building in Brussels on Oct. 28, 2024.",
            "caption",
            id="present-tense-photo",
        ),
        pytest.param(
            "Reporting by Ana Lopez; Editing by Mark Heinrich", "credit", id="reporting-by"
        ),
        pytest.param(
            "Associated Press writer Lisa Mascaro contributed to this report.",
            "credit",
            id="contributed",
        ),
        pytest.param("© 2024 Example Media Ltd. All rights reserved.", "credit", id="copyright"),
        pytest.param("Sign up for our morning newsletter", "newsletter", id="newsletter"),
        pytest.param("Updated: 11:02 EDT, 28 October 2024", "timestamp", id="timestamp"),
        pytest.param("5 min read", "timestamp", id="read-time"),
        pytest.param("Home | World | Europe | Politics", "navigation", id="navigation"),
        pytest.param("pic.twitter.com/AbC123xyz", "social embed", id="embed"),
        pytest.param("* * *", "separator", id="separator"),
    ],
)
def test_furniture_line(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Background to the talks", id="subhead"),
        pytest.param("Analysis", id="one-word-subhead"),
        pytest.param("• Ministers agree a package of measures", id="bullet-summary"),
        pytest.param(
            "“We will not give up. We will win,” the minister said.", id="multi-sentence-quote"
        ),
        pytest.param(
            "North Korea enters the war on the side of the Russian Federation", id="present-subhead"
        ),
        pytest.param(
            "Mr Ivanov (pictured) said last year that the border was secure.", id="pictured-prose"
        ),
        pytest.param(
            "Russian forces fire dozens of drones at Ukrainian cities every night, officials say.",
            id="present-tense-prose",
        ),
        pytest.param("The rate rose against the dollar to 1.1 USD / EUR", id="slash-in-prose"),
        pytest.param("Leaders met at the NATO/EU summit in Vilnius", id="acronym-slash"),
        pytest.param(
            "The reporting by The Guardian shows more than 200 people were detained.",
            id="reporting-in-prose",
        ),
        pytest.param("Privacy campaigners said the law went too far.", id="privacy-prose"),
        pytest.param("Share prices fell sharply after the announcement.", id="share-prices"),
        pytest.param(
            "Regulators said the new cookie consent rules would curb tracking by advertising"
            " partners across Europe.",
            id="cookie-rules-prose",
        ),
        pytest.param("Updated figures will be released on Monday.", id="updated-prose"),
        pytest.param(
            "Ukrainian troops hold positions near Pokrovsk despite heavy shelling.",
            id="present-tense-report",
        ),
        pytest.param("Ukraine war | Live updates from the front", id="headline-with-pipe"),
    ],
)
def test_content_line_is_kept(line: str) -> None:
    text = in_body(line)
    marker = 2 if line.startswith("• ") else 0
    assert reason_of(text, line[marker:]) is None


def test_trailing_share_button_leaves_sentence() -> None:
    line = "NATO will keep supporting Ukraine, the Secretary General added. Share"
    text = in_body(line)
    share = text.index("Share")
    assert Boilerplate(share, share + 5, "button") in find_boilerplate(text)
    sentences = [s.text for s in segment("a", text, find_boilerplate(text))]
    assert "NATO will keep supporting Ukraine, the Secretary General added." in sentences


def test_header_labels_and_duplicate_headline() -> None:
    text = (
        "close\nDailyPlanet\n\nNews for Everyone\n\n"
        f"{HEADLINE}\nBreaking News\n\n{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n"
    )
    spans = {text[b.start : b.end]: b.reason for b in find_boilerplate(text)}
    assert spans["close"] == "button"
    assert spans["DailyPlanet"] == "site name"
    assert spans["News for Everyone"] == "tagline"
    assert spans["Breaking News"] == "section tag"
    assert spans[HEADLINE] == "duplicate line"
    assert reason_of(text, HEADLINE) is None  # the first copy is the headline: content


def test_footer_section_tag_and_related_list() -> None:
    text = (
        f"{HEADLINE}\n{BODY_BEFORE}\n{BODY_AFTER}\n- World\nRelated Topics\nEurope\nTrade talks\n"
    )
    spans = {text[b.start : b.end]: b.reason for b in find_boilerplate(text)}
    assert spans == {
        "- World": "section tag",
        "Related Topics": "related link",
        "Europe": "related link",
        "Trade talks": "related link",
    }


def test_front_matter_and_list_markers() -> None:
    text = "---\ntitle: T\n---\n• First point of the story\n-  Second point\n"
    spans = [(text[b.start : b.end], b.reason) for b in find_boilerplate(text, 17)]
    assert spans == [
        ("---\ntitle: T\n---", "front matter"),
        ("•", "list marker"),
        ("-", "list marker"),
    ]


def test_spans_are_sorted_disjoint_and_trimmed() -> None:
    text = "  close  \r\n\r\n Share \n" + in_body("Advertisement") + "f\n"
    spans = find_boilerplate(text)
    assert [text[b.start : b.end] for b in spans] == ["close", "Share", "Advertisement", "f"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


# Whole pages in the layouts of other outlets (invented text): (page, furniture, content).
BBC_LIKE = """Skip to content
Ukraine war: Kyiv says Russia fired 40 missiles overnight
Published
2 hours ago
Share
Save
By Jane Doe
Eastern Europe correspondent
Image source, Getty Images
Image caption, Firefighters work at the scene of a strike in Kharkiv on Tuesday
Russia launched one of its largest missile attacks in weeks overnight, Ukrainian officials said.
"This was a deliberate strike on civilians," President Volodymyr Zelensky wrote on social media.
Power cuts
Energy company officials said several regions were without electricity on Tuesday morning.
Advertisement
Moscow said it had targeted military infrastructure.
Related Topics
Russia-Ukraine war
More on this story
Kyiv hit by drones for third night
"""
REUTERS_LIKE = """World
Oil prices rise 3% after OPEC+ agrees output cut
By John Smith and Ana Lopez
October 28, 2024 4:12 PM UTC
Updated 2 hours ago
Listen to this article
3 min read
LONDON, Oct 28 (Reuters) - Oil prices rose about 3% on Monday after OPEC+ agreed to cut output.
Brent crude futures were up $2.10, or 2.8%, at $77.40 a barrel by 1200 GMT.
A worker walks past an oil pump jack in Midland, Texas, U.S. REUTERS/Eric Thayer
"The market was surprised by the size of the cut," said Tamas Varga of PVM Oil Associates.
Reporting by John Smith in London; Editing by Mark Heinrich
Our Standards: The Trust Principles.
Sign up for our daily briefing newsletter
© 2024 Example Agency. All rights reserved.
"""
AP_LIKE = """Lawmakers pass budget after all-night session

Copy link
Share
Print

WASHINGTON (AP) — The House passed a $1.2 trillion spending bill early Saturday.

FILE - Speaker Mike Johnson speaks at the Capitol. (AP Photo/J. Scott Applewhite, File)

The vote was 286-134, with more Democrats than Republicans supporting the package.

Advertisement

“We did our job,” Johnson told reporters after the vote. “Now the Senate has to do theirs.”

Read more: What the shutdown would have meant for federal workers

Associated Press writers Lisa Mascaro and Kevin Freking contributed to this report.
"""
TABLOID_LIKE = """MailWorld
Home | News | Sport | Money
Putin's war chief sacked after Kursk incursion
By TOM SMITH FOR MAILWORLD
Published: 10:15 EDT, 28 October 2024 | Updated: 11:02 EDT, 28 October 2024
• Defence chief removed by decree on Monday
• Kremlin says move was 'planned for months'
Russia's top general was dismissed on Monday, weeks after Ukrainian troops crossed into Kursk.
General Ivanov (pictured) has been replaced by his deputy
Troops ride on an armoured vehicle near Sudzha in the Kursk region on August 16, 2024.
The Kremlin said the change had been planned for months.
Mr Ivanov (pictured) said last year that the border was secure.
Pictured: Smoke rises over the town after shelling
We value your privacy
We and our partners use cookies to personalise content and ads. Accept or manage them.
Accept all
Manage preferences
"""
CNN_LIKE = """World
Europe
North Korean troops in Russia’s Kursk region, NATO confirms
By Christian Edwards, CNN
3 minute read
Updated 11:02 AM EDT, Mon October 28, 2024
Link Copied!
Follow:
Rutte speaks during a press conference in Brussels on October 28, 2024. Omar Havana/AP
Video Ad Feedback
02:14 - Source: CNN
See More Videos
North Korean troops have been deployed to Russia’s Kursk region, NATO confirmed Monday.
“Today I can confirm that North Korean troops have been sent to Russia,” Rutte told reporters.
The deployment follows weeks of reports from South Korean intelligence.
"""
GUARDIAN_LIKE = """Russia
This article is more than 1 year old
Nato says North Korean troops deployed to Kursk region
Alliance chief Mark Rutte says deployment marks ‘significant escalation’ in Russia’s war
Mon 28 Oct 2024 14.05 GMT
Share
Nato has confirmed that North Korean troops have been sent to Russia and deployed to Kursk.
Mark Rutte, the alliance’s secretary general, said the move was a sign of desperation.
Explore more on these topics
Russia
North Korea
news
Reuse this content
"""
ALJAZEERA_LIKE = """News|Russia-Ukraine war
NATO confirms North Korean troops deployed to Russia’s Kursk
Alliance chief says the deployment marks a ‘significant escalation’.
Published On 28 Oct 2024
Kim Jong Un inspects a missile launch at an undisclosed location [File: KCNA via Reuters]
Click here to share on social media
share2
NATO has confirmed that North Korean troops have been deployed to Russia’s Kursk region.
list of 4 items
list 1 of 4
Ukraine says North Korean troops will be on the battlefield within days
end of list
The alliance’s secretary general, Mark Rutte, called it a dangerous expansion of the war.
Source: Al Jazeera and news agencies
"""
PAGES = {
    "cnn-like": (
        CNN_LIKE,
        [
            "World",
            "Europe",
            "By Christian Edwards, CNN",
            "3 minute read",
            "Updated 11:02 AM EDT, Mon October 28, 2024",
            "Link Copied!",
            "Follow:",
            "Rutte speaks during a press conference in Brussels on October 28, 2024."
            " Omar Havana/AP",
            "Video Ad Feedback",
            "02:14 - Source: CNN",
            "See More Videos",
        ],
        ["North Korean troops in Russia’s Kursk region, NATO confirms"],
    ),
    "guardian-like": (
        GUARDIAN_LIKE,
        [
            "This article is more than 1 year old",
            "Mon 28 Oct 2024 14.05 GMT",
            "Share",
            "Explore more on these topics",
            "North Korea",
            "news",
            "Reuse this content",
        ],
        [
            "Nato says North Korean troops deployed to Kursk region",
            "Alliance chief Mark Rutte says deployment marks ‘significant escalation’ in"
            " Russia’s war",
        ],
    ),
    "aljazeera-like": (
        ALJAZEERA_LIKE,
        [
            "News|Russia-Ukraine war",
            "Published On 28 Oct 2024",
            "Kim Jong Un inspects a missile launch at an undisclosed location"
            " [File: KCNA via Reuters]",
            "Click here to share on social media",
            "share2",
            "list of 4 items",
            "list 1 of 4",
            "Ukraine says North Korean troops will be on the battlefield within days",
            "end of list",
            "Source: Al Jazeera and news agencies",
        ],
        ["NATO confirms North Korean troops deployed to Russia’s Kursk"],
    ),
    "bbc-like": (
        BBC_LIKE,
        [
            "Skip to content",
            "Published",
            "2 hours ago",
            "Share",
            "Save",
            "By Jane Doe",
            "Eastern Europe correspondent",
            "Image source, Getty Images",
            "Image caption, Firefighters work at the scene of a strike in Kharkiv on Tuesday",
            "Advertisement",
            "Related Topics",
            "Russia-Ukraine war",
            "More on this story",
            "Kyiv hit by drones for third night",
        ],
        [
            "Ukraine war: Kyiv says Russia fired 40 missiles overnight",
            "Power cuts",
            "Moscow said it had targeted military infrastructure.",
        ],
    ),
    "reuters-like": (
        REUTERS_LIKE,
        [
            "World",
            "By John Smith and Ana Lopez",
            "October 28, 2024 4:12 PM UTC",
            "Updated 2 hours ago",
            "Listen to this article",
            "3 min read",
            "A worker walks past an oil pump jack in Midland, Texas, U.S. REUTERS/Eric Thayer",
            "Reporting by John Smith in London; Editing by Mark Heinrich",
            "Our Standards: The Trust Principles.",
            "Sign up for our daily briefing newsletter",
            "© 2024 Example Agency. All rights reserved.",
        ],
        [
            "Oil prices rise 3% after OPEC+ agrees output cut",
            "Brent crude futures were up $2.10, or 2.8%, at $77.40 a barrel by 1200 GMT.",
        ],
    ),
    "ap-like": (
        AP_LIKE,
        [
            "Copy link",
            "Share",
            "Print",
            "Advertisement",
            "FILE - Speaker Mike Johnson speaks at the Capitol."
            " (AP Photo/J. Scott Applewhite, File)",
            "Read more: What the shutdown would have meant for federal workers",
            "Associated Press writers Lisa Mascaro and Kevin Freking contributed to this report.",
        ],
        [
            "Lawmakers pass budget after all-night session",
            "“We did our job,” Johnson told reporters after the vote.",
            "“Now the Senate has to do theirs.”",
        ],
    ),
    "tabloid-like": (
        TABLOID_LIKE,
        [
            "MailWorld",
            "Home | News | Sport | Money",
            "By TOM SMITH FOR MAILWORLD",
            "Published: 10:15 EDT, 28 October 2024 | Updated: 11:02 EDT, 28 October 2024",
            "General Ivanov (pictured) has been replaced by his deputy",
            "Troops ride on an armoured vehicle near Sudzha in the Kursk region on August 16,"
            " 2024.",
            "Pictured: Smoke rises over the town after shelling",
            "We value your privacy",
            "Accept all",
            "Manage preferences",
        ],
        [
            "Putin's war chief sacked after Kursk incursion",
            "Defence chief removed by decree on Monday",
            "Kremlin says move was 'planned for months'",
            "Mr Ivanov (pictured) said last year that the border was secure.",
        ],
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_of_other_outlets(name: str) -> None:
    text, furniture_lines, content_lines = PAGES[name]
    for line in furniture_lines:
        assert reason_of(text, line) is not None, f"furniture kept: {line!r}"
    sentences = {s.text for s in segment(name, text, find_boilerplate(text))}
    for line in content_lines:
        assert reason_of(text, line) is None, f"content dropped: {line!r}"
        assert line in sentences
    # Every line of these pages is either listed furniture or prose with a full stop, a
    # headline, a subhead or a bullet: nothing else may disappear.
    kept = [s for s in sentences if s not in content_lines]
    assert all(s.endswith((".", "”", '"')) or s in content_lines for s in kept), kept


def test_sample_furniture_annotation() -> None:
    """Every annotated furniture span is boilerplate and no annotated sentence touches any."""
    precision, recall = furniture(load_annotations())
    assert not precision.failures, "\n".join(precision.failures)
    assert not recall.failures, "\n".join(recall.failures)
    assert recall.total > 900  # the annotation really was read
    assert precision.found == precision.total and recall.found == recall.total


@pytest.mark.parametrize(
    "headline",
    [
        pytest.param("Russia fires 40 missiles at Ukraine in overnight attack", id="no-stop"),
        pytest.param(
            "Troops march into the border town in a show of force on Monday.", id="with-stop"
        ),
    ],
)
def test_present_tense_headline_is_not_a_caption(headline: str) -> None:
    text = f"{headline}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n"
    assert reason_of(text, headline) is None


def test_hard_wrapped_paragraph_is_judged_whole() -> None:
    """A wrapped fragment ("Troops fire artillery at positions near ...") is not a caption."""
    paragraph = (
        "Russian forces launched one of the largest attacks of the war overnight,\n"
        "firing 40 missiles and dozens of drones at cities across Ukraine, the air\n"
        "force said on Tuesday. Troops fire artillery at positions near the town of\n"
        "Pokrovsk every day, according to the general staff."
    )
    text = f"{HEADLINE}\n\n{paragraph}\n\n{BODY_AFTER}\n"
    assert find_boilerplate(text) == ()
    assert len(segment("a", text, ())) == 4


# Forms found on real pages of other sites (wire copy, state agencies, regional papers,
# broadcasters), written here as invented text in the same style.
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("Editor: Wang Lei 丨Newswire", "credit", id="editor-credit"),
        pytest.param("(Editor:LiuMin、Zhao Jun)", "credit", id="editor-credit-parenthesised"),
        pytest.param("(Newswire) Updated: 2021-03-04 09:15", "timestamp", id="source-updated"),
        pytest.param(
            "Wire | Lagos | Updated: 04-03-2021 09:15 GMT | Created: 04-03-2021 09:02 GMT",
            "timestamp",
            id="source-city-updated-created",
        ),
        pytest.param("Newswire)  08:41, March 4, 2021", "timestamp", id="source-then-time"),
        pytest.param("2021-03-04 10:15 2,634 views", "timestamp", id="date-and-views"),
        pytest.param(
            "Estimated reading time 4 minutes 4 Min", "timestamp", id="estimated-reading-time"
        ),
        pytest.param("Homepage > World > Asia", "navigation", id="breadcrumb-gt"),
        pytest.param("Edition >> Politics", "navigation", id="breadcrumb-two-items"),
        pytest.param(
            "Soldiers clear rubble from a collapsed school in the north of the country."
            " [Photo/Newswire]",
            "caption",
            id="bracket-photo-agency",
        ),
        pytest.param(
            "Firefighters douse a burning warehouse on the edge of the city on March 4, 2021."
            " (Newswire/Li Wei)",
            "caption",
            id="agency-slash-photographer",
        ),
        pytest.param(
            "A bus lies on its side after the storm in the port city. Picture: AFP",
            "caption",
            id="picture-colon-tail",
        ),
        pytest.param(
            "Delegates leave the conference hall in Geneva on Monday. Photo by the UN under"
            " CC BY 2.0.",
            "caption",
            id="photo-by-tail",
        ),
        pytest.param(
            "Volunteers carry sandbags along the river bank (Photo: AP)",
            "caption",
            id="photo-in-parentheses",
        ),
        pytest.param(
            "The army has sent 2,000 troops to the flooded district [Newswire Agency]",
            "caption",
            id="bracketed-agency",
        ),
        pytest.param(
            "A satellite photo shows the flooded plain south of the capital",
            "caption",
            id="photo-shows",
        ),
        pytest.param("Representative Image (PTI)", "photo credit", id="representative-image"),
        pytest.param("Image source Newswire", "photo credit", id="image-source-no-comma"),
        pytest.param("ab/cd (Reuters, AFP, dpa)", "credit", id="editor-initials"),
        pytest.param(
            "(Adds comment from finance ministry in paragraph 5)", "credit", id="wire-update-note"
        ),
        pytest.param(
            "Some information for this report provided by Reuters and AFP.",
            "credit",
            id="information-provided-by",
        ),
        pytest.param("/ Source: The Associated Press", "credit", id="slash-source"),
        pytest.param(
            "(Thanks to Radio Nord for the translation.)", "credit", id="thanks-translation"
        ),
        pytest.param("Leave a Reply", "comment form", id="leave-a-reply"),
        pytest.param(
            "Your email address will not be published. Required fields are marked *",
            "comment form",
            id="comment-email",
        ),
        pytest.param("Posted by reader42 | Report as abusive", "comment form", id="report-abuse"),
        pytest.param("Please enter your comment!", "comment form", id="enter-comment"),
        pytest.param(
            "We welcome comments that add to the story. If you see a comment you think breaks"
            " our rules, flag it to our moderators. Comments do not reflect our views.",
            "comment form",
            id="comment-policy",
        ),
        pytest.param("Previous Article", "related link", id="previous-article"),
        pytest.param("Next Story", "related link", id="next-story"),
        pytest.param(
            "(Read more: Why the central bank held rates in March)",
            "inline link",
            id="read-more-paren",
        ),
        pytest.param("Accessibility links", "button", id="accessibility-links"),
        pytest.param("Link copied to clipboard", "button", id="link-copied"),
        pytest.param("Share it", "button", id="share-it"),
        pytest.param("brandname brandname", "repeated label", id="repeated-alt-text"),
        pytest.param(
            "https://www.example.com/world/2021/03/04/story.html", "stray word", id="bare-url"
        ),
        pytest.param("flood-relief-photo", "stray word", id="slug"),
        pytest.param(
            "Your browser is not supported. Please upgrade to a newer version.",
            "site notice",
            id="browser-notice",
        ),
        pytest.param(
            "You are not logged in. Please log in to read the full story.",
            "site notice",
            id="login-notice",
        ),
    ],
)
def test_furniture_line_of_other_sites(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "A photo released by the ministry showed soldiers crossing the river.",
            id="photo-in-prose",
        ),
        pytest.param(
            "A photo taken by a resident shows smoke over the port.", id="photo-shows-with-stop"
        ),
        pytest.param(
            "Rescue teams told officials by satellite phone (via a relay station) that they had"
            " reached the village.",
            id="via-inside-sentence",
        ),
        pytest.param("Updated: May Day protests turn violent", id="updated-headline-month"),
        pytest.param("Updated: Rescue teams reach cut-off villages", id="updated-headline"),
        pytest.param("Editorial: The budget is a missed chance", id="editorial-label"),
        pytest.param(
            "The minister declined to comment, and her office said comments by officials online"
            " were under review.",
            id="comments-in-prose",
        ),
        pytest.param("Thanks to the rain, the fire was contained by Tuesday.", id="thanks-prose"),
        pytest.param("Next steps for the coalition", id="next-subhead"),
        pytest.param("The Previous Government", id="previous-subhead"),
        pytest.param("Ukraine / Russia talks", id="slash-label"),
    ],
)
def test_content_line_of_other_sites_is_kept(line: str) -> None:
    assert reason_of(in_body(line), line) is None


@pytest.mark.parametrize(
    ("sentence", "credit"),
    [
        pytest.param(
            "The toll rose to 400 overnight, state media reported.",
            "(Via Getty Images)",
            id="via-getty",
        ),
        pytest.param('"We need help," the mayor said.', "(Via Broadcaster)", id="via-after-quote"),
        pytest.param(
            "The bank raised rates by 50 basis points on Wednesday.", "(QNA)", id="acronym"
        ),
        pytest.param("Four people were injured, police said.", "(Reuters)", id="agency"),
    ],
)
def test_trailing_credit_leaves_the_sentence_whole(sentence: str, credit: str) -> None:
    line = f"{sentence} {credit}"
    text = in_body(line)
    start = text.index(credit)
    spans = find_boilerplate(text)
    assert Boilerplate(start, start + len(credit), "credit") in spans
    assert sentence in [s.text for s in segment("a", text, spans)]


def test_caption_between_headline_and_byline() -> None:
    """Wire copy: headline, the photo's caption, byline, then the datelined first paragraph."""
    caption = "Residents walk past collapsed houses in the old town of the province"
    byline = "By Jane Doe and John Roe"
    text = f"{HEADLINE}\n\n{caption}\n\n{byline}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n"
    assert reason_of(text, caption) == "caption"
    assert reason_of(text, byline) == "byline"
    assert reason_of(text, HEADLINE) is None


def test_present_tense_dek_without_byline_is_kept() -> None:
    """The same line with no byline under it may be the story's dek: it stays content."""
    dek = "Residents walk past collapsed houses in the old town of the province"
    text = f"{HEADLINE}\n\n{dek}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n"
    assert reason_of(text, dek) is None


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(
            "KUNMING, Aug. 3 (Newswire) -- A strong earthquake jolted a county in the province"
            " on Sunday, officials said.",
            id="agency-dateline",
        ),
        pytest.param(
            "BEIJING — A strong earthquake jolted a county in the province on Sunday, officials"
            " said.",
            id="city-dateline",
        ),
        pytest.param(
            "ROME, Italy (Reuters) – A strong earthquake jolted a county in the province on"
            " Sunday, officials said.",
            id="city-country-agency",
        ),
        pytest.param(
            "By Anna Berg – OSLO (Nordwire) – The central bank raised its key rate on Thursday,"
            " the bank said.",
            id="byline-and-dateline",
        ),
    ],
)
def test_dateline_stays_in_its_sentence(first: str) -> None:
    """A dateline or byline glued to the first sentence is part of it, never a span of its own.

    Cutting it off would need to know where the dateline ends; a wrong guess loses words of the
    story, which is worse than a dateline kept.
    """
    text = f"{HEADLINE}\n\n{first}\n\n{BODY_AFTER}\n"
    assert find_boilerplate(text) == ()
    assert first in [s.text for s in segment("a", text, ())]


def test_real_pages_lose_no_content() -> None:
    """On the hand-annotated real pages (kept outside the repository), nothing of a story is lost.

    Runs only where the pages are present (see tests/eval/realpages_furniture.py).
    """
    if not (REALPAGES_DIR / "annotations.yaml").is_file():
        pytest.skip(f"no annotated real pages in {REALPAGES_DIR}")
    report = score_real_pages(load_real_pages(REALPAGES_DIR))
    assert not report.lost, "\n".join(report.lost)
    assert report.gold > 1000  # the annotation really was read


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("news2 hours ago", "timestamp", id="section-glued-to-relative-time"),
        pytest.param(
            "Jane Roe | Daily Planet | Getty Images", "photo credit", id="pipe-separated-credit"
        ),
    ],
)
def test_more_furniture_lines(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("The blast happened 3 days ago", id="relative-time-in-prose"),
        pytest.param("Sen. Jane Doe (R) has blocked the bill.", id="party-letter-in-prose"),
        pytest.param("The bank said the decision was taken by Reuters", id="agency-in-prose"),
        pytest.param("Officials briefed reporters from AP and Reuters.", id="agencies-named"),
        pytest.param(
            "SEOUL - North Korea sent troops, officials said on Monday.", id="dateline-not-caption"
        ),
    ],
)
def test_more_content_lines_are_kept(line: str) -> None:
    assert reason_of(in_body(line), line) is None


def test_caption_with_position_markers_above_its_credit() -> None:
    """ "(L)", "(C)" say who stands where; an initial ("J.D.") does not end its sentence."""
    caption = (
        "Finance minister Ana Ruiz (C) with her deputy J.D. Mora (L) and aides before the"
        " budget speech in the capital on March 4, 2021."
    )
    text = in_body(f"{caption}\nJane Roe | Daily Planet | Getty Images")
    assert reason_of(text, caption) == "caption"


def test_reader_comment_above_its_signature() -> None:
    comment = "I think the council should have acted years ago, before the river flooded again."
    signature = "Posted by riverwatcher | Report as abusive"
    text = in_body(f"{comment}\n\n{signature}")
    assert reason_of(text, signature) == "comment form"
    assert reason_of(text, comment) == "reader comment"


def test_blog_post_signature_keeps_the_last_paragraph() -> None:
    """ "Posted by <author>" without a comment control closes the post, which stays content."""
    text = in_body("Posted by Jane Doe at 10:15")
    assert reason_of(text, BODY_BEFORE) is None
    assert reason_of(text, HEADLINE) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("Follow us on Mastodon for the latest updates", "button", id="follow-us"),
        pytest.param(
            "For breaking news follow our channel on your favourite messaging app.",
            "button",
            id="follow-our-channel",
        ),
        pytest.param("Be the first to share this story with friends", "button", id="share-cta"),
        pytest.param("Download the NewsNow app for alerts", "button", id="download-app"),
        pytest.param("Click here to see all our coverage.", "button", id="click-here"),
        pytest.param("Add Example Daily as a preferred source", "button", id="preferred-source"),
        pytest.param("Turn on notifications", "button", id="notifications"),
        pytest.param("Already a subscriber? Log in", "site notice", id="paywall-login"),
        pytest.param("You have reached your free article limit.", "site notice", id="paywall"),
        pytest.param("Monthly $9.99 / month", "paywall", id="plan-price"),
        pytest.param("Annual £99 £49", "paywall", id="plan-prices"),
        pytest.param("More follows", "update note", id="more-follows"),
        pytest.param("This is a developing story.", "update note", id="developing"),
        pytest.param("@newsdesk @metro_desk", "social", id="handles"),
        pytest.param("Watch the full interview in the video below:", "video", id="video-prompt"),
        pytest.param("Duration: 02:14", "video", id="duration"),
        pytest.param("File photo", "caption", id="file-photo"),
        pytest.param("Representational image", "caption", id="representational-image"),
        pytest.param("**No image available**", "caption", id="no-image"),
        pytest.param("More...", "related link", id="more-dots"),
        pytest.param("Source(s): Agencies", "credit", id="sources-bracket"),
        pytest.param("• 3 hours ago", "timestamp", id="bulleted-relative-time"),
        pytest.param("Posted by Jane Roe on Friday, March 16, 2018", "byline", id="posted-by"),
        pytest.param("Have your say", "comment form", id="have-your-say"),
        pytest.param("Comments are closed.", "comment form", id="comments-closed"),
        pytest.param(
            "You are commenting using your Example account. Log Out / Change )",
            "comment form",
            id="blog-comment-form",
        ),
        pytest.param(
            "To keep our community safe we are temporarily suspending article commenting",
            "comment form",
            id="comments-suspended",
        ),
        pytest.param(
            "About Us Contact Us Privacy Policy Terms of Use Careers Sitemap",
            "navigation",
            id="site-links-row",
        ),
    ],
)
def test_calls_to_action_paywalls_and_widgets(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(
            "Police urged residents to share the photo with friends and neighbours.",
            id="appeal-to-share",
        ),
        pytest.param("It felt like our whole street was shaking, she said.", id="like-our"),
        pytest.param("He was already a member of the cabinet in 2019.", id="already-a-member"),
        pytest.param("Workers earn a daily $5 wage at the plant.", id="daily-wage"),
        pytest.param("Netflix raises its price to $20/month", id="price-headline"),
        pytest.param(
            "Residents could watch the video of the collapse shot from above.",
            id="watch-video-in-prose",
        ),
        pytest.param(
            "Users must download the app to receive the official warnings.", id="download-prose"
        ),
        pytest.param("Breaking News", id="breaking-label-is-not-a-wire-note"),
        pytest.param("Join us, the mayor urged the crowd outside city hall.", id="join-us-prose"),
        pytest.param("Home/away split haunts United", id="home-slash-headline"),
    ],
)
def test_calls_to_action_in_prose_are_kept(line: str) -> None:
    assert reason_of(in_body(line), line) is None


def test_headline_list_after_the_story_is_related_links() -> None:
    """Three title-case lines without full stops below the last paragraph: a list of links."""
    links = [
        "- The Quiet Revolution in City Buses",
        "- Column: Ten Ways to Fix the Housing Market",
        "- What the New Budget Means for Your Rent",
    ]
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n" + "\n".join(links) + "\n"
    for link in links:
        assert reason_of(text, link) == "related link"


def test_one_or_two_title_lines_after_the_story_stay() -> None:
    """Two title-case lines are too few for a list of links: they may close the story."""
    first, second = "What Comes Next for the City Council", "The Final Vote Is Expected in May"
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n{first}\n{second}\n"
    assert reason_of(text, first) is None
    assert reason_of(text, second) is None


def test_sentence_case_bullets_after_the_story_stay() -> None:
    bullets = ["• Arkansas and Tennessee – 10 dead", "• Memphis – three dead", "• Illinois – four"]
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n" + "\n".join(bullets) + "\n"
    for bullet in bullets:
        assert reason_of(text, bullet[2:]) is None


def test_short_line_between_furniture_below_the_story() -> None:
    text = (
        f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n\nAlready a subscriber? Sign in\n\n"
        "Best value\n\nMonthly $5 / month\n"
    )
    assert reason_of(text, "Best value") == "site notice"


def test_teaser_cut_off_and_repeated_below_is_furniture() -> None:
    teaser = (
        "Ministers from the group met in Brussels on Monday and agreed a new … Continue reading"
        " Ministers agree"
    )
    text = f"{HEADLINE}\n\n{teaser}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n"
    assert reason_of(text, teaser) == "teaser"
    assert reason_of(text, BODY_BEFORE) is None


def test_paragraph_ending_in_an_ellipsis_is_kept() -> None:
    """An ellipsis alone does not make a teaser: the words must reappear in another line."""
    line = "The minister paused, looked at the crowd and said nothing more for a long while …"
    assert reason_of(in_body(line), line) is None


@pytest.mark.parametrize(
    ("sentence", "tail", "reason"),
    [
        pytest.param(
            "Landslides are a frequent danger after heavy rains.", "| via Agency", "credit"
        ),
        pytest.param("The bridge had not yet opened to traffic.", "Duration: 00:34", "video"),
        pytest.param("The toll is expected to rise in the coming days…", "(read more)", "button"),
        pytest.param(
            "Rescuers worked through the night in heavy rain.",
            "Continue reading Rescuers race to find survivors",
            "button",
        ),
    ],
)
def test_trailing_link_or_credit_leaves_the_sentence(sentence: str, tail: str, reason: str) -> None:
    text = in_body(f"{sentence} {tail}")
    assert reason_of(text, tail) == reason
    sentences = [s.text for s in segment("a", text, find_boilerplate(text))]
    assert any(s.startswith(sentence[:30]) and tail not in s for s in sentences)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param(
            "Also Read | Port Strike Enters Its Second Week as Talks Stall Again.",
            "related link",
            id="also-read-bar",
        ),
        pytest.param("Home >News >World >Floods hit the north", "navigation", id="home-crumb"),
        pytest.param("2 min read . 06:33 AM IST Agency", "timestamp", id="read-time-lead"),
        pytest.param("By webdesk on 09:37 pm Apr 11, 2012", "byline", id="by-on-date"),
        pytest.param(
            "(This story has not been edited by our staff and is auto-generated from a"
            " syndicated feed.)",
            "credit",
            id="syndication-note",
        ),
        pytest.param("For representational purpose", "caption", id="representational"),
        pytest.param("P 80 per month", "paywall", id="price-per-month"),
        pytest.param("(billed annually at P 960)", "paywall", id="billed-annually"),
        pytest.param("TRY FREE FOR 14 DAYS", "site notice", id="try-free"),
        pytest.param("Ad-free access", "site notice", id="ad-free"),
        pytest.param(
            "• Limited offer: Subscribe today and get the print edition free",
            "site notice",
            id="limited-offer",
        ),
    ],
)
def test_labelled_links_plans_and_notes(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("By Tuesday evening at least 40 people had died", id="by-tuesday"),
        pytest.param("US GDP grew 2.1% in the second quarter", id="codes-and-numbers"),
        pytest.param("Home owners at risk as river rises", id="home-in-headline"),
        pytest.param(
            "The trial of the former mayor is set to begin next month.", id="trial-in-prose"
        ),
    ],
)
def test_look_alikes_of_labels_and_plans_are_kept(line: str) -> None:
    assert reason_of(in_body(line), line) is None


def test_short_lines_closing_the_page_after_furniture() -> None:
    """Short lines after a paywall, up to the end of the page, belong to it."""
    page_end = "TRY FREE FOR 14 DAYS\nSee details\nSee details\n"
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n\n{page_end}"
    assert [b.reason for b in find_boilerplate(text)][-2:] == ["site notice", "site notice"]


def test_related_teasers_cut_off_mid_word_are_not_the_story() -> None:
    """A teaser cut inside a word ("... in the flashpoint West…") is not a paragraph."""
    teasers = [
        "Port strike spreads to second city",
        "Dock workers in the second city joined the strike on Thursday as talks in the capit…",
    ]
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\n{BODY_AFTER}\n\nYou May Also Like\n\n" + "\n\n".join(
        teasers
    )
    for teaser in teasers:
        assert reason_of(text, teaser) == "related link"
    assert reason_of(text, BODY_AFTER) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("#Floods #Turkey #Izmir", "section tag", id="hashtags"),
        pytest.param("Adjust font size:", "button", id="font-size"),
    ],
)
def test_hashtag_rows_and_text_size_controls(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


def test_single_hashtag_in_prose_is_kept() -> None:
    line = "Protesters used the hashtag #NoMoreFloods to organise the march on Friday."
    assert reason_of(in_body(line), line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("Jane Roe, AP", "photo credit", id="name-agency"),
        pytest.param("Jan Kowal, EPA-EFE", "photo credit", id="name-agency-pair"),
        pytest.param("Ana Ruiz, Getty Images", "photo credit", id="name-stock-agency"),
    ],
)
def test_photographer_and_agency_line(line: str, reason: str) -> None:
    assert reason_of(in_body(line), line) == reason


def test_name_and_agency_inside_a_sentence_is_kept() -> None:
    line = "The photograph was taken by Jane Roe, AP, on the morning of the flood."
    assert reason_of(in_body(line), line) is None


def test_a_name_alone_above_a_caption_is_its_alt_text() -> None:
    caption = (
        "Federal Reserve Chairwoman Janet L. Yellen removes her glasses as she testifies on"
        " Capitol Hill on Feb. 25. (Pablo Martinez Monsivais / Associated Press)"
    )
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\nJanet Yellen\n\n{caption}\n\n{BODY_AFTER}\n"
    assert reason_of(text, "Janet Yellen") == "caption"
    # A headline above a caption stays: only a bare name is taken for alt text.
    titled = f"Millions Return Home As Warnings Lifted\n\n{caption}\n\n{BODY_BEFORE}\n"
    assert reason_of(titled, "Millions Return Home As Warnings Lifted") is None


def test_present_tense_caption_under_its_credit() -> None:
    """No genre mark of its own (a full stop, no year, a plural subject), but its credit."""
    caption = "People walk by collapsed houses after the earthquake in Ludian County, Monday."
    text = f"{HEADLINE}\n\n{BODY_BEFORE}\n\nKyodo News/AP\n{caption}\n\n{BODY_AFTER}\n"
    assert reason_of(text, caption) == "caption"
    # The same line without a credit beside it reads as prose.
    assert reason_of(in_body(caption), caption) is None
