"""Pseudonymous clients: the record, and the checks on the IDs and names a therapist types."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_NAME_CHARS = 200
# Control characters, lone surrogates and line/paragraph separators break files and screens;
# format characters (Cf) stay allowed because emoji sequences need the zero-width joiner.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


class ClientNameError(ValueError):
    """A client ID or display name that cannot be stored; the message is for the person typing."""


@dataclass(frozen=True)
class Client:
    """One client as stored: a pseudonymous code plus an optional display name."""

    id: str
    code: str
    display_name: str | None
    created_at: str
    archived: bool
    hide_countdown: bool = False  # a session's countdowns make some clients anxious

    @property
    def label(self) -> str:
        """What to show on screen: the display name if there is one, else the code."""
        return self.display_name or self.code


def _check_text(text: str, what: str) -> str:
    if len(text) > MAX_NAME_CHARS:
        raise ClientNameError(f"A {what} can be at most {MAX_NAME_CHARS} characters long.")
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in text):
        raise ClientNameError(f"A {what} cannot contain control characters such as line breaks or tabs.")
    return text


def validate_client_code(code: str) -> str:
    """Return the client ID as it will be stored: exactly as typed, minus surrounding spaces.

    Raises:
        ClientNameError: if the ID is empty, too long or holds control characters.
    """
    code = code.strip()
    if not code:
        raise ClientNameError("A client ID cannot be empty.")
    return _check_text(code, "client ID")


def validate_display_name(name: str | None) -> str | None:
    """Return the display name as it will be stored, or None when it is empty.

    Raises:
        ClientNameError: if the name is too long or holds control characters.
    """
    if name is None or not name.strip():
        return None
    return _check_text(name.strip(), "display name")
