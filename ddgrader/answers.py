"""What a graded question's tests may touch, read from the master notebook's source.

The grader runs each submission in a sandbox and takes only the question's answers out of it,
as data; the tests then run against those. So a test may read only names it defines itself,
builtins, and the question's answer names (see tests/test_exercise_tests.py):

- answer_names(solution_source): the names a question asks the student to fill in;
- free_names(test_source): the names a test reads that it has not bound itself first;
- function_calls(test_source, name): the calls `name(...)` in a test, as source text, which
  the grader evaluates in the sandbox and replays in the checker.
"""

from __future__ import annotations

import ast
import re

SOLUTION_LINE = re.compile(r"^(?P<code>.*?)#\s?SOLUTION\s*$")


def answer_names(solution_source: str) -> set[str]:
    """Names assigned on a line ending `# SOLUTION` (`x = expr  # SOLUTION`, also `a, b = ...`),
    and functions defined with a top-level `def`, in a question's solution cells."""
    names = set()
    for line in solution_source.splitlines():
        match = SOLUTION_LINE.match(line)
        if not match or re.search(r"#\s*(BEGIN|END)\s+SOLUTION", line):
            continue
        try:
            statement = ast.parse(match["code"].strip())
        except SyntaxError:  # not a whole statement: otter would not blank it as an answer either
            continue
        for node in statement.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for target in getattr(node, "targets", [getattr(node, "target", None)]):
                    names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    tree = ast.parse(solution_source)
    return names | {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


class _Reads(ast.NodeVisitor):
    """Walks a test in the order Python runs it, noting each name read before the test binds it.
    Comprehensions, lambdas and functions bind their own names in a scope of their own."""

    def __init__(self):
        self.scopes: list[set[str]] = [set()]
        self.free: set[str] = set()

    def read(self, name: str) -> None:
        if not any(name in scope for scope in self.scopes):
            self.free.add(name)

    def bind(self, name: str) -> None:
        self.scopes[-1].add(name)

    def visit_Name(self, node):
        self.read(node.id) if isinstance(node.ctx, ast.Load) else self.bind(node.id)

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node):
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self.read(node.target.id)
        self.visit(node.target)

    def visit_AnnAssign(self, node):
        for part in (node.value, node.annotation, node.target):
            if part is not None:
                self.visit(part)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node):
        self.visit(node.iter)
        self.visit(node.target)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_Import(self, node):
        for alias in node.names:
            self.bind(alias.asname or alias.name.split(".")[0])

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, node):
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def _scoped(self, bound: list[str], body: list[ast.AST]) -> None:
        self.scopes.append(set(bound))
        for part in body:
            self.visit(part)
        self.scopes.pop()

    def _comprehension(self, node, results: list[ast.AST]):
        self.scopes.append(set())
        for generator in node.generators:
            self.visit(generator.iter)
            self.visit(generator.target)
            for condition in generator.ifs:
                self.visit(condition)
        for result in results:
            self.visit(result)
        self.scopes.pop()

    def visit_ListComp(self, node):
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node):
        self._comprehension(node, [node.key, node.value])

    @staticmethod
    def _parameters(args: ast.arguments) -> list[str]:
        every = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
        return [a.arg for a in every]

    def visit_Lambda(self, node):
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        self._scoped(self._parameters(node.args), [node.body])

    def visit_FunctionDef(self, node):
        for part in node.decorator_list + node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(part)
        self.bind(node.name)
        self._scoped(self._parameters(node.args) + [node.name], node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        for part in node.decorator_list + node.bases + node.keywords:
            self.visit(part)
        self.bind(node.name)
        self._scoped([], node.body)


def free_names(test_source: str) -> set[str]:
    """Names a test reads without having bound them earlier in the test (by assignment, import,
    loop, `except ... as`, a comprehension or a function's parameters). Builtins are included:
    the caller decides which free names are allowed. Reading a name before assigning it
    (`transfers = transfers[...]`) counts as reading it."""
    reads = _Reads()
    reads.visit(ast.parse(test_source))
    return reads.free


def function_calls(test_source: str, name: str) -> list[str]:
    """The source text of each direct call `name(...)` in a test, in the order they appear."""
    calls = [
        node
        for node in ast.walk(ast.parse(test_source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    return [ast.get_source_segment(test_source, node) for node in calls]
