"""Intake: from a file's bytes to a document's text and manifest (decoding, front matter, sources, loaders)."""
