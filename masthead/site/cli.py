"""The `masthead` command: demo, run, worker and manage (docs/product.md, "Command line")."""

import argparse
import os
import sys

DEFAULT_ADDR = "127.0.0.1:8000"


def _prepare_environment(data_dir: str | None, addr: str | None) -> None:
    """Settings are read from the environment, so the flags become environment variables."""
    if data_dir:
        os.environ["MASTHEAD_DATA_DIR"] = os.path.abspath(data_dir)
    if addr and "MASTHEAD_BASE_URL" not in os.environ:
        os.environ["MASTHEAD_BASE_URL"] = f"http://{addr}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.site.settings")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="masthead", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("demo", "create the demo newsroom on first run, then serve it with a worker"),
        ("run", "serve a real site: web server, task worker and scheduler"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--addr", default=DEFAULT_ADDR, help="host:port to listen on")
        command.add_argument("--data", default=None, help="data dir (default ./masthead-data)")
        command.add_argument(
            "--web-only",
            action="store_true",
            help="serve web requests only; tasks and periodic jobs run in `masthead worker` and "
            "`masthead scheduler` processes (a cluster node)",
        )
    worker = commands.add_parser("worker", help="a task worker alone (for scale-out)")
    worker.add_argument("--data", default=None)
    scheduler = commands.add_parser(
        "scheduler", help="the periodic jobs alone (publishing scheduled stories…)"
    )
    scheduler.add_argument("--data", default=None)
    manage = commands.add_parser("manage", help="any Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    for name, help_text in (
        ("backup", "back up the running site into a folder: backup DIR [--keep N]"),
        ("restore", "restore a backup into an empty site: restore DIR"),
        (
            "export",
            "everything the newsroom put in, as JSON, or an edition as WordPress's WXR: "
            "export [--format json|wxr] [--output PATH] [--edition LANG] [--with-media]",
        ),
    ):
        command = commands.add_parser(name, help=help_text, add_help=False)
        command.add_argument("--data", default=None, help="data dir (default ./masthead-data)")
        command.add_argument("args", nargs=argparse.REMAINDER)
    importer = commands.add_parser(
        "import",
        help="bring content in from another system (wordpress, …); add --help after the source",
        description="Each source is the management command import_<source> (masthead/migration).",
    )
    importer.add_argument("--data", default=None, help="data dir (default ./masthead-data)")
    importer.add_argument("source", help="where the content comes from, e.g. wordpress")
    importer.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _import(source: str, args: list[str]) -> int:
    """`masthead import SOURCE …` runs the management command `import_SOURCE`, so a new source is
    one new command in masthead/migration/management/commands/, nothing to change here."""
    from django.core.management import execute_from_command_line, get_commands

    command = f"import_{source}"
    if command not in get_commands():
        known = sorted(name.removeprefix("import_") for name in get_commands() if name.startswith("import_"))
        print(f"masthead import: unknown source {source!r} (known: {', '.join(known)})", file=sys.stderr)
        return 2
    execute_from_command_line([f"masthead import {source}", command, *args])
    return 0


PASS_THROUGH = ("backup", "restore", "export")


def _arguments(argv: list[str]) -> argparse.Namespace:
    """The command line. backup, restore and export hand their arguments to the management
    command of that name, all but --data: argparse's REMAINDER would refuse an option that comes
    first (`masthead export --format wxr …`), so they are set apart here; --help goes through to
    the command's own help."""
    if not argv or argv[0] not in PASS_THROUGH:
        return _parser().parse_args(argv)
    data, rest, given = None, [], iter(argv[1:])
    for arg in given:
        if arg == "--data":
            data = next(given, None)
        elif arg.startswith("--data="):
            data = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return argparse.Namespace(command=argv[0], data=data, args=rest)


def main(argv: list[str] | None = None) -> int:
    # Owner-only by default: the database, the outbox (which holds confirmation links), the
    # secret key and backups must not be readable by other users of the machine. What is public
    # (static files, media) is opened up explicitly where it is written.
    os.umask(0o077)
    args = _arguments(sys.argv[1:] if argv is None else argv)
    _prepare_environment(getattr(args, "data", None), getattr(args, "addr", None))
    import django

    django.setup()
    if args.command == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["masthead manage", *args.args])
        return 0
    if args.command == "import":
        return _import(args.source, args.args)
    if args.command in ("backup", "restore", "export"):
        from django.core.management import execute_from_command_line

        execute_from_command_line([f"masthead {args.command}", args.command, *args.args])
        return 0
    from . import runner

    if args.command == "worker":
        return runner.worker()
    if args.command == "scheduler":
        return runner.scheduler()
    return runner.serve(addr=args.addr, demo=args.command == "demo", web_only=args.web_only)


if __name__ == "__main__":
    sys.exit(main())
