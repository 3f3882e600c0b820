"""Drone Diplomacy: data, charts and widgets for the course's chapters and exercises."""

from . import charts, mtcr, notebook_output, widgets
from .data import DataError, load
from .quiz import self_check

notebook_output.enable()

__all__ = ["DataError", "charts", "load", "mtcr", "self_check", "widgets"]
