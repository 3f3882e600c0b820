"""Proof by attack: a class folder with honest submissions and hostile ones, graded together.

Every attack is a notebook a student could hand in. For each, the attacker gains nothing
(only what its honest answers earn), every classmate's score is what it would be alone, every
file in the submissions folder is byte-identical afterwards, nothing of the attacker's reaches
the grader's machine, and nothing the sandbox started is still running when grading returns.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from ddgrader import exercises, gradebook, release
from notebooks import answered, fingerprints, sandbox_processes, sandbox_uids, with_cell, write_folder, zipped

EXERCISE = "03-mtcr-export-gap"
Q1 = 'partners_1995 = sorted(countries.loc[countries["mtcr_join_year"] <= 1995, "code"])'
Q1_BLANK = "partners_1995 = ..."
# Generous enough that an honest cell (loading the tables) never hits a limit on a loaded machine.
LIMITS = dict(seconds=150, cell_seconds=30, probe_seconds=3, memory_mb=3000, workers=2)


@pytest.fixture(scope="module")
def released3(tmp_path_factory):
    out = tmp_path_factory.mktemp("assign3")
    release.release(exercises.select("3"), out, run_tests=False)
    return out


@pytest.fixture(scope="module")
def listener():
    """A server on the grader's loopback that counts the connections it accepts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(1)
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], accepted
    server.close()


def student(released):
    return nbformat.read(released / "student" / f"{EXERCISE}.ipynb", as_version=4)


def attacks(released: Path, host: Path, port: int) -> dict[str, tuple[object, str]]:
    """file name -> (notebook, what it tries). Every attacker also answers q1 honestly."""
    honest = answered(student(released), Q1_BLANK, Q1)
    planted = host / "planted-by-student"

    def attack(code: str, after: str | None = None):
        return with_cell(honest, code, after)

    return {
        "rewrites-tests.ipynb": attack(
            "import glob, os\n"
            "for pattern in ['/scratch/**/q*.py', '/tmp/**/*', '/in/*', '../**/*.py', '" + str(released) + "/**/*']:\n"
            "    for path in glob.glob(pattern, recursive=True):\n"
            "        try:\n"
            "            open(path, 'w').write('test = {\"name\": \"q2\", \"points\": 3, \"suites\": []}')\n"
            "        except OSError:\n"
            "            pass\n"
            "partner_share = 'anything'"
        ),
        "reduce-runs-code.ipynb": answered(
            honest,
            Q1,
            "import os\nclass Evil(list):\n    def __reduce__(self):\n"
            f"        return (os.system, ('touch {planted}',))\npartners_1995 = Evil(['USA'])",
        ),
        "always-equal.ipynb": answered(
            honest,
            Q1,
            "class AlwaysEqual(list):\n    def __eq__(self, other):\n        return True\n"
            "    __hash__ = None\npartners_1995 = AlwaysEqual()",
        ),
        "detached-process.ipynb": attack(
            "import subprocess, sys\n"
            "subprocess.Popen([sys.executable, '-c', 'import os, time\\nif os.fork() == 0:\\n    os.setsid()\\n"
            f"    time.sleep(4)\\n    open(\"{host / 'late-write'}\", \"w\").write(\"pwned\")'], start_new_session=True)"
        ),
        "overwrites-others.ipynb": attack(
            "import os\nfor top in ['/', '..', '/tmp', '" + str(host) + "']:\n"
            "    for root, dirs, files in os.walk(top):\n"
            "        if root.startswith(('/proc', '/sys', '/dev')):\n            continue\n"
            "        for name in files:\n"
            "            if name.endswith(('.ipynb', '.zip', '.csv')):\n"
            "                try:\n                    open(os.path.join(root, name), 'w').write('gone')\n"
            "                except OSError:\n                    pass"
        ),
        "reads-solutions.ipynb": attack(
            "found = []\nfor path in ['"
            + str(ROOT / "exercises" / f"{EXERCISE}.md")
            + "', '"
            + str(released / "solutions" / f"{EXERCISE}.ipynb")
            + "', '../exercises/"
            + EXERCISE
            + ".md', "
            "'/proc/1/root/" + str(ROOT / "exercises" / f"{EXERCISE}.md") + "']:\n"
            "    try:\n        found.append(open(path).read()[:20])\n    except OSError:\n        pass\n"
            "print('LEAKED' if found else 'BLOCKED')"
        ),
        "writes-home.ipynb": attack(
            "import os, pathlib\nfor target in [pathlib.Path.home() / 'pwned', pathlib.Path('" + str(planted) + "')]:\n"
            "    try:\n        target.write_text('x')\n    except OSError:\n        pass"
        ),
        "connects-out.ipynb": attack(
            "import socket\nfor host in ['127.0.0.1', '10.0.2.2', '1.1.1.1']:\n"
            "    try:\n"
            f"        socket.create_connection((host, {port}), timeout=2)\n        print('CONNECTED')\n"
            "    except OSError:\n        pass"
        ),
        "fork-bomb.ipynb": attack(
            "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass"
        ),
        "fills-disk.ipynb": attack(
            "chunk = b'x' * 2 ** 26\nfor name in ['/scratch/fill', '/tmp/fill', 'fill2']:\n"
            "    try:\n        with open(name, 'wb') as f:\n            for _ in range(64):\n                f.write(chunk)\n"
            "    except OSError:\n        pass"
        ),
        "patches-otter.ipynb": attack(
            "import otter.test_files.abstract_test as t\n"
            "t.TestFile.score = property(lambda self: self.possible)\n"
            "import otter\ngrader = otter.Notebook()\ngrader.check = lambda *a, **k: True"
        ),
        "claims-another-id.ipynb": _with_metadata(honest, student_id="ada"),
        "=HYPERLINK(0)_" + EXERCISE + ".ipynb": attack("x = 1"),
    }


