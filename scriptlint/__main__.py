"""`python -m scriptlint` runs the command line."""

from scriptlint.cli import main

main()
