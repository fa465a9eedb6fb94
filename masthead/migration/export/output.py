"""An export file that appears whole or not at all: written beside its name, then linked in.

A path that already exists is refused (an export never replaces a file), and so is a folder that
is missing or cannot be written, before anything is read; a failure halfway leaves no file."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """An output path the export cannot write to; the message says which and why."""


def output_check(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise OutputError(f"{path} already exists: name a new file (an export never replaces one)")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: the folder {folder} is not writable")


@contextmanager
def output_path(path: Path) -> Iterator[Path]:
    """A temporary path in the same folder (owner-only, like the data it holds); once the block
    ends without error it becomes `path`, never replacing a file that appeared meanwhile."""
    output_check(path)
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        try:
            os.link(temporary, path)  # fails if `path` exists: never clobbers
        except FileExistsError as error:
            raise OutputError(f"{path} appeared while the export ran: it was left as it is") from error
    finally:
        temporary.unlink(missing_ok=True)
