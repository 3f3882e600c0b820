"""Grade one submission, in its own process (started by gradebook.py with time and memory
limits, in a scratch folder holding a copy of the notebook and the exercise's tests).

Two steps keep the grade out of the student's reach:

1. The notebook runs in a Jupyter kernel with otter's own cells (`grader = otter.Notebook()`,
   `grader.check(...)`, the export cell) removed. A last cell saves the notebook's variables
   with dill. Whatever the student's code does to `grader`, to otter or to the kernel stays in
   that kernel.
2. This process, which never ran the student's cells, loads those variables and runs otter's
   test files (public and hidden) against them.

Usage: python -m dronediplomacy.grading.worker NOTEBOOK TESTS_DIR RESULT_JSON CELL_TIMEOUT
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

NAMESPACE_FILE = "namespace.pkl"
OUTPUT_BUDGET_BYTES = 2_000_000
OTTER_CELL = re.compile(
    r"^\s*(#\s*Initialize Otter.*|import otter\s*|grader\s*=\s*otter\.Notebook\(.*\)\s*|"
    r"grader\.(check|check_all|export)\(.*\)\s*|#.*|)$")

SAVE_NAMESPACE = f"""
import dill as _dd_dill
_dd_saved = {{}}
for _dd_name, _dd_value in list(globals().items()):
    if _dd_name.startswith("_") or _dd_name in ("In", "Out", "get_ipython", "exit", "quit"):
        continue
    try:
        _dd_dill.dumps(_dd_value, recurse=True)
    except Exception:
        continue
    _dd_saved[_dd_name] = _dd_value
with open({NAMESPACE_FILE!r}, "wb") as _dd_file:
    _dd_dill.dump(_dd_saved, _dd_file, recurse=True)
"""


def is_otter_cell(cell) -> bool:
    """Cells otter assign generated for checking and exporting: not part of any answer."""
    return cell.cell_type == "code" and all(OTTER_CELL.match(line) for line in cell.source.splitlines()) \
        and ("otter" in cell.source or "grader." in cell.source)


class _BoundedOutputClient(NotebookClient):
    """Keeps at most OUTPUT_BUDGET_BYTES of cell output: a cell that prints megabytes is
    still run, but its flood is not stored."""

    output_bytes = 0

    def output(self, outs, msg, display_id, cell_index):
        self.output_bytes += len(json.dumps(msg.get("content", {}), default=str))
        if self.output_bytes > OUTPUT_BUDGET_BYTES:
            return None
        return super().output(outs, msg, display_id, cell_index)


def execute(notebook, cell_timeout: int, cwd: Path) -> dict:
    """Run the student's cells; return status facts (errors per cell, timeout, crash)."""
    notebook.cells = [c for c in notebook.cells if not is_otter_cell(c)]
    notebook.cells.append(nbformat.v4.new_code_cell(SAVE_NAMESPACE))
    client = _BoundedOutputClient(notebook, timeout=cell_timeout, kernel_name="python3",
                                  allow_errors=True, resources={"metadata": {"path": str(cwd)}})
    facts = {"cell_errors": [], "output_truncated": False}
    try:
        client.execute()
    except CellTimeoutError:
        facts["timeout"] = _running_cell(notebook)
    except DeadKernelError:
        facts["crashed"] = _running_cell(notebook)
    for index, cell in enumerate(notebook.cells[:-1], start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                facts["cell_errors"].append(f"cell {index}: {output.get('ename')}: {output.get('evalue', '')[:200]}")
    facts["output_truncated"] = client.output_bytes > OUTPUT_BUDGET_BYTES
    return facts


def _running_cell(notebook) -> str:
    """The first cell without an execution count: the one that was running when it stopped."""
    for index, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "code" and cell.get("execution_count") is None:
            first_line = next((l for l in cell.source.splitlines() if l.strip()), "")
            return f"cell {index} ({first_line[:60]!r})"
    return "the last cell"


def run_tests(namespace: dict, tests_dir: Path) -> dict[str, dict]:
    from otter.test_files.ok_test import OKTestFile

    results = {}
    for path in sorted(tests_dir.glob("q*.py"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        test = OKTestFile.from_file(str(path))
        try:
            test.run(namespace)
            score = float(test.score)
            failed = [r.test_case.failure_message or r.message.splitlines()[-1]
                      for r in test.test_case_results if not r.passed]
        except Exception as error:  # a test that cannot even run scores zero
            score, failed = 0.0, [f"{type(error).__name__}: {error}"]
        results[test.name] = {"score": score, "max": float(test.possible), "failed": failed}
    return results


def main(argv: list[str]) -> int:
    notebook_path, tests_dir, result_path, cell_timeout = Path(argv[0]), Path(argv[1]), Path(argv[2]), int(argv[3])
    cwd = notebook_path.parent
    notebook = nbformat.read(notebook_path, as_version=4)
    facts = execute(notebook, cell_timeout, cwd)
    namespace_file = cwd / NAMESPACE_FILE
    namespace = {}
    if namespace_file.exists():
        import dill

        with open(namespace_file, "rb") as handle:
            namespace = dill.load(handle)
    facts["tests"] = run_tests(namespace, tests_dir)
    facts["namespace_saved"] = namespace_file.exists()
    result_path.write_text(json.dumps(facts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
