"""Write the site's Exercises pages, one per exercise, from the masters' opening paragraphs
and hints.

Each page says what the exercise practises (the master's own introduction, which students see
in the notebook too), how many questions it has, and where to open it: Colab, Binder, or a
download, all from the student repository (`repository` in _config.yml), so a learner without
an instructor can start it. Then come the worked hints, one collapsed dropdown per checked
question: the master's `<details><summary>Hint for question N</summary>` cells, which students
see (collapsed too) under each question in the notebook. Nothing else below the introduction
of a master is read: no solution, test or rubric.

    .venv/bin/python tools/make_exercise_pages.py      (make exercise-pages)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "practice"


def introduction(master: Path) -> tuple[str, str]:
    """The master's title and the paragraph that says what the exercise does."""
    for cell in jupytext.read(master).cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# Exercise"):
            title, _, rest = cell.source.strip().partition("\n")
            return title.lstrip("# ").strip(), rest.strip().split("\n\n")[0]
    raise ValueError(f"{master} has no '# Exercise' heading")


# "Hint for question 2: sum, don't count": a few words of the question tell a student which hint to open.
HINT_START = re.compile(r"^<details><summary>(?P<title>Hint for question \d+(?:: [^<]+)?)</summary>\s*")


def hints(master: Path) -> list[tuple[str, str]]:
    """(title, text) of each hint cell of the master, in order."""
    found = []
    for cell in jupytext.read(master).cells:
        text = cell.source.strip()
        start = HINT_START.match(text) if cell.cell_type == "markdown" else None
        if start:
            if not text.endswith("</details>"):
                raise ValueError(f"{master}: a hint cell must end with </details>")
            found.append((start["title"], text[start.end() : -len("</details>")].strip()))
    return found


def questions(master: Path) -> tuple[int, int]:
    """(automatically checked, written) questions, from the masters' question configs."""
    auto = written = 0
    for cell in jupytext.read(master).cells:
        text = cell.source.strip()
        if text.startswith("```otter") and "# BEGIN QUESTION" in text:
            config = yaml.safe_load("\n".join(text.splitlines()[2:-1])) or {}
            written, auto = (written + 1, auto) if config.get("manual") else (written, auto + 1)
    return auto, written


def page(master: Path, config: dict) -> str:
    title, intro = introduction(master)
    auto, written = questions(master)
    repository, branch = config["repository"]["url"], config["repository"]["branch"]
    owner_repo = repository.removeprefix("https://github.com/")
    notebook = f"exercises/{master.stem}.ipynb"
    colab = f"{config['launch_buttons']['colab_url']}/github/{owner_repo}/blob/{branch}/{notebook}"
    binder = f"{config['launch_buttons']['binderhub_url']}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{notebook}"
    download = f"https://raw.githubusercontent.com/{owner_repo}/{branch}/{notebook}"
    chapter = next((ROOT / "chapters").glob(f"{master.stem[:2]}-*.md")).stem
    dropdowns = "\n\n".join(f":::{{dropdown}} {title}\n{text}\n:::" for title, text in hints(master))
    return f"""<!-- Written by tools/make_exercise_pages.py from {master.relative_to(ROOT)}; edit the master, then run make exercise-pages. -->
# {title}

{intro}

It has {auto} questions that check themselves as you go and {written} written
{"answer" if written == 1 else "answers"}: for your instructor to mark, or, if you work alone, to
compare with the chapter's arguments. Under each answer, `grader.check("q1")` tells you what to
reconsider, never the answer; more checks run when an instructor grades the notebook. Read the
chapter first: [](../chapters/{chapter}.md).

| open it | how |
|---|---|
| [Open in Colab]({colab}) | in your browser, with a Google account; the first cell sets everything up |
| [Open on Binder]({binder}) | in your browser, nothing to sign in to; slower to start |
| [Download the notebook]({download}) | for JupyterLab on your own machine, after `pip install` of the course (see {{ref}}`student-guide`) |

Your instructor may give you this notebook directly instead; it is the same file. If you
submit it for a grade, follow {{ref}}`student-guide` for naming and submitting.

## Hints

Try each question first. When you are stuck, open its hint: it says which table and columns
to use, which operations, and what to check, but not the answer. The same hints are in the
notebook, under each question. For the pandas and Altair they use, see
[Python for this course](python-toolkit.md).

{dropdowns}
"""


def write_all(out: Path = OUT) -> list[Path]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    out.mkdir(exist_ok=True)
    written = []
    masters = sorted(p for p in (ROOT / "exercises").glob("*.md") if re.match(r"\d{2}-", p.name))
    for master in masters:
        target = out / master.name
        target.write_text(page(master, config), encoding="utf-8")
        written.append(target)
    index = [
        "(exercises-index)=",
        "# Exercises",
        "",
        "Each chapter has an exercise: a notebook of questions on the course's data, most of them "
        "checked as you go, and one written answer. You can open any of them yourself, with or "
        "without an instructor. If pandas or Altair is new to you, start with "
        "[Python for this course](python-toolkit.md): it shows every tool the exercises use, on the "
        "course's data.",
        "",
    ]
    index += [f"- [](./{p.stem}.md)" for p in written]
    (out / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":
    for path in write_all():
        print(f"wrote {path.relative_to(ROOT)}")
    sys.exit(0)
