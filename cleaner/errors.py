"""The cleaner's one error for its callers: input that cannot be cleaned."""


class InputError(Exception):
    """Input that cannot be cleaned; the message is one line for the user."""
