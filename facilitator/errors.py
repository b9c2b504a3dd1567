"""Errors a user can act on. The CLI prints them as one line each and exits 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input: the message is the whole story, one line per problem."""

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = list(lines)


class InvalidFile(UserError):
    """A file that failed validation; `lines` holds one line per problem."""
