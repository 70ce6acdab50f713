"""Claim extraction: sentences split into checkable claims with their slots."""
