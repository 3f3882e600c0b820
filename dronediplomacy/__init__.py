"""Drone Diplomacy: data, charts and widgets for the course's chapters and exercises."""

import sys
from importlib.metadata import version

# Altair imports jsonschema, which imports rfc3987_syntax (when installed) only to check the
# "iri" string format; that import compiles a grammar and costs two seconds in every kernel
# that imports the course (each chapter, each exercise, each graded submission). Nothing in the
# course checks that format, so unless something already loaded it, jsonschema goes without.
sys.modules.setdefault("rfc3987_syntax", None)

from . import charts, check_output, mtcr, notebook_output, widgets
from .data import DataError, load
from .prose_numbers import glue
from .quiz import self_check

notebook_output.enable()
check_output.enable()

# The course release (pyproject.toml); its repository tag is "v" + __version__.
__version__ = version("dronediplomacy")

__all__ = ["DataError", "__version__", "charts", "glue", "load", "mtcr", "self_check", "widgets"]
