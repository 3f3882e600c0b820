"""Grading speed: N copies of a realistic submission (some answers right, one wrong, one cell
that raises), graded by the course's parallel grader and, one after another, by `otter run`
with the same autograder zip. Checks that both give the same scores, then prints the ratio.
It also grades the same copies without the sandbox (one worker each way) to report what the
sandbox costs per submission.

    .venv/bin/python bench/grading_speed.py [N]          (after `make assign`)

What bounds the speed-up: the machine's cores (one submission per core), and per submission
the kernel start and `import otter` in the worker (about 5 s here), which `otter run` also pays
on top of importing otter in the kernel, a step the course's grader skips.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ddgrader import gradebook  # noqa: E402

EXERCISE = "03-mtcr-export-gap"
ASSIGN = ROOT / "_build" / "assign"


def realistic_submission() -> nbformat.NotebookNode:
    """The solutions with question 3 answered wrongly and a stray cell that raises."""
    notebook = nbformat.read(ASSIGN / "solutions" / f"{EXERCISE}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "top_armed_supplier = " in cell.source:
            cell.source += '\ntop_armed_supplier = "CHN"'  # the leader among all suppliers, not only partners
    notebook.cells.append(nbformat.v4.new_code_cell("undefined_name + 1"))
    return notebook


def otter_run_serially(files: list[Path], autograder: Path, work: Path) -> list[dict[str, float]]:
    scores = []
    for index, path in enumerate(files):
        out = work / f"otter-{index}"
        out.mkdir()
        subprocess.run(
            [str(Path(sys.executable).parent / "otter"), "run", "-a", str(autograder), "-o", str(out), str(path)],
            check=True,
            capture_output=True,
        )
        results = json.loads((out / "results.json").read_text())
        scores.append({t["name"]: float(t["score"]) for t in results["tests"] if "score" in t})
    return scores


def measure(copies: int) -> dict:
    autograder = ASSIGN / "autograder" / f"{EXERCISE}-autograder.zip"
    if not autograder.exists():
        raise SystemExit("run `make assign` first")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        notebook = realistic_submission()
        files = []
        for index in range(copies):
            path = folder / f"student{index:03d}_{EXERCISE}.ipynb"
            nbformat.write(notebook, path)
            files.append(path)
        start = time.perf_counter()
        rows = gradebook.grade_folder(folder, [autograder], EXERCISE)
        parallel = time.perf_counter() - start
        start = time.perf_counter()
        baseline = otter_run_serially(files, autograder, Path(tmp))
        serial = time.perf_counter() - start
        one_worker = {}
        for unsafe in (False, True):
            start = time.perf_counter()
            gradebook.grade_folder(folder, [autograder], EXERCISE, gradebook.Limits(workers=1, unsafe=unsafe))
            one_worker[unsafe] = time.perf_counter() - start
    ours = [r.scores for r in sorted(rows, key=lambda r: r.file)]
    return {
        "copies": copies,
        "parallel_s": parallel,
        "otter_run_serial_s": serial,
        "ratio": serial / parallel,
        "scores_agree": ours == baseline,
        "scores": ours[0],
        "sandbox_overhead_s": (one_worker[False] - one_worker[True]) / copies,
        "sandbox_ratio": one_worker[False] / one_worker[True],
    }


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    result = measure(copies)
    print(f"{'submissions':<28}{result['copies']:>10}")
    print(f"{'parallel grader (s)':<28}{result['parallel_s']:>10.1f}")
    print(f"{'otter run, serially (s)':<28}{result['otter_run_serial_s']:>10.1f}")
    print(f"{'speed-up':<28}{result['ratio']:>9.2f}x")
    print(
        f"{'sandbox cost per notebook':<28}{result['sandbox_overhead_s']:>9.2f}s   "
        f"(sandboxed / unsandboxed, one worker: {result['sandbox_ratio']:.2f}x)"
    )
    print(f"{'scores agree':<28}{str(result['scores_agree']):>10}   {result['scores']}")
    if not result["scores_agree"]:
        raise SystemExit("the parallel grader and otter run disagree")


if __name__ == "__main__":
    main()
