"""Write the registered exercises' data dictionary page: ``python tools/data_dictionary.py docs/data-dictionary.md``.

It lives here, not in ``scores``, because it needs the program's list of exercises (``games.registry``)
and ``scores`` never imports ``games``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.registry import EXERCISES  # noqa: E402  (after the path: run from a checkout)
from scores.export.dictionary import dictionary_markdown  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    """Write the Markdown dictionary of the registered exercises to the given file."""
    parser = argparse.ArgumentParser(prog="python tools/data_dictionary.py", description=main.__doc__)
    parser.add_argument("out", type=Path, help="the Markdown file to write, e.g. docs/data-dictionary.md")
    args = parser.parse_args(argv)
    try:
        text = dictionary_markdown([exercise.spec for exercise in EXERCISES])
        args.out.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        print(f"Cannot write {args.out}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
