"""The instructor's grader (`python -m ddgrader`): release student notebooks and autograder zips
(otter assign), and grade a folder of submissions into a gradebook, in parallel and without
Docker. It works from the course's source repository and is not part of the student package."""

from importlib.metadata import version
from pathlib import Path

# The course's source repository: exercise masters, _config.yml, requirements.txt.
ROOT = Path(__file__).resolve().parent.parent


def release_tag() -> str:
    """The repository tag of this release, v<version> (pyproject.toml, as installed): what student
    notebooks and the chapters' Colab cells install, and what `make student-repo` tags."""
    return "v" + version("dronediplomacy")