def outputs_of(kept: Path, name: str) -> str:
    """What the cells of the kept notebook printed."""
    notebook = nbformat.read(next(kept.glob(f"*{name}*.ipynb")), as_version=4)
    return "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))


def _with_metadata(nb, **values):
    nb = nbformat.from_dict(nbformat.from_dict(nb))
    nb.metadata.update(values)
    return nb


def test_a_class_with_hostile_submissions_is_graded_as_if_they_were_not_there(released3, tmp_path, listener):
    port, accepted = listener
    host = tmp_path / "host"
    host.mkdir()
    folder = tmp_path / "class"
    folder.mkdir()
    solution = nbformat.read(released3 / "solutions" / f"{EXERCISE}.ipynb", as_version=4)
    classmates = {
        "ada_solution.ipynb": solution,
        "bob_blank.ipynb": student(released3),
        "cyd_wrong.ipynb": answered(student(released3), Q1_BLANK, 'partners_1995 = ["USA"]'),
        "dee_export_2026_12_05T10_00_00_000000.zip": zipped({f"{EXERCISE}.ipynb": nbformat.writes(solution)}),
    }
    hostile = attacks(released3, host, port)
    before = write_folder(folder, {**classmates, **hostile})
    released_before = fingerprints(released3)

    rows = {
        r.file: r
        for r in gradebook.grade_folder(
            folder,
            [released3 / "autograder" / f"{EXERCISE}-autograder.zip"],
            EXERCISE,
            gradebook.Limits(**LIMITS),
            out=tmp_path / "out",
        )
    }

    uids = sandbox_uids(tmp_path / "out")
    if os.geteuid() == 0:  # as root each sandbox has a uid of its own (otherwise it runs as the grader's user)
        assert len(uids) == len([f for f in before if f.endswith((".ipynb", ".zip"))])
    assert sandbox_processes(uids) == []  # nothing runs after grading returns
    assert fingerprints(folder) == before  # every submission byte-identical
    assert fingerprints(released3) == released_before  # the autograder untouched
    assert list(host.iterdir()) == []  # nothing written on the grader's machine
    assert accepted == []  # no connection reached the grader's loopback
    assert set(rows) == set(before)

    full = rows["ada_solution.ipynb"]
    assert full.status == "graded" and full.scores == full.maxima, full.reason
    assert rows["dee_export_2026_12_05T10_00_00_000000.zip"].scores == full.maxima
    assert sum(rows["bob_blank.ipynb"].scores.values()) == 0
    wrong = rows["cyd_wrong.ipynb"]  # well formed but wrong: the public check's quarter at most
    assert 0 < wrong.scores["q1"] <= wrong.maxima["q1"] / 4 and sum(wrong.scores.values()) == wrong.scores["q1"]

    for name in hostile:
        row = rows[name]
        honest_q1 = 0 if name in ("reduce-runs-code.ipynb", "always-equal.ipynb") else full.maxima["q1"]
        assert row.scores.get("q1") == honest_q1, (name, row.status, row.reason)
        assert sum(row.scores.values()) == honest_q1, (name, row.scores, row.reason)

    printed = outputs_of(tmp_path / "out" / "notebooks", "reads-solutions")
    assert "BLOCKED" in printed and "LEAKED" not in printed
    assert "CONNECTED" not in outputs_of(tmp_path / "out" / "notebooks", "connects-out")

    claimed = rows["claims-another-id.ipynb"]
    assert claimed.student_id == "claims-another-id" and "ignored" in claimed.reason
    assert rows["=HYPERLINK(0)_" + EXERCISE + ".ipynb"].student_id == "HYPERLINK0"
    assert rows["fork-bomb.ipynb"].status in ("graded", "timeout")


