"""The day of the story's event compared across reports: "an 11-year-old girl was killed on
Saturday night" / "a 12-year-old boy shot and killed an 11-year-old last Friday".

When a shooting happened is one fact of the story, like where (``addresses``), and the
sentences that give it are seldom aligned: one report opens with the day, another gives it
with the arrest. So each report's day of the event is read from its dates that a verb of the
event itself governs ("shot", "killed", "wounded", "happened", "broke out"), and two reports disagree when those days cannot both be
right (``dates.dates_conflict``: weekdays by name, a calendar date by its weekday). A report
whose own event days differ (a round-up of several shootings; "shot Saturday, found Sunday")
is left out, and so is a day long before publication (an earlier case), or one given with a
person the other report never names (a connected case).
"""
from __future__ import annotations

from collections.abc import Sequence

from crosscheck.claims.dates import dates_conflict
from crosscheck.claims.names import mentioned
from crosscheck.judge.facts import Found, claim_texts
from crosscheck.model import Claim, DateRef, Difference

# Verbs that tell the shooting itself happened; not "die" (hours or days later), "arrest",
# "charge" or "say", which date other events of the story.
EVENT_VERBS = frozenset({"shoot", "kill", "wound", "injure", "happen", "occur", "erupt",
                         "slay", "fire", "strike", "hit", "gun"})
REASON = "date of the event: {a} vs {b}"


def event_date_conflicts(claims: Sequence[Claim]) -> list[Found]:
    """Each pair of reports that give the event days that cannot both be right."""
    days: dict[str, list[tuple[Claim, DateRef]]] = {}
    for claim in claims:
        for date in claim.dates:
            if _of_the_event(date):
                days.setdefault(claim.article_id, []).append((claim, date))
    single = {article: found[0] for article, found in days.items()
              if not any(dates_conflict(found[0][1], d) for _, d in found[1:])}
    texts = claim_texts(claims)
    articles = sorted(single)
    found = []
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            (ca, da), (cb, db) = single[a], single[b]
            if (dates_conflict(da, db) and _known(ca, texts[b])
                    and _known(cb, texts[a])):
                diff = Difference("date", da.text, db.text, (da.start, da.end),
                                  (db.start, db.end))
                found.append(Found(ca, cb, diff, "the event",
                                   reason=REASON.format(a=da.text, b=db.text)))
    return found


def _known(claim: Claim, other: str) -> bool:
    """Whether the other report mentions every person the claim names: "the fatal shooting of
    3-year-old Aniaya Montgomery on Easter Sunday", in a report that never names her, is another
    shooting, not this story's."""
    return all(mentioned(e.text, other) for e in claim.entities
               if e.label == "PERSON" and len(e.text.split()) >= 2)


def _of_the_event(date: DateRef) -> bool:
    # a verb of the event, not an event noun: "connected to the fatal shooting of Aniaya
    # Montgomery on Easter Sunday" dates another shooting of the story
    return date.kind in ("weekday", "date") and not date.past and bool(
        set(date.verbs) & EVENT_VERBS)
