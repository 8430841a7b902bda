"""The one error an import raises: the file cannot be imported, one message per problem."""


class ImportFileError(Exception):
    """The file cannot be imported; `messages` say why, one line per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
