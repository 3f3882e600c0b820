"""Score a submission's answers, which arrived as data, with the exercise's otter tests.

The tests are extracted afresh from the autograder zip for each submission, after its sandbox
has gone, into a folder the sandbox never saw. They run in the grader's process against
values rebuilt by answer_data.decode: no object the student's code built runs here.
"""

from __future__ import annotations

import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from dronediplomacy.check_output import not_answered

from . import answer_data
from .plan import QuestionPlan

# otter's doctest runner swaps sys.stdout while a test runs: one test at a time in this process.
_TEST_LOCK = threading.Lock()


@dataclass
class QuestionResult:
    score: float
    max: float
    failed: list[str] = field(default_factory=list)  # public checks' messages
    hints: list[str] = field(default_factory=list)  # hidden checks' messages (no answers in them)
    answered: bool = True


def extract_tests(autograder_zip: Path, into: Path) -> Path:
    """The zip's tests/ folder, unpacked into a fresh folder."""
    into.mkdir(parents=True, exist_ok=False)
    with zipfile.ZipFile(autograder_zip) as archive:
        for member in archive.namelist():
            if member.startswith("tests/") and member.endswith(".py") and "/.." not in member:
                archive.extract(member, into)
    return into / "tests"


def answers_for(question: str, stages: dict[str, dict]) -> dict | None:
    """The answers at the end of the notebook, or, when the kernel never got there, as they
    were when the student's check cell for this question ran."""
    return stages.get(f"final-{question}") or stages.get(f"check-{question}")


def namespace_for(plan: QuestionPlan, data: dict) -> dict:
    namespace = {}
    for name in plan.names:
        if name in data:
            value = answer_data.decode(data[name])
            if isinstance(value, answer_data.RecordedFunction):
                value.__name__ = name
            namespace[name] = value
    return namespace


def run_question(test_file: Path, plan: QuestionPlan, data: dict | None) -> QuestionResult:
    from otter.test_files.ok_test import OKTestFile

    test = OKTestFile.from_file(str(test_file))
    possible = float(test.possible)
    if data is None or not any(name in data for name in plan.names):
        return QuestionResult(
            0.0, possible, answered=False, failed=[f"no answer found: the grader looked for {', '.join(plan.names)}"]
        )
    try:
        namespace = namespace_for(plan, data)
    except (ValueError, TypeError, KeyError, OverflowError) as error:
        return QuestionResult(0.0, possible, failed=[f"the answer could not be read back: {error}"])
    with _TEST_LOCK:
        try:
            test.run(namespace)
            score = float(test.score)
        except Exception as error:  # a test that cannot run at all scores zero
            return QuestionResult(0.0, possible, failed=[f"{type(error).__name__}: {error}"])
    result = QuestionResult(score, possible)
    for case in test.test_case_results:
        if not case.passed:
            message = case.test_case.failure_message or "a check failed"
            (result.hints if case.test_case.hidden else result.failed).append(message)
    blank = not_answered(result.failed)  # as grader.check shows it in the notebook
    if blank:
        result.failed, result.hints = blank, []
    return result


def check_submission(
    tests_dir: Path, plans: dict[str, QuestionPlan], stages: dict[str, dict]
) -> dict[str, QuestionResult]:
    return {
        question: run_question(tests_dir / f"{question}.py", plan, answers_for(question, stages))
        for question, plan in plans.items()
    }
