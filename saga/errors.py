"""The one exception the CLI turns into a one-line message and exit status 2."""


class SagaError(Exception):
    """Bad input or a broken project state, with a message that says what to do."""
