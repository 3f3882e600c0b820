"""Run one student notebook inside the sandbox and send its answers out as data.

This is the only grading code that runs beside student code (sandbox.py starts it under
bubblewrap). It never scores anything: it runs the notebook in a Jupyter kernel with otter's
cells taken out, saves each question's answers as data (answer_data.py) where the student's
`grader.check("qN")` cell was, saves all of them again at the end, and writes, one JSON
object a line, to the pipe the grader gave it: each answer file as it appears, what happened to each
cell, and the executed notebook. The grader reads that stream with a size cap once the sandbox
has gone. A student who writes into the stream can only change their own answers.

Usage (inside the sandbox):
    python -m ddgrader.kernel_run IN_DIR SCRATCH FD CELL_SECONDS PROBE_SECONDS
IN_DIR holds submission.ipynb and plan.json ({question: {"names": [...], "calls": {...}}}); the
kernel runs in SCRATCH; FD is the pipe to the grader.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

OUTPUT_BUDGET_BYTES = 2_000_000
CHECK = re.compile(r"""^\s*grader\.check\(\s*["'](q\w+)["']\s*\)\s*$""")
OTTER_LINE = re.compile(
    r"^\s*(#\s*Initialize Otter.*|import otter\s*|grader\s*=\s*otter\.Notebook\(.*\)\s*|"
    r"grader\.(check|check_all|export)\(.*\)\s*|#.*|)$"
)


def is_otter_cell(cell) -> bool:
    """Cells otter assign generated for checking and exporting: not part of any answer."""
    return (
        cell.cell_type == "code"
        and all(OTTER_LINE.match(line) for line in cell.source.splitlines())
        and ("otter" in cell.source or "grader." in cell.source)
    )


def first_line(source: str) -> str:
    return next((line.strip() for line in source.splitlines() if line.strip()), "")[:80]


def prepare(notebook, plan: dict, probe_seconds: float, answers: Path):
    """The cells to run: the student's code cells, each `grader.check("qN")` turned into a save
    of qN's answers, a set-up cell first and a save of every answer last. Each student cell
    keeps its position in the submitted notebook and the question it belongs to."""
    cells = [
        nbformat.v4.new_code_cell(
            "from ddgrader import answer_data as _dd_answers\n"
            f"_dd_plan = {json.dumps(plan)}\n"
            "def _dd_save(question, stage):\n"
            "    if question in _dd_plan:\n"
            f"        _dd_answers.save(question, _dd_plan[question]['names'], _dd_plan[question]['calls'], globals(), "
            f"{str(answers)!r}, {probe_seconds!r}, stage)\n"
        )
    ]
    cells[0].metadata["dd"] = {"role": "setup"}
    pending = []  # student cells since the last check, to be labelled with its question
    for position, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        check = CHECK.match(cell.source.strip()) if "\n" not in cell.source.strip() else None
        if check:
            question = check.group(1)
            for student_cell in pending:
                student_cell.metadata["dd"]["question"] = question
            pending = []
            saver = nbformat.v4.new_code_cell(f"_dd_save({question!r}, 'check')")
            saver.metadata["dd"] = {"role": "save", "question": question}
            cells.append(saver)
        elif not is_otter_cell(cell):
            copy = nbformat.v4.new_code_cell(cell.source)
            copy.metadata["dd"] = {"role": "student", "position": position, "first_line": first_line(cell.source)}
            cells.append(copy)
            pending.append(copy)
    final = nbformat.v4.new_code_cell("for _dd_q in _dd_plan:\n    _dd_save(_dd_q, 'final')")
    final.metadata["dd"] = {"role": "final"}
    cells.append(final)
    return nbformat.v4.new_notebook(cells=cells, metadata=notebook.metadata)


class Stream:
    """One JSON object a line on the pipe to the grader; each answer file is sent once it changes."""

    def __init__(self, fd: int, answers: Path):
        self.out = os.fdopen(fd, "w", encoding="utf-8")
        self.answers, self.sent = answers, {}

    def send(self, **message):
        self.out.write(json.dumps(message) + "\n")
        self.out.flush()

    def send_answers(self):
        for path in sorted(self.answers.glob("*.json")):
            stamp = path.stat().st_mtime_ns
            if self.sent.get(path.name) != stamp and path.stat().st_size < 64_000_000:
                self.sent[path.name] = stamp
                try:
                    self.send(answers=path.stem, data=json.loads(path.read_text()))
                except (OSError, ValueError):
                    continue


class SandboxClient(NotebookClient):
    """Keeps at most OUTPUT_BUDGET_BYTES of output, interrupts a cell that runs too long and
    goes on with the next, and sends answers out after every cell."""

    output_bytes = 0

    def __init__(self, notebook, stream: Stream, **kwargs):
        super().__init__(notebook, on_cell_executed=self._after_cell, **kwargs)
        self.stream, self.timed_out = stream, []

    def output(self, outs, msg, display_id, cell_index):
        self.output_bytes += len(json.dumps(msg.get("content", {}), default=str))
        if self.output_bytes > OUTPUT_BUDGET_BYTES:
            return None
        return super().output(outs, msg, display_id, cell_index)

    async def _async_handle_timeout(self, timeout, cell=None):
        if cell is not None:
            self.timed_out.append(cell.metadata.get("dd", {}))
        return await super()._async_handle_timeout(timeout, cell)

    running = None

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        self.running = cell
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    def _after_cell(self, cell, cell_index, execute_reply):
        self.stream.send_answers()


def describe(meta: dict) -> dict:
    return {k: meta.get(k) for k in ("position", "first_line", "question", "role")}


def main(argv: list[str]) -> int:
    in_dir, scratch, fd = Path(argv[0]), Path(argv[1]), int(argv[2])
    cell_seconds, probe_seconds = int(argv[3]), float(argv[4])
    answers = scratch / "answers"
    answers.mkdir(parents=True, exist_ok=True)
    stream = Stream(fd, answers)
    plan = json.loads((in_dir / "plan.json").read_text())
    notebook = prepare(nbformat.read(in_dir / "submission.ipynb", as_version=4), plan, probe_seconds, answers)
    client = SandboxClient(
        notebook,
        stream,
        timeout=cell_seconds,
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "TimeoutError", "evalue": f"cell ran longer than {cell_seconds} s", "traceback": []},
        resources={"metadata": {"path": str(scratch)}},
    )
    facts = {"cell_errors": [], "timeouts": [], "crashed": None}
    try:
        client.execute()
    except DeadKernelError:
        facts["crashed"] = describe(client.running.metadata.get("dd", {})) if client.running is not None else {}
    stream.send_answers()
    for cell in notebook.cells:
        meta = cell.metadata.get("dd", {})
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and meta.get("role") == "student":
                facts["cell_errors"].append(
                    {**describe(meta), "error": f"{output.get('ename')}: {str(output.get('evalue', ''))[:200]}"}
                )
    facts["timeouts"] = [describe(m) for m in client.timed_out]
    facts["output_truncated"] = client.output_bytes > OUTPUT_BUDGET_BYTES
    stream.send(facts=facts)
    student_cells = [c for c in notebook.cells if c.metadata.get("dd", {}).get("role") == "student"]
    stream.send(notebook=nbformat.writes(nbformat.v4.new_notebook(cells=student_cells, metadata=notebook.metadata)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
