"""Training code, kept apart from run time: nothing under ``crosscheck`` that compares
articles imports from here."""
