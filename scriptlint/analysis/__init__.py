"""Analysis: sandboxed Jinja parsing, the plain-text conventions, spoken text and the path analysis."""
