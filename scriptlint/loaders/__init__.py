"""File loaders for vendor documents: Word, PDF, ZIP archives and timed call transcripts.

Each module is a plugin implementing `scriptlint_load_document` for its file types, registered through
the `scriptlint` entry points like any third-party loader; the library it needs (python-docx, pypdf)
is imported only when such a file is met, so runs on templates never load it.
"""
