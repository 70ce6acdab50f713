"""The conflict benchmark's parts: dev stories, labels and their matching, planted edits.

Used by ``bench/conflict_quality.py`` and its quality-gate test; never by the package.
"""
