"""The sandbox a student's notebook runs in: bubblewrap (Debian's `bubblewrap` package).

Inside it the kernel sees a read-only view of the system and of the Python environment (the
interpreter, the virtual environment, the course package and its data), a private scratch
folder and /tmp in memory with a size cap, and nothing else: no network, no home folder, no
course repository (so no exercises, solutions or autograders), no other submission and no
other process. It runs as an unprivileged user with no capabilities, under limits on memory,
processes, open files and file size, and in its own process namespace, so that everything it
started dies with it. Output leaves only through a pipe the grader reads with a size cap.

Where bubblewrap cannot run, `check()` says so and how to proceed; grading refuses unless
the instructor passes --unsafe-no-sandbox.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from dronediplomacy.data import PACKAGE_DIR, data_dir, references_path

SANDBOX_UID_BASE = 3_000_000  # grading as root, each sandbox runs as a fresh uid above this
STREAM_CAP_BYTES = 200_000_000  # everything a sandbox may send back
HOW_TO_PROCEED = (
    "Install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install "
    "bubblewrap`) on a Linux machine that allows user namespaces. Otherwise grade on a throwaway virtual "
    "machine or as a throwaway user and pass --unsafe-no-sandbox (make grade ... UNSAFE=1), or use "
    "otter's Docker grading (`otter grade`); see the instructor guide, 'Grading safely'."
)


class SandboxUnavailable(RuntimeError):
    pass


@dataclass
class SandboxLimits:
    seconds: int = 300  # wall clock for the whole notebook
    cell_seconds: int = 60  # one cell, then it is interrupted and the next one runs
    probe_seconds: float = 10  # one call of a student's function by a test
    memory_mb: int = 4000  # address space of each process
    processes: int = 256
    scratch_mb: int = 512  # the scratch folder and /tmp, each
    file_mb: int = 256  # largest file it may write


@dataclass
class SandboxResult:
    messages: list[dict]
    returncode: int | None
    timed_out: bool
    stderr: str
    seconds: float
    truncated: bool
    uid: int | None = None  # the sandbox's own uid, when grading as root


def bwrap() -> str | None:
    return shutil.which("bwrap")


def check() -> None:
    """Raise SandboxUnavailable, saying why and what to do, unless a sandbox can start here."""
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(f"the grading sandbox needs Linux (this is {sys.platform}). {HOW_TO_PROCEED}")
    if bwrap() is None:
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not installed. {HOW_TO_PROCEED}")
    probe = subprocess.run(
        _command(["/bin/true"], fresh_uid()), capture_output=True, text=True, pass_fds=(), timeout=60
    )
    if probe.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap could not start a sandbox here: {probe.stderr.strip()[:300]}. {HOW_TO_PROCEED}"
        )


def _readable_roots() -> list[Path]:
    """What the kernel must read: the system, the interpreter, the environment, the package
    and its data, and this grader's own modules (kernel_run and answer_data run in there).
    Paths under one another are bound once."""
    roots = {
        Path(sys.base_prefix).resolve(),
        Path(sys.prefix).resolve(),
        PACKAGE_DIR,
        GRADER_DIR,
        data_dir().resolve(),
        references_path().resolve(),
    }
    roots |= {Path(p).resolve() for p in sys.path if p and Path(p).is_dir() and "site-packages" in p}
    roots = {root for root in roots if root.exists()}  # an installed wheel has no references.bib beside it
    kept = []
    for root in sorted(roots, key=lambda p: len(p.parts)):
        if not any(root.is_relative_to(k) for k in kept) and not any(root.is_relative_to(s) for s in SYSTEM):
            kept.append(root)
    return kept


GRADER_DIR = Path(__file__).resolve().parent
SYSTEM = [Path(p) for p in ("/usr", "/etc")]


def fresh_uid() -> int | None:
    """Grading as root, each sandbox runs as a uid of its own, drawn from a billion so that the
    sandboxes of other grading runs never share it (the process limit then counts only this
    sandbox, and the grader can tell its processes from everyone else's). None otherwise."""
    return SANDBOX_UID_BASE + secrets.randbelow(1 << 30) if os.geteuid() == 0 else None


def _command(
    argv: list[str], uid: int | None, in_dir: Path | None = None, limits: SandboxLimits | None = None
) -> list[str]:
    limits = limits or SandboxLimits()
    command = [
        bwrap(),
        "--die-with-parent",
        "--new-session",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--hostname",
        "sandbox",
        "--clearenv",
        "--setenv",
        "HOME",
        "/scratch/home",
        "--setenv",
        "PATH",
        f"{Path(sys.prefix) / 'bin'}:/usr/bin:/bin",
        "--setenv",
        "LANG",
        "C.UTF-8",
        "--setenv",
        "MPLCONFIGDIR",
        "/scratch/home",
        "--setenv",
        "JUPYTER_PLATFORM_DIRS",
        "1",
        "--setenv",
        "PYTHONDONTWRITEBYTECODE",
        "1",
    ]
    for system in SYSTEM:
        command += ["--ro-bind", str(system), str(system)]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = os.readlink(f"/{link}") if os.path.islink(f"/{link}") else None
        if target:
            command += ["--symlink", target, f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            command += ["--ro-bind", f"/{link}", f"/{link}"]
    # The private /tmp and /scratch first: an environment installed under /tmp (a clone there)
    # is then bound on top of the empty /tmp instead of being hidden by it.
    command += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--perms",
        "1777",
        "--size",
        str(limits.scratch_mb * 2**20),
        "--tmpfs",
        "/tmp",
        "--perms",
        "1777",
        "--size",
        str(limits.scratch_mb * 2**20),
        "--tmpfs",
        "/scratch",
    ]
    made = {Path("/"), Path("/tmp"), Path("/scratch")}
    for root in _readable_roots():
        for parent in reversed(root.parents):
            if parent not in made and not any(parent.is_relative_to(s) for s in SYSTEM):
                command += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        command += ["--ro-bind", str(root), str(root)]
    if in_dir is not None:
        command += ["--ro-bind", str(in_dir), "/in"]
    command += ["--chdir", "/scratch", "--"]
    if uid is not None:
        return (
            command
            + _rlimits(limits, limits.processes)
            + [
                "--",
                "setpriv",
                f"--reuid={uid}",
                f"--regid={uid}",
                "--clear-groups",
                "--inh-caps=-all",
                "--bounding-set=-all",
                "--no-new-privs",
                "--",
                "/bin/sh",
                "-c",
                'mkdir -p "$HOME" && exec "$@"',
                "sh",
                *argv,
            ]
        )
    # Unprivileged: a user namespace; the process limit counts this user's other processes too.
    command.insert(1, "--unshare-user")
    return (
        command
        + _rlimits(limits, _processes_of_this_user() + limits.processes)
        + ["--", "/bin/sh", "-c", 'mkdir -p "$HOME" && exec "$@"', "sh", *argv]
    )


def _rlimits(limits: SandboxLimits, processes: int | None) -> list[str]:
    """prlimit's arguments: memory, file size, core dumps, open files and processes."""
    memory, files = limits.memory_mb * 2**20, limits.file_mb * 2**20
    args = ["prlimit", f"--as={memory}:{memory}", f"--fsize={files}:{files}", "--core=0:0", "--nofile=1024:1024"]
    return args + ([f"--nproc={processes}:{processes}"] if processes else [])


def _processes_of_this_user() -> int:
    uid = os.getuid()
    return sum(1 for p in Path("/proc").iterdir() if p.name.isdigit() and _owner(p) == uid)


def _owner(path: Path) -> int | None:
    try:
        return path.stat().st_uid
    except OSError:
        return None


def run_notebook(in_dir: Path, limits: SandboxLimits, unsafe: bool = False) -> SandboxResult:
    """Run kernel_run.py on in_dir (submission.ipynb, plan.json) in a sandbox; collect its stream.
    With `unsafe`, the notebook runs with the grader's own rights (limits still apply)."""
    read_end, write_end = os.pipe()
    uid = None if unsafe else fresh_uid()
    scratch = in_dir / "scratch" if unsafe else Path("/scratch")
    argv = [
        sys.executable,
        "-m",
        "ddgrader.kernel_run",
        str(in_dir) if unsafe else "/in",
        str(scratch),
        str(write_end),
        str(limits.cell_seconds),
        str(limits.probe_seconds),
    ]
    if unsafe:
        command = _rlimits(limits, processes=None) + ["--", *argv]
    else:
        os.chmod(in_dir, 0o755)
        for path in in_dir.iterdir():
            os.chmod(path, 0o644)
        command = _command(argv, uid, in_dir, limits)
    start = time.monotonic()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(write_end,),
        start_new_session=True,
        cwd=in_dir if unsafe else None,
    )
    os.close(write_end)
    collected = {"bytes": 0, "lines": [], "truncated": False}
    reader = threading.Thread(target=_read_stream, args=(read_end, collected), daemon=True)
    reader.start()
    stderr_tail = []
    err_reader = threading.Thread(target=_tail, args=(process.stderr, stderr_tail), daemon=True)
    err_reader.start()
    timed_out = False
    try:
        process.wait(timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        timed_out = True
    _kill(process)
    reader.join(timeout=30)
    err_reader.join(timeout=5)
    messages = []
    for line in collected["lines"]:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict):
            messages.append(message)
    return SandboxResult(
        messages,
        None if timed_out else process.returncode,
        timed_out,
        b"".join(stderr_tail).decode(errors="replace")[-4000:],
        time.monotonic() - start,
        collected["truncated"],
        uid,
    )


def _read_stream(fd: int, collected: dict) -> None:
    with os.fdopen(fd, "rb") as stream:
        buffer = b""
        while chunk := stream.read(1 << 16):
            if collected["bytes"] + len(chunk) > STREAM_CAP_BYTES:
                collected["truncated"] = True
                continue  # keep draining so the writer never blocks; keep nothing more
            collected["bytes"] += len(chunk)
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            collected["lines"] += lines


def _tail(pipe, into: list, keep: int = 64_000) -> None:
    size = 0
    for chunk in iter(lambda: pipe.read(4096), b""):
        into.append(chunk)
        size += len(chunk)
        while size > keep and len(into) > 1:
            size -= len(into.pop(0))


def _kill(process: subprocess.Popen) -> None:
    """bwrap is the namespace's first process: killing its group ends everything inside."""
    for target in (lambda: os.killpg(process.pid, signal.SIGKILL), lambda: process.kill()):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
