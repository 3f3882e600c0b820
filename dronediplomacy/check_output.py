"""How `grader.check("q1")` reads in a student's notebook.

otter shows a failing check as its message followed by the whole doctest transcript: every
line of the check's code, "Expecting nothing", and a traceback through doctest's own files.
A student needs the message. So when the course package is imported in a notebook, the result
of a check is shown as one line per question and, for each failing check, its message (and,
when the check could not even run, the error that stopped it: usually a name not yet defined).

The formatter is registered by name, so importing the package does not import otter; the
grader never displays a check, so nothing here affects scores.
"""

from __future__ import annotations

import html

NOT_ANSWERED = "Not answered yet"  # how the masters' checks of a blank answer (`...`) begin


def not_answered(messages: list[str]) -> list[str]:
    """The messages of a blank answer's checks, if these failing checks include any: a blank
    fails every check of what an answer holds too, and saying it is not answered is enough.
    The notebook (here) and the grader's feedback (ddgrader.checker) both show only these."""
    return [message for message in messages if (message or "").startswith(NOT_ANSWERED)]


def _stopped_by(transcript: str) -> str:
    """The first error that stopped a failing check, unless it was the check's own assert.
    (doctest runs a check's later lines after one fails; their errors only follow from it.)"""
    lines = (transcript or "").splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "Exception raised:"]
    if not starts:
        return ""
    block = []
    for line in lines[starts[0] + 1 :]:
        if line.strip().startswith(("Trying:", "*****")):
            break
        block.append(line.strip())
    last = next((line for line in reversed(block) if line), "")
    return "" if last.startswith("AssertionError") else last


def summary_lines(result) -> tuple[str, list[str]]:
    """A headline and one line per failing check: its message, and what stopped it if not its assert."""
    cases = result.test_case_results
    failed = [case for case in cases if not case.passed]
    if not failed:
        checks = "the public check passes" if len(cases) == 1 else f"all {len(cases)} public checks pass"
        return f"✅ {result.name}: {checks}. Hidden checks run when your work is graded.", []
    blank = not_answered([case.test_case.failure_message for case in failed])
    if blank:
        return f"❌ {result.name}: not answered yet.", blank
    lines = []
    for case in failed:
        message = case.test_case.failure_message or "a check failed."
        stopped = _stopped_by(case.message)
        lines.append(message + (f" (The check stopped with {stopped})" if stopped else ""))
    checks = "check" if len(cases) == 1 else "checks"
    return (
        f"❌ {result.name}: {len(failed)} of {len(cases)} public {checks} failed. Fix the answer and run this cell again:",
        lines,
    )


def as_text(result) -> str:
    headline, lines = summary_lines(result)
    return "\n".join([headline] + [f"  - {line}" for line in lines])


def as_html(result) -> str:
    headline, lines = summary_lines(result)
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"<p><strong>{html.escape(headline)}</strong></p>" + (f"<ul>{items}</ul>" if items else "")


def enable() -> None:
    """Show otter's check results briefly in the running IPython kernel (no-op elsewhere)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    for mimetype, printer in (("text/plain", lambda result, p, cycle: p.text(as_text(result))), ("text/html", as_html)):
        formatters[mimetype].for_type_by_name("otter.test_files.abstract_test", "TestFile", printer)
