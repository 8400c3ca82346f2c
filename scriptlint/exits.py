"""How the command ends: a failure is a one-line message and exit 2, a signal stops it like Ctrl-C, never a
traceback (the click adapter in scriptlint/cli.py wraps every command with `reports_errors`)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

# Exit codes for a run stopped by a signal: 128 + its number, as shells report it (Ctrl-C: 130).
EXIT_INTERRUPTED = 128 + 2


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP reached the run: it stops like Ctrl-C does (workers ended, no half-written file)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def reports_errors(command: F) -> F:
    """Turn failures into a one-line message and exit code 2; never show a traceback to the user.

    Ctrl-C exits 130 (128 + SIGINT), SIGTERM 143 and SIGHUP 129, after the workers are stopped and any
    temporary file removed: never 1, which CI recipes read as "findings".
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import signal

        from scriptlint.errors import ScriptlintError
        from scriptlint.model import printable

        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is signal.SIG_DFL:
                signal.signal(getattr(signal, name), _raise_terminated)
        try:
            return command(*args, **kwargs)
        except ScriptlintError as exc:
            click.echo(f"scriptlint: error: {printable(str(exc))}", err=True)
            sys.exit(2)
        except Terminated as exc:
            click.echo("\nscriptlint: stopped", err=True)
            sys.exit(128 + exc.signum)
        except KeyboardInterrupt:
            click.echo("\nscriptlint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader (`| head`) went away: not an error of ours.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("SCRIPTLINT_DEBUG"):
                raise
            click.echo(
                f"scriptlint: internal error: {type(exc).__name__}: {printable(str(exc))}"
                " (set SCRIPTLINT_DEBUG=1 to see the traceback, and please report it)",
                err=True,
            )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]
