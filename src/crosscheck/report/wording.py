"""How a claim reads on its own: the words its source printed, with its subject in brackets.

A claim cut from a coordinated sentence ("He said he'd brief Zelensky but did not say if Kyiv
was on an equal footing") or from a relative clause ("Witkoff, who was last week in Moscow,
...") starts without a subject, and listed on its own it says nothing a reader can check. The
claim's standalone statement has the subject back; it is shown here in brackets, as an editor
marks words added to a quotation: "[Donald Trump] did not say if Kyiv was on an equal footing".
Everything else stays as printed: the statement's other rewrites (a "he" replaced by the
person's name) serve matching, and a reader weighs the words the source chose.
"""
from __future__ import annotations

from crosscheck.model import Claim

_ANCHOR_WORDS = 3  # the claim's first words, found again in the statement after the subject


def shown(claim: Claim) -> str:
    """The claim's text on one line, "[subject] " before it when the clause starts without
    one (a claim that starts in lower case, whose statement restored a subject)."""
    text = " ".join(claim.text.split())
    if not text[:1].islower():
        return text
    statement = " ".join(claim.statement.split())
    anchor = " " + " ".join(text.split()[:_ANCHOR_WORDS])
    at = statement.find(anchor)
    # An appositive subject ends in its comma ("Indian Naval ship, INS Sukanya,"): dropped.
    subject = statement[:at].strip().rstrip(",;:").strip() if at > 0 else ""
    return f"[{subject}] {text}" if subject else text
