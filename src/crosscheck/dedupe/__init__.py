"""Near-duplicates: exact and near copies (wire copy, re-posts) linked to their earliest version.

Word shingles (:mod:`.shingles`) → MinHash signatures (:mod:`.signatures`, datasketch) →
LSH candidates (:mod:`.index`) → an exact containment check and the earliest-version rule
(:mod:`.linker`).
"""
from crosscheck.dedupe.linker import CopyLinker, Link, earliest_key
from crosscheck.dedupe.signatures import DedupeSettings, Signed, sign

__all__ = ["CopyLinker", "DedupeSettings", "Link", "Signed", "earliest_key", "sign"]