def test_a_timeout_or_a_crash_costs_only_the_questions_it_touches(released3, tmp_path):
    """An endless loop is interrupted and the notebook goes on; a function that never returns
    costs its own question; a kernel that dies keeps the answers checked before it."""
    folder = tmp_path / "class"
    folder.mkdir()
    solution = nbformat.read(released3 / "solutions" / f"{EXERCISE}.ipynb", as_version=4)
    looping_function = nbformat.from_dict(nbformat.from_dict(solution))
    for cell in looping_function.cells:
        if cell.source.startswith("def mtcr_category"):
            cell.source = "def mtcr_category(payload_kg, range_km):\n    while True:\n        pass"
    files = {
        "loops-mid-notebook.ipynb": with_cell(solution, "while True:\n    pass", after='grader.check("q1")'),
        "loops-in-function.ipynb": looping_function,
        "dies-after-q1.ipynb": with_cell(solution, "import os\nos._exit(1)", after='grader.check("q1")'),
        "ignores-interrupts.ipynb": with_cell(
            solution,
            "import time\nwhile True:\n    try:\n        time.sleep(1)\n    except BaseException:\n        pass",
            after='grader.check("q2")',
        ),
    }
    write_folder(folder, files)
    limits = gradebook.Limits(**{**LIMITS, "seconds": 90})
    rows = {
        r.file: r
        for r in gradebook.grade_folder(
            folder, [released3 / "autograder" / f"{EXERCISE}-autograder.zip"], EXERCISE, limits, out=tmp_path / "out"
        )
    }
    maxima = rows["loops-mid-notebook.ipynb"].maxima

    mid = rows["loops-mid-notebook.ipynb"]
    assert mid.status == "timeout" and mid.scores == maxima, mid.reason  # interrupted, then went on
    assert "while True:" in mid.reason and "before the check of q2" in mid.reason

    function = rows["loops-in-function.ipynb"]
    assert function.scores["q5"] == 0 and all(function.scores[q] == maxima[q] for q in maxima if q != "q5"), (
        function.reason
    )
    assert "q5" in function.reason

    died = rows["dies-after-q1.ipynb"]
    assert died.status == "error" and "kernel died in the cell starting `import os`" in died.reason
    assert died.scores["q1"] == maxima["q1"] and died.scores["q5"] == 0

    stubborn = rows["ignores-interrupts.ipynb"]
    assert stubborn.status == "timeout" and f"longer than {limits.seconds} s" in stubborn.reason
    assert stubborn.scores["q1"] == maxima["q1"] and stubborn.scores["q2"] == maxima["q2"]
    assert stubborn.scores["q5"] == 0
    assert sandbox_processes(sandbox_uids(tmp_path / "out")) == []
