"""The bibliography and the glossary are complete and clean: every source is cited by a page
of the book or by a row of the course data, every citation names a source that exists, no
source appears twice, every source can be found again (a URL or a DOI), and every glossary
entry is linked from a page."""

from __future__ import annotations

import csv
import re

from pybtex.database import parse_file

from conftest import ROOT

CITE = re.compile(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]+)`")
ENTRY_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.M)


def book_pages():
    """The pages the book is built from (README.md and the exercises are not part of it)."""
    return (
        [ROOT / f"{entry}.md" for entry in ("intro", "students", "glossary", "data-appendix", "bibliography")]
        + sorted((ROOT / "chapters").glob("*.md"))
        + sorted((ROOT / "instructors").glob("*.md"))
    )


def cited_by_pages() -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for page in book_pages():
        for match in CITE.finditer(page.read_text(encoding="utf-8")):
            for key in match.group(1).split(","):
                cited.setdefault(key.strip(), set()).add(page.relative_to(ROOT).as_posix())
    return cited


def cited_by_data() -> set[str]:
    keys = set()
    for table in (ROOT / "data").glob("*.csv"):
        with open(table, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in ("source", "cost_source"):
                    keys |= {k for k in (row.get(column) or "").split(";") if k}
    return keys


def test_no_source_is_listed_twice():
    keys = ENTRY_KEY.findall((ROOT / "references.bib").read_text(encoding="utf-8"))
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_every_source_is_cited_somewhere():
    entries = set(parse_file(ROOT / "references.bib").entries)
    unused = entries - set(cited_by_pages()) - cited_by_data()
    assert sorted(unused) == [], "sources nobody cites: cite them or remove them"


def test_every_citation_names_a_source():
    entries = set(parse_file(ROOT / "references.bib").entries)
    missing = {key: sorted(pages) for key, pages in cited_by_pages().items() if key not in entries}
    assert missing == {}


def test_every_source_can_be_found_again():
    entries = parse_file(ROOT / "references.bib").entries
    unfindable = [key for key, entry in entries.items() if not ({"url", "doi"} & {f.lower() for f in entry.fields})]
    assert unfindable == []


# --- the glossary ---------------------------------------------------------------------------

TERM = re.compile(r"\{term\}`([^`]+)`")


def glossary_terms() -> list[str]:
    text = (ROOT / "glossary.md").read_text(encoding="utf-8")
    block = text[text.index("```{glossary}") :].split("\n")[1:]
    return [line.strip() for line in block if line and not line.startswith((" ", "```"))]


def test_every_glossary_term_is_used_by_a_page():
    """Sphinx fails the build on a {term} with no entry or a term defined twice; this is the
    other direction: no entry sits in the glossary that no page links to."""
    used = set()
    for page in book_pages():
        for match in TERM.finditer(page.read_text(encoding="utf-8")):
            target = re.sub(r".*<(.+)>$", r"\1", match.group(1))
            used.add(target.strip().lower())
    assert [t for t in glossary_terms() if t.lower() not in used] == []
    assert glossary_terms() == sorted(glossary_terms(), key=str.lower), "keep the glossary alphabetical"


FOOTCITE = re.compile(r"\{footcite(?::[a-z]+)?\}`")
FOOTBIBLIOGRAPHY = re.compile(r"^```\{footbibliography\}", re.M)


def test_every_page_with_numbered_citations_lists_its_sources_after_them():
    """A {footcite} with no {footbibliography} after it draws a number that leads nowhere (the
    HTML build does not warn), so each such page ends its citations with its Sources list."""
    for page in book_pages():
        text = page.read_text(encoding="utf-8")
        cites = [m.start() for m in FOOTCITE.finditer(text)]
        if not cites:
            continue
        lists = [m.start() for m in FOOTBIBLIOGRAPHY.finditer(text)]
        assert len(lists) == 1, f"{page.name}: {len(lists)} footbibliography directives, expected one"
        assert lists[0] > cites[-1], f"{page.name}: a citation comes after its Sources list"


def test_sources_keep_their_titles_capitals_and_plain_symbols():
    """The Sources lists showed "israel-azerbaijan arms trade", a literal "\\$1.6 billion" and
    stray backticks for LaTeX quotes: the course's style keeps titles as published, and the bib
    file writes symbols and quotes as they should read."""
    from pybtex.database import Entry, Person
    from pybtex.plugin import find_plugin

    from ddsite import bibstyle

    bibstyle.register()
    entry = Entry(
        "article",
        fields={"title": "Israel-Azerbaijan Arms Trade Thrives", "journal": "Haaretz", "year": "2020"},
        persons={"author": [Person("Melman, Yossi")]},
    )
    entry.key = "melman"
    style = find_plugin("pybtex.style.formatting", "course")()
    text = style.format_entry("1", entry).text.render_as("text")
    assert "Israel-Azerbaijan Arms Trade Thrives" in text
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert "\\$" not in bib, "write $ plainly: pybtex shows \\$ as it is"
    assert not re.search(r"``|(?<!\\)`[A-Za-z]", bib), (
        "write quotes as “ ” or ‘ ’: pybtex shows LaTeX quotes as backticks"
    )
