"""Drone Diplomacy: data, charts and widgets for the course's chapters and exercises."""

import sys

# Altair imports jsonschema, which imports rfc3987_syntax (when installed) only to check the
# "iri" string format; that import compiles a grammar and costs two seconds in every kernel
# that imports the course (each chapter, each exercise, each graded submission). Nothing in the
# course checks that format, so unless something already loaded it, jsonschema goes without.
sys.modules.setdefault("rfc3987_syntax", None)

from . import charts, mtcr, notebook_output, widgets
from .data import DataError, load
from .prose_numbers import glue
from .quiz import self_check

notebook_output.enable()

__all__ = ["DataError", "charts", "glue", "load", "mtcr", "self_check", "widgets"]
