"""Jurisdiction packs: the pack schema, the engine that checks scripts against them, and the library."""
