"""Alignment: which claims of different articles may report the same thing."""
