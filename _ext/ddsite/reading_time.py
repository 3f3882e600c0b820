"""How long a chapter takes to study: its core, and the optional depth readers may skip.

One measure for the whole course, used by the site (the line under each chapter's title) and by
the tests (every chapter's core fits a 45-minute sitting). Prose is read at a studying pace, not
a skimming one, and each visible code cell costs time to read the code or explore its output.
Optional depth is a sphinx-design dropdown with the class ``dd-optional``::

    :::{dropdown} Going deeper: the first war, 1988-94
    :class-container: dd-optional
    ...
    :::
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_CELL = 2
CORE_LIMIT_MINUTES = 45

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CODE_CELL = re.compile(r"^(`{3,})\{code-cell\}[^\n]*\n(.*?)^\1[ \t]*$", re.S | re.M)
_FENCE_OPEN = re.compile(r"^(:{3,}|`{3,})\{([\w:-]+)\}")
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_LABEL = re.compile(r"^\([\w-]+\)=\s*$", re.M)
_OPTION = re.compile(r"^:[\w-]+:.*$", re.M)
_WORD = re.compile(r"[A-Za-z0-9][\w'’.,%$-]*")


@dataclass(frozen=True)
class ReadingTime:
    core_words: int
    optional_words: int
    code_cells: int

    @property
    def core_minutes(self) -> int:
        return round(self.core_words / WORDS_PER_MINUTE + self.code_cells * MINUTES_PER_CODE_CELL)

    @property
    def optional_minutes(self) -> int:
        return round(self.optional_words / WORDS_PER_MINUTE)

    def sentence(self) -> str:
        core = f"About {self.core_minutes} minutes to study"
        if self.optional_minutes:
            return f"{core}, plus {self.optional_minutes} minutes of optional depth."
        return f"{core}."


def _visible_code_cells(text: str) -> int:
    cells = (body for _, body in _CODE_CELL.findall(text))
    return sum(1 for body in cells if not re.search(r"^:tags:.*remove-(cell|input)", body, re.M))


def _words(text: str) -> int:
    text = _ROLE.sub(" ", _LINK_TARGET.sub("]", text))
    text = _OPTION.sub(" ", _LABEL.sub(" ", text))
    return len(_WORD.findall(text))


def _split_optional(text: str) -> tuple[str, str]:
    """The text outside and inside ``dd-optional`` dropdowns (fences may nest)."""
    core, optional = [], []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        opened = _FENCE_OPEN.match(line)
        if opened:
            fence = opened.group(1)
            block = [line]
            depth = 1
            i += 1
            while i < len(lines) and depth:
                if lines[i].startswith(fence[0]) and lines[i].strip() == fence:
                    depth -= 1
                elif _FENCE_OPEN.match(lines[i]) and _FENCE_OPEN.match(lines[i]).group(1) == fence:
                    depth += 1
                block.append(lines[i])
                i += 1
            is_optional = opened.group(2) == "dropdown" and any(
                "dd-optional" in b for b in block[1:6] if b.startswith(":class")
            )
            (optional if is_optional else core).append("\n".join(block[1:-1]))
            continue
        core.append(line)
        i += 1
    return "\n".join(core), "\n".join(optional)


def reading_time(markdown: str) -> ReadingTime:
    """The reading time of a MyST Markdown chapter."""
    text = _FRONT_MATTER.sub("", markdown)
    cells = _visible_code_cells(text)
    prose = _CODE_CELL.sub("", text)
    core, optional = _split_optional(prose)
    return ReadingTime(_words(core), _words(optional), cells)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    for path in sys.argv[1:]:
        rt = reading_time(Path(path).read_text(encoding="utf-8"))
        flag = "" if rt.core_minutes <= CORE_LIMIT_MINUTES else "  OVER"
        print(
            f"{path}: core {rt.core_minutes} min ({rt.core_words} words, {rt.code_cells} cells), "
            f"optional {rt.optional_minutes} min{flag}"
        )
