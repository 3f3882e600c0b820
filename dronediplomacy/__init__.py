"""Drone Diplomacy: data, charts and widgets for the course's chapters and exercises."""

from . import charts, mtcr, widgets
from .data import DataError, load
from .quiz import self_check

__all__ = ["DataError", "charts", "load", "mtcr", "self_check", "widgets"]
