"""The `scriptlint` command: a thin click adapter over the Python API in `scriptlint.lint`."""

from __future__ import annotations

import os
import sys

import click

from scriptlint.exits import reports_errors
from scriptlint.markers import __version__


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """Repeated and comma-separated option values as one tuple; None when the option was not given."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="scriptlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint call scripts for paid-for-by disclaimers, call-origin disclosure and state wording."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    metavar="NAME",
    help="Output format: text, json, sarif, github, junit, html (and any a plugin adds).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (e.g. PF,CO01).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add codes to the selection.")
@click.option("--state", "states", multiple=True, metavar="XX", help="Check for these target states instead.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Sample value for a template name.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Use this configuration file.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option("--exit-zero", is_flag=True, default=None, help="Exit 0 even with findings (2 still means failure).")
@click.option("--words-per-minute", type=click.IntRange(60, 400), default=None, help="Speaking rate [default: 150].")
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME", help="Do not load this plugin.")
@click.option(
    "--as-of", "as_of", metavar="DATE", help="Check pack rules in force on DATE (YYYY-MM-DD) [default: today]."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 512),
    default=None,
    help="Check files in N processes [default: one per CPU when there are enough files].",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    envvar="SCRIPTLINT_CACHE_DIR",
    help="Keep the result cache here [default: ~/.cache/scriptlint, or $XDG_CACHE_HOME/scriptlint; env: "
    "SCRIPTLINT_CACHE_DIR].",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the cache: no answers, and nothing kept (compiled patterns, parsed data and"
    " manifests, place lookups).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    default=None,
    help="Let folder walks follow symbolic links out of the folder given, and read files with several names.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes to templates, plain text and Markdown.")
@click.option("--diff", is_flag=True, help="Print the fixes --fix would apply as a unified diff; change nothing.")
@click.option("--verbose", "-v", is_flag=True, help="List the files and folders passed over, and why.")
@reports_errors
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    states: tuple[str, ...],
    variables: tuple[str, ...],
    config: str | None,
    no_config: bool,
    fail_on: str | None,
    exit_zero: bool | None,
    words_per_minute: int | None,
    disabled: tuple[str, ...],
    as_of: str | None,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
    follow_links: bool | None,
    quiet: bool,
    fix: bool,
    diff: bool,
    verbose: bool,
) -> None:
    """Check call scripts: files, or directories searched for templates (*.j2, *.jinja, *.jinja2),
    documents (*.txt, *.md, *.docx, *.pdf, *.zip) and transcripts (*.vtt, *.srt)."""
    from scriptlint import config as config_module
    from scriptlint.errors import ConfigError, PluginError
    from scriptlint.lint import open_session
    from scriptlint.model import Severity, printable, values
    from scriptlint.model.settings import Options

    if config and no_config:
        raise ConfigError("--config and --no-config cannot be used together")
    try:
        options = Options(
            select=config_module.parse_codes(",".join(select)) if select else None,
            ignore=config_module.parse_codes(",".join(ignore)) if ignore else None,
            extend_select=config_module.parse_codes(",".join(extend_select)) if extend_select else None,
            fail_on=Severity.parse(fail_on) if fail_on else None,
            exit_zero=exit_zero or None,
            states=config_module.parse_states(",".join(states)) if states else None,
            variables=config_module.parse_variables(list(variables)) if variables else None,
            words_per_minute=words_per_minute,
            disable_plugins=_split(disabled),
            as_of=values.day(as_of) if as_of else None,
            follow_links=follow_links,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    session = open_session(options=options, config=config, no_config=no_config)
    formatters = session.plugins.formatters
    formatter = formatters.get(output_format)
    if formatter is None:
        raise click.UsageError(f"unknown format {output_format!r}; choose from {', '.join(sorted(formatters))}")
    show_progress = (
        not quiet and not formatter.machine_readable and sys.stderr.isatty() and "PRE_COMMIT" not in os.environ
    )
    from_command_line = click.get_current_context().get_parameter_source("cache_dir")
    if no_cache and cache_dir and from_command_line == click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--cache-dir and --no-cache cannot be used together")
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    if diff or fix:
        from scriptlint.run.fixes import report

        outcomes = session.fix(paths or (".",), write=fix)
        diffs, summary = report(outcomes, applied=fix)
        click.echo(diffs, nl=False)
        click.echo(summary, err=True, nl=False)
        if diff:
            sys.exit(1 if any(outcome.changed for outcome in outcomes) else 0)
    cache: str | os.PathLike[str] | None = None
    if not no_cache:
        cache = cache_dir or session.default_cache_dir()
        if cache is None:
            click.echo(
                "scriptlint: warning: the user cache folder (~/.cache/scriptlint or $XDG_CACHE_HOME/scriptlint) is"
                " not a folder or there is no home folder; the result cache is not used",
                err=True,
            )
    result = session.lint(paths or (".",), progress=_progress if show_progress else None, jobs=jobs, cache_dir=cache)
    if show_progress:
        click.echo("\r\033[K", nl=False, err=True)
    color = output is None and not formatter.machine_readable and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    views = tuple(session.view_paths(paths or (".",))) if formatter.shows_paths else ()
    shown = result.report(color=color, quiet=quiet, views=views, verbose=verbose)
    try:
        rendered = formatter.render(shown)
    except Exception as exc:
        raise PluginError(
            f"output format {output_format!r} of plugin {formatter.plugin!r} failed: {type(exc).__name__}: {exc}"
        ) from exc
    if verbose and output_format != "text":
        for item in shown.skipped:
            click.echo(f"scriptlint: skipped {printable(item.path)}: {item.reason}", err=True)
    _deliver(rendered, output, color)
    sys.exit(result.exit_code)


def _deliver(rendered: str, output: str | None, color: bool) -> None:
    """The report to `--output` (written to a temporary file renamed into place), else to stdout."""
    from scriptlint.errors import ScriptlintError

    if output is not None:
        from scriptlint.intake.files import write_atomically

        try:
            write_atomically(output, rendered)
        except (OSError, UnicodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ScriptlintError(f"cannot write the report to {output}: {reason}") from None
        return
    try:
        click.echo(rendered, nl=False, color=color)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) went away: that is not an error of ours; keep the exit code.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _progress(done: int, total: int) -> None:
    """A progress line on stderr for long runs on a terminal (never for short runs or under pre-commit)."""
    if total >= 20 and (done == 1 or done % 10 == 0 or done == total):
        click.echo(f"\rscriptlint: checking {done}/{total} files", nl=False, err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Paths shown per script.")
@click.option("--state", "states", multiple=True, metavar="XX", help="Show the paths for these target states.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Sample value for a template name.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Use this configuration file.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@reports_errors
def paths(
    paths: tuple[str, ...],
    output_format: str,
    limit: int,
    states: tuple[str, ...],
    variables: tuple[str, ...],
    config: str | None,
    no_config: bool,
) -> None:
    """Show each distinct path of each script as the caller would speak it, with the disclosures said on it.

    Unspoken text (stage directions, comments) is shown in double brackets, placeholders in angle brackets;
    each disclosure the rules look for is listed with the word where the path first says it. Exits 1 when a
    file's paths could not all be shown (its problems are listed)."""
    import json

    from scriptlint import config as config_module
    from scriptlint.lint import open_session
    from scriptlint.model.settings import Options

    try:
        options = Options(
            states=config_module.parse_states(",".join(states)) if states else None,
            variables=config_module.parse_variables(list(variables)) if variables else None,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    session = open_session(options=options, config=config, no_config=no_config)
    views = tuple(session.view_paths(paths, limit=limit))
    if output_format == "json":
        document = {"scriptlint": __version__, "files": [view.as_dict() for view in views]}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for view in views:
            click.echo(view.as_text(), nl=False)
    # A file whose paths could not all be shown (unreadable, broken, over its limits) is not a clean answer.
    if any(view.problems for view in views):
        raise SystemExit(1)


PRE_COMMIT_SNIPPET = """repos:
  - repo: https://github.com/YOUR-ORG/scriptlint  # the URL of the scriptlint repository you use
    rev: v{version}  # the release tag of the installed scriptlint (README: Releasing), or a commit id
    hooks:
      - id: scriptlint
"""


@cli.command()
@reports_errors
def init() -> None:
    """Write a starter [tool:scriptlint] section to setup.cfg and print the pre-commit snippet."""
    from pathlib import Path

    from scriptlint.starter import add_starter_section

    target = add_starter_section(Path.cwd())
    click.echo(f"wrote a [tool:scriptlint] section to {target.name}")
    click.echo("\nAdd this to .pre-commit-config.yaml:\n")
    click.echo(PRE_COMMIT_SNIPPET.format(version=__version__))


@cli.command()
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME", help="Do not load this plugin.")
@reports_errors
def rules(disabled: tuple[str, ...]) -> None:
    """List every rule: code, default severity, plugin and summary."""
    from scriptlint.host.manager import build_plugins

    registered = build_plugins(disabled=_split(disabled) or ()).rules
    width = max(len(rule.plugin) for rule in registered.values())
    click.echo(f"{'CODE':<6} {'SEVERITY':<8} {'PLUGIN':<{width}} NAME: SUMMARY")
    for rule in registered.values():
        click.echo(f"{rule.code:<6} {rule.severity.label:<8} {rule.plugin:<{width}} {rule.name}: {rule.summary}")


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Use this configuration file.")
@reports_errors
def packs(output_format: str, config: str | None) -> None:
    """List the jurisdiction packs: each rule's citation, confidence, severity, dates and scope."""
    import json

    from scriptlint.lint import open_session
    from scriptlint.packs.describe import describe_packs, packs_text

    session = open_session(config=config)
    listed = describe_packs(session.packs())
    if output_format == "json":
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    click.echo("\n".join(packs_text(listed)))


@cli.command()
@click.argument("code")
@reports_errors
def explain(code: str) -> None:
    """Explain one rule: a code such as PF01, or a pack rule id such as NH-RSA-664:14-a or US-47CFR64.1200b1
    (parentheses may be left out, so no shell quoting is needed; any case)."""
    from scriptlint.errors import ScriptlintError
    from scriptlint.lint import open_session
    from scriptlint.packs.describe import explain_pack_rule, explain_parts

    session = open_session()
    registered = session.plugins.rules
    rule = registered.get(code.strip().upper())
    if rule is None:
        text = explain_pack_rule(session.packs(), code.strip())
        if text is None:
            raise ScriptlintError(f"unknown rule {code!r}; 'scriptlint rules' and 'scriptlint packs' list them all")
        for line in text.split("\n"):
            click.echo(click.wrap_text(line, width=100, subsequent_indent="    ") if line else "")
        return
    click.echo(f"{rule.code} ({rule.name}), {rule.severity.label} by default, from plugin {rule.plugin!r}")
    click.echo(f"\n{rule.summary}")
    for paragraph in rule.explanation.split("\n\n") if rule.explanation else []:
        click.echo("")
        for line in paragraph.split("\n"):
            click.echo(
                click.wrap_text(line, width=88, subsequent_indent="  " if line[:6] in ("Fails:", "Passes") else "")
            )
    for line in explain_parts(rule):
        click.echo(click.wrap_text(line, width=88, subsequent_indent="    ") if line else "")


@cli.command()
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Use this configuration file.")
@reports_errors
def law(config: str | None) -> None:
    """Print the law reference (Markdown): every rule, the calls it governs, its source and dates."""
    from scriptlint.lint import open_session
    from scriptlint.packs.describe import law_reference

    session = open_session(config=config)
    click.echo(law_reference(session.plugins.rules.values(), session.packs()), nl=False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="scriptlint")
