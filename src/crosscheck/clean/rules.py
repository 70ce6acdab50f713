"""The patterns that tell page text from prose, one kind of page text each.

Found by reading scraped local news (GVA dev pages other than the labelled sample): what a
scraper keeps around an article is a small set of recurring shapes. Each rule names a kind, so
a report can say what was set aside and why. A rule either matches a whole line (``LINE``) or
cuts a line from a marker to its end (``TAIL``: "… Read more →" after a story's own sentence).
"""
from __future__ import annotations

import re

_I = re.IGNORECASE

# (kind, pattern): the line is page text when the pattern matches at its start (re.match) and
# the line has at most ``MAX_WORDS[kind]`` words.
LINE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("caption", re.compile(r".*\b(?:Image|Photo) \d+ of \d*\b|.*\bBack to Gallery\b"
                           r"|.*\bCaption Close\b|\.? ?\(?(?:Photo|Photos|Photo credit|Image|File photo)"
                           r"(?: by|:| courtesy| credit)", _I)),
    # a caption with its credit: "... at this apartment on June 5, 2015. (Photo: WFAA)"
    ("credit", re.compile(r".*\([^()]{0,60}\b(?:Photo|Photos|Source|Published|Credit|Image|"
                          r"Courtesy|Video)\b[^()]*\)\s*$", _I)),
    ("caption", re.compile(r"(?:Buy Photo|Courtesy\b|EMBED\b|Embed\b.*Copy this code)")),
    ("transcript", re.compile(r"WEBVTT\b|\d\d:\d\d(?::\d\d)?[.,]\d{3} -->|>>|"
                              r"(?:Hide|Show|View) Transcript\b|\d* ?(?:VO/MINI-DISC|SOT|VO|NAT)$")),
    ("copyright", re.compile(r".*(?:©|\(c\) ?\d{4}|Copyright (?:\d{4}|©|[A-Z])"
                             r"|All rights reserved|may not be (?:published|reproduced))", _I)),
    ("social", re.compile(r".*(?:pic\.twitter\.com|https?://t\.co/|\(@\w+\) "
                          r"(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December) \d{1,2}, \d{4})")),
    ("login", re.compile(r".*(?:\{\*.*\*\}|Terms of (?:Service|Use)|Privacy Policy|"
                         r"Please enable Javascript|Already have an account|"
                         r"Why are we asking this|Thank you for registering|Welcome back\. |"
                         r"Click here to return|You must enter the characters|"
                         r"Email notifications are only sent|notification has been saved|"
                         r"problem saving your notification|Sign in using|"
                         r"A friend wanted you to see this|Thank you for reading|"
                         r"(?:log in|login|sign up)\b.{0,60}\bsubscri|online subscription|"
                         r"Need an account|Create one now|Print Subscriber|"
                         r"email notifications|posts new content|ad block|"
                         r"Having trouble viewing)", _I)),
    ("related", re.compile(r"(?:Related(?: Stories| Articles| Coverage| Content)?|RELATED|"
                           r"Read more|READ MORE|More from|Linked Articles|Also see|See also|"
                           r"Recommended|Trending(?: Now)?|Most Popular|You may also like|"
                           r"Click here to (?:read|watch|see|view)|Sponsored|Top Stories|"
                           r"MORE:|ALSO:|WATCH:|VIDEO:|PHOTOS:|GALLERY:|Tags:|Read or Share|STORY:|"
                           r"CLICK HERE)"
                           r"(?:\W|$)|Video (?=[A-Z])|[•·▪►»]|\d{1,2}:\d\d (?=[A-Z'\"‘“])|"
                           r"https?://\S+$|www\.\S+$")),
    ("banner", re.compile(r"(?:This is a breaking news|BREAKING(?: NEWS)?:?$|Breaking News$|"
                          r"Check back (?:later )?for|Refresh (?:this page|for)|"
                          r"Stay with .{2,40} for (?:updates|more|the latest)|"
                          r"Stay tuned|This (?:is a )?(?:developing|breaking) story|"
                          r"(?:We|This story) will (?:be updated|update)|"
                          r"Stay with .{2,40} (?:as|for)\b|"
                          r".{0,60}\b(?:will|'ll|’ll) (?:continue to )?(?:update|keep you updated|"
                          r"provide updates|bring you (?:more|updates))|"
                          r"(?:Never Miss a Beat )?Download (?:the|our) |\d+ (?:Pending )?Comments?$|"
                          r"Inc\. #|FOR IMMEDIATE RELEASE|Editor[’']s note:|Previous coverage|"
                          r"Warning: |"
                          r"Report an [Ee]rror|Report a typo|Submit a [Tt]ip|"
                          r"Advertisement$|ADVERTISEMENT$|Sign up for|Subscribe (?:to|now)|"
                          r"Download (?:the|our) .{0,30}app)", _I)),
    ("timestamp", re.compile(r"(?:Updated|Posted|Published|Last updated|Created|Modified)\b"
                             r"[^.!?]{0,60}$|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?"
                             r"|years?) ago$|(?:Date|Time|DATE|TIME): |(?:UPDATE|Update|ORIGINAL|"
                             r"Original(?: story| post)?)\b[^!?]{0,40}:$|(?:(?:Mon|Tues|Wednes|Thurs|Fri|"
                             r"Satur|Sun)day,? )?\d{1,2}:\d\d ?(?:a\.m\.|p\.m\.|am|pm|AM|PM)"
                             r"[^.!?]{0,20}$|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? "
                             r"[A-Z][a-z]+\.? \d{1,2},? \d{4}$")),
    ("byline", re.compile(r"By:? (?:[A-Z][\w.'’-]+ ?){1,4}(?:,|\||$| and | and$| in )|"
                          r".*\b(?:Staff Writer|Staff Reporter|Associated Press Writer|"
                          r"News Staff|Digital Producer|Web Producer)\b|Source: |"
                          r".*\bcontributed to this (?:report|story)|Contact [A-Z].{0,40} at \S+@|"
                          r"Follow (?:him|her|them|@)|Find (?:him|her|them) on|Contributing:|"
                          r"Twitter: |twitter\.com/|.*\bReach (?:him|her|them) at\b|"
                          r"[A-Z][\w.'’ -]{2,40} is an? (?:[\w-]+ ){0,3}(?:staff )?(?:writer|reporter)\b")),
    ("resource", re.compile(r"[A-Z][\w .,/&'’-]{3,60}: (?:\(?\d{3}\)?[-. ]\d{3}[-. ]?\w{4}|"
                            r"1-\d{3}-|www\.|\w+\.(?:org|com)\b)")),
)
# The most words a line of each kind has (prose that happens to begin like one runs longer).
MAX_WORDS = {"caption": 14, "byline": 14, "timestamp": 14, "related": 24, "banner": 25,
             "resource": 30, "credit": 60}

