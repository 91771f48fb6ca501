"""Errors that end a parse. Each carries one line for stderr; the CLI maps them to exit codes."""
from __future__ import annotations


class CongvanError(Exception):
    """Base: a clear one-line message, no traceback for the user."""

    exit_code = 1


class InputError(CongvanError):
    """The input cannot be read as a letter: missing, empty, corrupt, encrypted, not a document."""


class UsageError(CongvanError):
    exit_code = 2
