"""No page a student reads before an exercise states what a graded question asks them to compute
(issue 16).

Each auto-graded question's expected values are computed here from the master's own solution
code (and, for a function, from the calls its hidden checks make). Then what a student reads
is searched for them: the chapter's prose with every glued name replaced by the value it shows,
the text of the tables its visible cells print, its self-check questions, the exercise's
practice page and the Python toolkit page. A chapter may show the pattern, a comparison, a
rounded range or another period; not the exact answer.

Small whole numbers turn up in any sentence, so a number counts as given away only where the
answer pins it down: a whole number of 10 or more, or a fraction (as 0.84, 84% or "84 per
cent"); a value of a labelled answer (a Series or dict indexed by years or countries) counts
when its label stands in the same sentence ("15 states by the end of 2022"), and two of its
values in one paragraph count too. A list of countries counts when more than half of it is
named in one paragraph.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chapter_code import CHAPTERS, run_chapter
from ddsite.reading_time import _CODE_CELL
from dronediplomacy import load
from masters import EXERCISES, checked_questions, solution_values

ROOT = Path(__file__).resolve().parent.parent
SELF_CHECKS = ROOT / "dronediplomacy" / "self_checks"
TOOLKIT = ROOT / "practice" / "python-toolkit.md"
_GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([\w-]+)(?::([^`]*))?`")


# --- what an answer looks like in text --------------------------------------------------------


def _number_forms(value) -> set[str]:
    """Regular expressions for a number as prose or a table would show it, or nothing for a
    number too common to mean anything (a whole number under 10, a year)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return set()
    value = float(value)
    if not math.isfinite(value):
        return set()
    if value.is_integer():
        if abs(value) < 10:
            return set()
        return {re.escape(f"{int(value):,}"), re.escape(str(int(value)))}
    if abs(value) < 0.05:  # a tail share (1%, 2%) stands for nothing in particular
        return set()
    forms = {re.escape(f"{value:.{d}f}") for d in (2, 3) if float(f"{value:.{d}f}") != round(value)}
    if abs(value) <= 1:  # a share: also as a percentage, with a sign or in words
        percent = 100 * value
        forms |= {re.escape(f"{percent:.{d}f}") + r"(?:\s?%|\s+per\s?cent)" for d in (0, 1)}
    return forms


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def _found(forms: set[str], text: str) -> bool:
    """Whether one of the forms stands in `text` as a whole token ('19' is not in '2019'), and
    not as the day of a date ('19 September 2023')."""
    return any(
        re.search(rf"(?<![\w.,]){f}(?![\w%]|[.,]\d|\s+{_MONTH}\b)", text)
        and not re.fullmatch(rf"(?:.*?\b{_MONTH}\s+{f}\b.*?)+", text, flags=re.S)
        for f in forms
    )


@functools.lru_cache(maxsize=None)
def _names() -> dict[str, str]:
    countries = load("countries")
    return dict(zip(countries["code"], countries["name"]))


def _label_words(label) -> list[str]:
    """How a Series' or dict's label reads in prose: a year as itself, a country code as the
    country's name (and the code)."""
    if isinstance(label, (int, np.integer)) and 1900 <= int(label) <= 2100:
        return [str(int(label))]
    if isinstance(label, str):
        return [label] + ([_names()[label]] if label in _names() else [])
    return []


@dataclass
class Answer:
    where: str  # "04 q2 tb2_clients"
    pairs: list[tuple[list[str], set[str]]]  # (how a value's label reads, how the value reads)
    names: list[str]  # a list of countries or phrases, as they read
    alone: bool = False  # a number rare enough to count wherever it stands

    def leaks_in(self, text: str, own: bool = True) -> list[str]:
        """The passages of `text` that give this answer away. On a page that is not the
        exercise's own (`own=False`: another chapter, which discusses other years and numbers)
        only a value beside its own country counts: a year or a word of the answer's name
        ("tb2") is no label there, since such pages give dates and other counts beside them."""
        found = []
        countries = set(_names()) | set(_names().values())
        pairs = self.pairs if own else [([w for w in labels if w in countries], forms) for labels, forms in self.pairs]
        for paragraph in re.split(r"\n\s*\n", text):
            flat = " ".join(paragraph.split())
            for sentence in re.split(r"(?<=[.;!?])\s+", flat):
                values = [(labels, forms) for labels, forms in pairs if forms and _found(forms, sentence)]
                if (own and (len(values) >= 2 or (values and self.alone))) or any(
                    forms and _found(forms, clause) and any(_named(word, clause) for word in labels)
                    for clause in _clauses(sentence)
                    for labels, forms in pairs
                ):
                    found.append(sentence)
            named = [n for n in self.names if _named(n, flat)]
            others = [n for n in _names().values() if n not in self.names and _named(n, flat)]
            if len(self.names) >= 3 and len(named) > len(self.names) / 2 and len(others) < 5:
                found.append(flat)
        return found