# Lines of a few words, all from a page's sharing and navigation bar ("Share this: Facebook",
# "Email", "Print", "Twitter", "Like this: Like Loading...").
SHARE_WORDS = frozenset("""read share shares shared this tweet email e-mail print facebook twitter
pinterest google linkedin reddit whatsapp tumblr messenger comments comment like likes loading
follow us on subscribe sign up more save copy link story article page text size a to join the
conversation stay date instagram youtube snapchat flipboard next previous prev home menu search
close open watch video photos gallery back top skip content and or newsletter""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# A dateline alone on its line: "HOUSTON", "LOS ANGELES (AP) —".
SEPARATOR = re.compile(r"[-_=*~•.]{3,}$")
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,30}(?:, [A-Z][a-z]{1,4}\.?)?(?: ?\([A-Z0-9 ]{2,10}\))?"
                      r"\s*[—–-]*$")

# Where a line that began as prose turns into page text: "… Read more →", "Linked Articles …",
# "Stay with Action News and ABC30.com for more."
TAIL: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("related", re.compile(r"(?:…|\.\.\.)?\s*Read more\s*(?:→|»|>>).*$|\s*(?:Linked|Related) Articles\b.*$"
                           r"|\s*(?:RELATED|Related):.*$")),
    ("banner", re.compile(r"(?<=[.!?”\"])\s+Stay with .{2,40} for (?:updates|more|the latest)"
                          r"[^.]*\.?$")),
    ("caption", re.compile(r"^.{0,200}?\b1 / 1 Back to Gallery\s*|^Photo: .{0,80}? Image 1 of"
                           r" .{0,400}? Back to Gallery\s*")),
)


def share_line(line: str) -> bool:
    """A line of at most eight words, all of a sharing or navigation bar."""
    words = [w.lower() for w in _WORD.findall(line)]
    return 0 < len(words) <= 8 and all(w in SHARE_WORDS for w in words) and not line.endswith(
        (".", "?", "!", "”", '"'))


def caps_line(line: str) -> bool:
    """A transcript's caption line: four or more words, nearly all letters capitals."""
    letters = [c for c in line if c.isalpha()]
    return (len(line.split()) >= 4 and len(letters) >= 12
            and sum(c.isupper() for c in letters) >= 0.9 * len(letters))
