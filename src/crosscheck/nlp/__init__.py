"""Offline language models: spaCy for parsing, MiniLM for sentence embeddings."""
