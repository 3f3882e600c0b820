"""Graded exercises: release student notebooks and autograder zips (otter assign), and grade
a folder of submissions into a gradebook, in parallel and without Docker."""
