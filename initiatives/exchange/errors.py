"""The two refusals of an import: a whole file, or one cell of a row."""


class FileRejected(Exception):
    """A file that cannot be imported at all; ``message`` (French) says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class CellError(ValueError):
    """A cell whose value cannot be read; its message (French) is for users."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)