def _clauses(sentence: str) -> list[str]:
    """The parts of a sentence a label and its value share: split at punctuation (not at the
    comma of '6,721') and 'and'; a short line, such as a printed 'Russia, 2021-2024: 6721',
    is one part."""
    if len(sentence.split()) <= 12:
        return [sentence]
    return re.split(r"[;:()]|,(?!\d)|\band\b", sentence)


def _named(word: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text, flags=re.I) is not None


_NAME_WORDS_LEFT_OUT = {"per", "the", "and", "share", "count", "counts", "before", "after"}


def _answer(where: str, name: str, value) -> Answer | None:
    if isinstance(value, pd.DataFrame):
        if not all(pd.api.types.is_numeric_dtype(dtype) for dtype in value.dtypes):
            return None  # a selection of deals: rows to find, not a figure to compute
        value = value.stack()
        return Answer(where, [(_label_words(k[0]), _number_forms(v)) for k, v in value.items()], [])
    if isinstance(value, (pd.Series, dict)):
        if not all(isinstance(v, (int, float, np.integer, np.floating)) for v in dict(value).values()):
            return None
        return Answer(where, [(_label_words(k), _number_forms(v)) for k, v in dict(value).items()], [])
    if isinstance(value, (list, tuple)) and value and all(v in _names() for v in value):
        return Answer(where, [], [_names()[v] for v in value])
    if isinstance(value, (list, tuple)):
        return Answer(where, [([], _number_forms(v)) for v in value], [])
    if isinstance(value, str):
        return Answer(where, [], [value]) if len(value) >= 15 else None
    # one number: rare (100 or more, or a fraction) it counts anywhere; otherwise only in a
    # sentence with a word of the answer's name ("israel_lasting_clients": Israel)
    words = [w for w in name.split("_") if len(w) >= 3 and w not in _NAME_WORDS_LEFT_OUT]
    forms = _number_forms(value)
    return Answer(where, [(words, forms)], [], alone=not float(value).is_integer() or abs(value) >= 100)


@functools.lru_cache(maxsize=None)
def expected_answers(number: str) -> list[Answer]:
    """The values exercise `number`'s auto-graded questions ask for, from its solution code.
    Functions and charts are left out: their answer is code, which no page shows."""
    solutions, found = solution_values(number), []
    for question, (names, _) in checked_questions(number).items():
        for name in names:
            value = solutions[name]
            if not callable(value) and not hasattr(value, "to_dict") or isinstance(value, (pd.Series, pd.DataFrame)):
                found.append(_answer(f"{number} {question} {name}", name, value))
    return [a for a in found if a is not None and (any(f for _, f in a.pairs) or a.names)]


# --- what a student reads ----------------------------------------------------------------------


def _shown(value, spec: str | None) -> str:
    if spec:
        return format(value, spec)
    return str(value)


@functools.lru_cache(maxsize=None)
def chapter_as_read(slug: str) -> str:
    """The chapter's prose with each glued name replaced by what it shows, and the tables and
    lines its visible cells print (each line a paragraph of its own). Cached: every exercise's
    search reads every chapter."""
    text = (CHAPTERS / f"{slug}.md").read_text(encoding="utf-8")
    run = run_chapter(f"{slug}.md")
    prose = _GLUE_ROLE.sub(lambda m: _shown(run.glued[m[1]], m[2]), _CODE_CELL.sub("\n\n", text))
    # a printed table's rows read one by one, each row a paragraph of its own
    tables = [
        cell.output.to_string().replace("\n", "\n\n")
        for cell in run.cells
        if not cell.hidden and isinstance(cell.output, (pd.DataFrame, pd.Series))
    ]
    printed = [cell.printed.replace("\n", "\n\n") for cell in run.cells if not cell.hidden and cell.printed]
    return "\n\n".join([prose, *tables, *printed, *chart_words(run)])


_PACKAGE_CHART = re.compile(r"^charts\.\w+\([^\n]*\)$")


