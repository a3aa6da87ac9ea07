"""The command line's argument types: each refuses a bad value with one sentence naming its option."""

from __future__ import annotations

import argparse
import re
from datetime import date

EXIT_USAGE = 2
# `--kind`'s choices, here so that parsing the command line needs no export code; a test holds
# them equal to scores.export.tables.EXPORT_KINDS, which the export runs by.
EXPORT_KINDS: tuple[str, ...] = ("trials", "runs", "sessions", "items", "audit", "dictionary")


class Parser(argparse.ArgumentParser):
    """argparse, but a bad argument gives one line and exit 2, not a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # The types' messages name their option; argparse's "argument --x: " would say it twice.
        message = re.sub(r"^argument (\S+): (?=\1 )", "", message)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def local_date(option: str):
    """An argparse type: a calendar date like 2026-03-31, refused with a sentence naming ``option``."""

    def parse(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be a date like 2026-03-31, not {text!r}") from None

    return parse


def number_between(low: float, high: float, option: str):
    """An argparse type: a number from ``low`` to ``high``, refused with a sentence naming ``option``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{option} must be a number from {low:g} to {high:g}, not {text!r}")
        return value

    return parse


def whole_number(low: int, high: int, option: str):
    """An argparse type: ASCII digits from ``low`` to ``high`` (``str.isdigit`` also takes '²' and
    other scripts' digits, which ``int`` then refuses)."""

    def parse(text: str) -> int:
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{option} must be a whole number from {low} to {high}, not {text!r}")
        return int(text)

    return parse


def on_off(option: str):
    """An argparse type: "on" or "off" as True or False, refused with a sentence naming ``option``."""

    def parse(text: str) -> bool:
        if text.lower() not in ("on", "off"):
            raise argparse.ArgumentTypeError(f"{option} must be on or off, not {text!r}")
        return text.lower() == "on"

    return parse


def utf8_text(option: str):
    """An argparse type: text that is UTF-8 (bytes that are not arrive as lone surrogates)."""

    def parse(text: str) -> str:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise argparse.ArgumentTypeError(f"{option} holds bytes that are not UTF-8 text; type it again") from None
        return text

    return parse
