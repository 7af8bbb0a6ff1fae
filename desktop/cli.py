"""The ``relmap`` command: open the window, or export, validate and convert without one.

Exit status: 0 success, 2 a bad dataset or bad arguments, 1 an internal error. Errors are one line
on stderr (``relmap: error: …``) with no traceback unless ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import __version__

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2
SUBCOMMANDS = ("export", "validate", "convert", "changes", "aggregate", "install-desktop", "uninstall-desktop")


class UsageError(Exception):
    """Bad arguments or a bad dataset: exit 2."""


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT (for example 1600x1000)") from None
    if not (16 <= width <= 16384 and 16 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be between 16 and 16384 pixels")
    return width, height


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="relmap", description="Relationship maps that change over time.")
    parser.add_argument("--version", action="version", version=f"relmap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    export = sub.add_parser("export", help="render the map to PNG, SVG, PDF, GIF or MP4, headless")
    from desktop.export.command import add_arguments as add_export_arguments

    add_export_arguments(export, _size)
    export.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    _reader_options(export)
    validate = sub.add_parser("validate", help="check a dataset and summarise it")
    validate.add_argument("dataset", type=Path, nargs="+",
                          help="a dataset file, or several files read as ordered snapshots of one network")
    validate.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    _reader_options(validate)
    convert = sub.add_parser("convert", help="convert a dataset to the native format or to GEXF")
    convert.add_argument("source", type=Path)
    convert.add_argument("target", type=Path)
    convert.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    _reader_options(convert)
    changes = sub.add_parser("changes", help="rank what changed between two dates: ties soured, warmed, "
                             "appeared, broke, and who moved most central")
    changes.add_argument("dataset", nargs="?", type=Path, help="dataset file (default: the built-in one)")
    changes.add_argument("--from", dest="start", required=True, help="the earlier date (YYYY-MM-DD)")
    changes.add_argument("--to", dest="end", required=True, help="the later date (YYYY-MM-DD)")
    changes.add_argument("--top", type=int, default=10, help="entries per list (default 10)")
    changes.add_argument("--json", action="store_true", help="one JSON object instead of text")
    changes.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    aggregate = sub.add_parser("aggregate", help="turn GDELT, ICEWS or ACLED event files into a dataset of "
                               "actor pairs per period (DuckDB, Spark or a database)")
    from desktop.events.command import add_arguments as add_aggregate_arguments

    add_aggregate_arguments(aggregate)
    aggregate.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    for name, what in (("install-desktop", "add Relmap to your application menu and open *.relmap.json files in it"),
                       ("uninstall-desktop", "remove what install-desktop added")):
        desk = sub.add_parser(name, help=what)
        desk.add_argument("--data-home", type=Path, help="XDG data folder (default: $XDG_DATA_HOME or ~/.local/share)")
        desk.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return parser


def _reader_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--network", type=int, metavar="N",
                        help="which network of a file holding several (a Pajek project): 1 is the first")


def _options(args: argparse.Namespace) -> dict[str, object]:
    """Reader options given on the command line (only those given, so every reader accepts them)."""
    network = getattr(args, "network", None)
    return {} if network is None else {"network": network}


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="relmap", description="Open the Relmap window. Subcommands: " + ", ".join(SUBCOMMANDS))
    parser.add_argument("dataset", nargs="?", type=Path, help="dataset file (default: the built-in one)")
    parser.add_argument("--at", help="date to open at")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"relmap {__version__}")
    return parser


def _load(path: Path | None, **options: object):  # type: ignore[no-untyped-def]
    from desktop.core.resources import builtin_dataset_path
    from desktop.io.problems import DatasetError
    from desktop.io.registry import load

    try:
        return load(path or builtin_dataset_path(), **options)
    except DatasetError as exc:
        raise UsageError(exc.details().replace("\n", "\n  ")) from None


def _check_at(text: str | None) -> None:
    """Refuse an ``--at`` that is neither a date nor a number before the window opens (exit 2, not a dialog)."""
    from desktop.core.time_axis import DATE_AXIS, TimeAxis, TimeParseError

    if text is None:
        return
    for axis in (DATE_AXIS, TimeAxis(kind="number")):
        try:
            axis.parse(text)
            return
        except TimeParseError:
            continue
    raise UsageError(f"--at: {text!r} is neither a date (YYYY-MM-DD, YYYY-MM, YYYY) nor a number")


def cmd_export(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.export.command import run
    from desktop.export.contract import ExportError

    try:
        print(run(args, lambda: _load(args.dataset, **_options(args)).dataset))
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK


def _load_series(paths: list[Path]):  # type: ignore[no-untyped-def]
    from desktop.io.problems import DatasetError
    from desktop.io.series import load_series, order_snapshots

    try:
        return load_series(order_snapshots(paths))
    except DatasetError as exc:
        raise UsageError(exc.details().replace("\n", "\n  ")) from None


def cmd_validate(args: argparse.Namespace) -> int:
    paths: list[Path] = args.dataset
    result = _load(paths[0], **_options(args)) if len(paths) == 1 else _load_series(paths)
    dataset = result.dataset
    start, end = dataset.span
    name = paths[0].name if len(paths) == 1 else f"{len(paths)} files as snapshots"
    print(f"{name}: {dataset.title}")
    print(f"  format:       {result.report.format_label}")
    print(f"  actors:       {len(dataset.actors)}")
    print(f"  events:       {len(dataset.events)}")
    print(f"  interactions: {dataset.interaction_count}")
    span = "static (no time)" if dataset.is_static else f"{dataset.axis.format(start)} – {dataset.axis.format(end)}"
    print(f"  span:         {span}")
    for line in result.report.guessed:
        print(f"  guessed: {line}")
    for line in result.report.skipped:
        print(f"  skipped: {line}")
    from desktop.io.problems import summarise

    for line in summarise(result.report.problems):  # the first 20, then one line per kind
        print(f"  warning: {line}")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    from desktop.io.convert import convert
    from desktop.io.problems import DatasetError

    try:
        report = convert(args.source, args.target, **_options(args))
    except DatasetError as exc:
        raise UsageError(exc.details()) from None
    except OSError as exc:
        raise UsageError(f"{args.target}: {exc.strerror or exc}") from None
    print(f"wrote {args.target}")
    for problem in report.problems:
        print(f"  warning: {problem}")
    return EXIT_OK


def cmd_desktop(args: argparse.Namespace) -> int:
    from desktop import freedesktop as integration

    if args.command == "install-desktop":
        report = integration.install(args.data_home)
        print(f"installed {len(report.files)} files; the menu entry runs {integration.launch_command()[0]}")
    else:
        report = integration.uninstall(args.data_home)
        print(f"removed {len(report.files)} files")
    if report.refreshed:
        print("refreshed: " + ", ".join(report.refreshed))
    for warning in report.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    return EXIT_OK


def cmd_changes(args: argparse.Namespace) -> int:
    """The "what changed" ranking, from the same core function the window's panel uses."""
    import json

    from desktop.core.changes import compare
    from desktop.core.changes_report import format_text
    from desktop.core.time_axis import TimeParseError
    from desktop.core.timeline import Timeline

    if args.top < 1:
        raise UsageError("--top must be at least 1")
    dataset = _load(args.dataset).dataset
    try:
        start, end = dataset.axis.to_instant(args.start), dataset.axis.to_instant(args.end)
    except TimeParseError as exc:
        raise UsageError(f"--from/--to: {exc}") from None
    changes = compare(Timeline(dataset), start, end, top=args.top)
    if args.json:
        print(json.dumps(changes.to_json(dataset), indent=2, ensure_ascii=False))
    else:
        print(format_text(dataset, changes))
    return EXIT_OK


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Event data to a native dataset (desktop/events): only the aggregated pairs reach this process."""
    from desktop.events.command import run
    from desktop.events.run import AggregateError

    try:
        lines = run(args)
    except AggregateError as exc:
        raise UsageError(str(exc)) from None
    print("\n".join(lines))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        first_word = next((arg for arg in argv if not arg.startswith("-")), None)
        if first_word in SUBCOMMANDS:  # options such as --debug may come before the subcommand
            args = _parser().parse_args(argv)
            handler = {"export": cmd_export, "validate": cmd_validate, "convert": cmd_convert, "changes": cmd_changes,
                       "aggregate": cmd_aggregate, "install-desktop": cmd_desktop,
                       "uninstall-desktop": cmd_desktop}[args.command]
            return handler(args)
        args = _open_parser().parse_args(argv)
        if args.dataset is not None and not args.dataset.exists():
            raise UsageError(f"{args.dataset}: no such file")
        _check_at(args.at)
        from desktop.gui.app import run_gui

        return run_gui(args.dataset, args.at)
    except UsageError as exc:
        print(f"relmap: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if debug:
            raise
        print(f"relmap: error: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INTERNAL


def gui_main() -> int:
    """Entry point for the windowed launcher (no console on platforms that distinguish)."""
    return main()
