"""Output formats, each a plugin registered through the `scriptlint` entry-point group."""