def chart_words(run) -> list[str]:
    """The title, subtitle and description of each chart the package draws in the chapter: the
    page shows them under the chart (chapter 8's once totalled exercise 8's TB2 strikes)."""
    words = []
    for cell in run.cells:
        if not cell.hidden and _PACKAGE_CHART.match(cell.source.strip()):
            spec = eval(cell.source.strip(), dict(run.namespace)).to_dict()
            title = spec.get("title", "")
            title = title if isinstance(title, dict) else {"text": title}
            for part in (title.get("text", ""), title.get("subtitle", ""), spec.get("description", "")):
                words.append(" ".join(part) if isinstance(part, list) else str(part))
    return words


def self_checks_as_read(slug: str) -> str:
    path = SELF_CHECKS / f"{slug[3:].replace('-', '_')}.json"
    if not path.exists():
        return ""
    paragraphs = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        paragraphs.append(item.get("question", ""))
        for answer in item.get("answers", []):
            paragraphs += [str(answer.get("answer", "")), answer.get("feedback", "")]
    return "\n\n".join(paragraphs)


def pages_of(number: str) -> dict[str, tuple[str, bool]]:
    """Every page a student may read before this exercise, each with whether it is the
    exercise's own (its chapter, self-check and practice page, and the toolkit): other
    chapters count too (chapter 10 once restated exercise 9's counts, chapter 4 a count
    exercise 7 asks for)."""
    pages = {"practice/python-toolkit.md": (TOOLKIT.read_text(encoding="utf-8"), True)}
    for other, exercise in EXERCISES.items():
        slug, own = exercise.name, other == number
        pages[f"chapters/{slug}.md"] = (chapter_as_read(slug), own)
        pages[f"self check of {slug}"] = (self_checks_as_read(slug), own)
        pages[f"practice/{slug}.md"] = ((ROOT / "practice" / f"{slug}.md").read_text(encoding="utf-8"), own)
    return pages


# Matches that are not the answer given away, each with the reason.
NOT_LEAKS = {
    # The worked example's table counts drones *delivered* under the UN's embargoes; every deal
    # with Sudan came after both the UN's Darfur embargo and the EU's, and was delivered in
    # full, so its row equals the exercise's EU count for Sudan. The other targets differ.
    ("08 q2 ordered_under_eu", "Sudan 6 21"),
    # Chapter 3's self-check on the MTCR: the regime has 35 partners, as many as Turkey has
    # drone clients in exercise 7.
    ("07 q1 clients_per_supplier", "Turkey is still listed among the 35 partners."),
}


@pytest.mark.parametrize("number", sorted(EXERCISES))
def test_no_page_a_student_reads_gives_an_exercise_answer(number):
    leaks = [
        f"{answer.where} in {page}: {passage[:200]}"
        for page, (text, own) in pages_of(number).items()
        for answer in expected_answers(number)
        for passage in answer.leaks_in(text, own)
        if (answer.where, passage) not in NOT_LEAKS
    ]
    assert not leaks, "\n".join(leaks)


def test_the_search_finds_an_answer_where_one_is_given():
    """The search must be able to fail: the sentences chapters 4, 6, 7 and 9 once had are found."""
    given = {
        "04": "In the course's data, Turkey had delivered TB2s to 3 states by 2019, 8 by 2021 and 15 by 2022.",
        "06": "The share of drones the Air Force reported shot down was 84 per cent in 2023.",
        "07": "From 2015 to 2024 Turkey signed drone deals with 35 recipients.",
        "09": "33 buyers ordered armed drones from Turkey, 15 from China and 6 from the United States.",
        "08": "Russia's recorded imports went from 0 drones ordered in 2015–2019 to 6,721 in 2021–2024.",
    }
    for number, sentence in given.items():
        assert any(answer.leaks_in(sentence) for answer in expected_answers(number)), number
    # a chart's words are read too: chapter 7's and 9's descriptions once gave exercises 7 and 9's counts
    assert "Drone strikes that killed civilians" in chapter_as_read("08-risks")
    # what a visible cell prints is read too, and a printed line is found on another chapter's page
    assert "Georgia, 2021-2024: " in chapter_as_read("05-nagorno-karabakh-2020")
    assert any(answer.leaks_in("Russia, 2021-2024: 6721", own=False) for answer in expected_answers("08"))
    shared = (
        "Turkey and China shared Algeria, Indonesia, Kazakhstan, Morocco, Nigeria, Pakistan, Saudi Arabia and the UAE."
    )
    assert any(answer.leaks_in(shared) for answer in expected_answers("07"))
    unrelated = "The Security Council has 15 members; in 2022, 84 states voted."
    assert not any(answer.leaks_in(unrelated) for number in given for answer in expected_answers(number))
