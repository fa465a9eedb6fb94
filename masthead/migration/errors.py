"""The one error an importer raises when its input cannot be read: it names the file and where."""


class SourceError(Exception):
    """Input that cannot be imported (not an export, truncated, unreadable): nothing is written.

    `position` says where in the file, as a reader would look for it ("line 12, column 4",
    "item 3"); the message alone must be enough to find and fix the problem."""

    def __init__(self, message: str, *, file: str, position: str = ""):
        self.message, self.file, self.position = message, file, position
        where = f"{file}, {position}" if position else file
        super().__init__(f"{where}: {message}")
