"""Corpus mode: a persistent store of articles grouped into stories, grown run by run.

``run`` adds inputs (near-duplicates, clustering, comparisons); ``listing``, ``story_view``
and ``export`` read the database back for the command line.
"""
