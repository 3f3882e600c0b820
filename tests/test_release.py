"""The release has one version, pyproject.toml's, and everything that names it agrees."""

from __future__ import annotations

import tomllib

import yaml

import dronediplomacy
from conftest import ROOT
from ddgrader import release_tag

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_installed_package_is_this_release():
    assert dronediplomacy.__version__ == VERSION, "reinstall the package: `make venv`"
    assert release_tag() == f"v{VERSION}"


def test_citation_and_changelog_name_this_release():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["version"]) == VERSION, "run `.venv/bin/python tools/pin_release.py`"
    headings = [
        line for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines() if line.startswith("## ")
    ]
    assert headings and headings[0].startswith(f"## {VERSION} "), "CHANGELOG.md's first heading names the release"


def test_every_chapter_installs_this_release_on_colab():
    for chapter in sorted((ROOT / "chapters").glob("*.md")):
        text = chapter.read_text(encoding="utf-8")
        assert 'git+https://' in text and f'@{release_tag()}"' in text, (
            f"{chapter.name}: run `.venv/bin/python tools/pin_release.py`"
        )


def test_the_pages_that_say_how_to_install_clone_the_configured_student_branch():
    """intro.md and students.md tell a reader what to type; the repository's address lives in
    _config.yml, and students get the student branch (no masters), which installs with pip."""
    repository = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
    clone = f"git clone --branch {repository['branch']} {repository['url']}"
    for page in ("intro.md", "students.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert clone in text and "pip install -e ." in text, page
        assert "<the course repository>" not in text and "make serve" not in text, page
