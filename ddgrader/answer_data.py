"""Answers leave a student's kernel as data, never as objects.

Inside the sandboxed kernel, `save` turns each answer into plain JSON: numbers, strings,
lists, dicts, NumPy scalars and arrays, pandas Series, DataFrames and indexes, Altair charts
(their Vega-Lite spec) and, for a function, the results of the calls the tests will make
(`probe`), each call under its own time limit. Anything else is recorded only by its type
name. Only exact built-in, NumPy and pandas types are encoded: a subclass could carry code
(an `__eq__` that says yes to everything), so it is recorded as unsupported.

In the grader, `decode` rebuilds values with pandas and NumPy constructors from that JSON and
nothing else: no pickle, no import by name, no student code. A function answer becomes a
`RecordedFunction` that replays what the student's function returned or raised for each
recorded call; a chart becomes a `RecordedChart` whose `to_dict()` returns the spec.
"""

from __future__ import annotations

import builtins
import copy
import json
import math
import os
import signal
import types
from pathlib import Path

TAG = "__dd__"
MAX_ITEMS = 2_000_000  # numbers, strings and containers in one answer
MAX_DEPTH = 40
MAX_STRING = 1_000_000
NUMERIC_KINDS = "biufcMm"  # bool, int, unsigned, float, complex, datetime, timedelta


class AnswerTooLarge(ValueError):
    pass


class _Budget:
    def __init__(self):
        self.items = 0

    def spend(self, n: int = 1):
        self.items += n
        if self.items > MAX_ITEMS:
            raise AnswerTooLarge(f"more than {MAX_ITEMS:,} values")


# --- encoding (runs in the student's kernel) ------------------------------------------------


def encode(value, budget: _Budget | None = None, depth: int = 0):
    """`value` as JSON-ready data, or an {"__dd__": "unsupported"} record of its type."""
    import numpy as np
    import pandas as pd

    budget = budget or _Budget()
    budget.spend()
    if depth > MAX_DEPTH:
        raise AnswerTooLarge("nested too deeply")
    kind = type(value)
    if value is None or kind in (bool, str, int):
        if kind is str and len(value) > MAX_STRING:
            raise AnswerTooLarge("a string of more than a million characters")
        if kind is int and value.bit_length() > 256:
            return {TAG: "bigint", "v": str(value)}
        return value
    if kind is float:
        return value if math.isfinite(value) else {TAG: "float", "v": repr(value)}
    if kind in (list, tuple, set, frozenset):
        items = [encode(v, budget, depth + 1) for v in (sorted(value, key=repr) if kind in (set, frozenset) else value)]
        return items if kind is list else {TAG: kind.__name__, "v": items}
    if kind is dict:
        return {
            TAG: "dict",
            "v": [[encode(k, budget, depth + 1), encode(v, budget, depth + 1)] for k, v in value.items()],
        }
    if isinstance(value, np.generic) and type(value).__module__ == "numpy" and value.dtype.kind in NUMERIC_KINDS:
        return {TAG: "np", "dtype": value.dtype.str, "v": encode(value.item(), budget, depth + 1)}
    if kind is np.ndarray and value.dtype.kind in NUMERIC_KINDS + "OU":
        budget.spend(value.size)
        return {
            TAG: "ndarray",
            "dtype": value.dtype.str if value.dtype.kind != "O" else "O",
            "shape": list(value.shape),
            "v": [encode(v, budget, depth + 1) for v in value.ravel().tolist()],
        }
    if kind in (pd.Timestamp, pd.Timedelta):
        return {TAG: kind.__name__, "v": value.isoformat()}
    if value is Ellipsis:  # an answer cell left as released: the checks say so
        return {TAG: "ellipsis"}
    if value is pd.NA:
        return {TAG: "NA"}
    if value is pd.NaT:
        return {TAG: "NaT"}
    if kind in (pd.Index, pd.RangeIndex, pd.MultiIndex, pd.DatetimeIndex, pd.CategoricalIndex):
        return _encode_index(value, budget, depth)
    if kind is pd.Series:
        budget.spend(len(value))
        return {
            TAG: "series",
            "dtype": str(value.dtype),
            "name": encode(value.name, budget, depth + 1),
            "index": _encode_index(value.index, budget, depth),
            "v": _values(value, budget, depth),
        }
    if kind is pd.DataFrame:
        budget.spend(value.size)
        return {
            TAG: "frame",
            "columns": _encode_index(value.columns, budget, depth),
            "index": _encode_index(value.index, budget, depth),
            "dtypes": [str(t) for t in value.dtypes],
            "v": [_values(value.iloc[:, i], budget, depth) for i in range(value.shape[1])],
        }
    if type(value).__module__.startswith("altair.") and hasattr(value, "to_dict"):
        spec = value.to_dict()
        text = json.dumps(spec, default=str)
        if len(text) > 20 * MAX_STRING:
            raise AnswerTooLarge("a chart spec of more than 20 MB")
        return {TAG: "chart", "class": kind.__name__, "spec": json.loads(text)}
    return {TAG: "unsupported", "type": f"{kind.__module__}.{kind.__qualname__}"}


def _values(series, budget, depth):
    return [encode(v, budget, depth + 1) for v in series.astype(object).tolist()]


def _encode_index(index, budget, depth):
    import pandas as pd

    budget.spend(len(index))
    if type(index) is pd.MultiIndex:
        return {
            TAG: "multiindex",
            "names": [encode(n, budget, depth + 1) for n in index.names],
            "v": [encode(tuple(t), budget, depth + 1) for t in index.tolist()],
        }
    if type(index) is pd.RangeIndex:
        return {
            TAG: "range",
            "start": index.start,
            "stop": index.stop,
            "step": index.step,
            "name": encode(index.name, budget, depth + 1),
        }
    return {
        TAG: "index",
        "dtype": str(index.dtype),
        "name": encode(index.name, budget, depth + 1),
        "v": [encode(v, budget, depth + 1) for v in index.astype(object).tolist()],
    }


def call_key(args: tuple, kwargs: dict) -> str:
    """The same text for the same arguments in the kernel and in the grader."""
    return json.dumps([encode(list(args)), encode(dict(sorted(kwargs.items())))], sort_keys=True)


class _ProbeTimeout(BaseException):
    """Raised by the alarm inside a probed call; a BaseException so `except Exception` in
    student code does not swallow it."""


def _builtin_exception(error: BaseException) -> str:
    """The nearest built-in exception class of `error` (a student's own ValueError subclass
    is recorded as ValueError)."""
    for klass in type(error).__mro__:
        if getattr(builtins, klass.__name__, None) is klass:
            return klass.__name__
    return "Exception"


def probe(function, call_sources: list[str], seconds: float) -> dict:
    """Call `function` as each call source (`name(1, "a")`) says, with literal arguments, under
    a time limit each. Returns {call key: {"value": ...} or {"raises": name, "message": ...}}."""
    recorded = {}

    def alarm(signum, frame):
        raise _ProbeTimeout()

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        for source in call_sources:
            arguments = source[source.index("(") :]
            args, kwargs = eval("(lambda *a, **k: (a, k))" + arguments, {"__builtins__": {}})  # literals only
            key = call_key(args, kwargs)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                result = {"value": encode(function(*copy.deepcopy(args), **copy.deepcopy(kwargs)))}
            except _ProbeTimeout:
                result = {"raises": "TimeoutError", "message": f"still running after {seconds:g} s"}
            except AnswerTooLarge as error:
                result = {"raises": "ValueError", "message": f"returned too large a value: {error}"}
            except BaseException as error:  # noqa: BLE001 - a student's function may raise anything
                result = {"raises": _builtin_exception(error), "message": str(error)[:300]}
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            recorded[key] = result
    finally:
        signal.signal(signal.SIGALRM, previous)
    return recorded


def save(
    question: str,
    names: list[str],
    calls: dict[str, list[str]],
    namespace: dict,
    folder: str,
    probe_seconds: float,
    stage: str,
) -> None:
    """Write `question`'s answers, as data, to folder/<stage>-<question>.json."""
    answers = {}
    for name in names:
        if name not in namespace:
            continue
        value = namespace[name]
        try:
            if type(value) is types.FunctionType:
                answers[name] = {TAG: "function", "calls": probe(value, calls.get(name, []), probe_seconds)}
            else:
                answers[name] = encode(value)
        except AnswerTooLarge as error:
            answers[name] = {TAG: "unsupported", "type": f"too large ({error})"}
    path = Path(folder) / f"{stage}-{question}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(answers))
    os.replace(temporary, path)


# --- decoding (runs in the grader, on untrusted JSON) ---------------------------------------


class UnsupportedAnswer:
    """Stands for an answer that could not leave the kernel as data: equal to nothing."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __eq__(self, other):
        return False

    __hash__ = None

    def __repr__(self):
        return f"<an object of type {self.type_name}, which the grader cannot check>"


class RecordedChart:
    """An Altair chart as its Vega-Lite spec: tests read it with `to_dict()`."""

    def __init__(self, spec: dict, class_name: str):
        self._spec, self.class_name = spec, class_name

    def to_dict(self, *args, **kwargs) -> dict:
        return copy.deepcopy(self._spec)

    def __repr__(self):
        return f"<Altair {self.class_name} (recorded spec)>"


class RecordedFunction:
    """Replays a student's function: the value it returned, or the built-in exception type it
    raised, for each call the grader made in the sandbox."""

    def __init__(self, name: str, calls: dict):
        self.__name__, self._calls = name, calls

    def __call__(self, *args, **kwargs):
        result = self._calls.get(call_key(args, kwargs))
        if result is None:
            raise LookupError(f"the grader did not record the call {self.__name__}{args!r}")
        if "raises" in result:
            exception = getattr(builtins, str(result["raises"]), None)
            if not (isinstance(exception, type) and issubclass(exception, BaseException)):
                exception = Exception
            if not issubclass(exception, Exception):  # KeyboardInterrupt, SystemExit: not a test's concern
                exception = RuntimeError
            raise exception(str(result.get("message", ""))[:300])
        return decode(result["value"])

    def __repr__(self):
        return f"<function {self.__name__} (recorded calls)>"


def decode(data, depth: int = 0):
    """Rebuild a value from `encode`'s JSON with built-in, NumPy and pandas constructors."""
    import numpy as np
    import pandas as pd

    if depth > MAX_DEPTH + 5:
        raise ValueError("answer data nested too deeply")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(v, depth + 1) for v in data]
    if type(data) is not dict or TAG not in data:
        return UnsupportedAnswer("unknown record")
    kind, v = data[TAG], data.get("v")
    if kind == "bigint":
        return int(str(v)[:400])
    if kind == "float":
        return float(v) if v in ("nan", "inf", "-inf") else UnsupportedAnswer("float")
    if kind in ("tuple", "set", "frozenset"):
        items = [decode(x, depth + 1) for x in v]
        try:
            return {"tuple": tuple, "set": set, "frozenset": frozenset}[kind](items)
        except TypeError:
            return UnsupportedAnswer(kind)
    if kind == "dict":
        try:
            return {decode(k, depth + 1): decode(x, depth + 1) for k, x in v}
        except TypeError:
            return UnsupportedAnswer("dict")
    if kind == "np":
        return np.dtype(_numeric_dtype(data["dtype"])).type(decode(v, depth + 1))
    if kind == "ndarray":
        dtype = "O" if data["dtype"] == "O" else _dtype(data["dtype"])
        return np.array([decode(x, depth + 1) for x in v], dtype=dtype).reshape([int(n) for n in data["shape"]])
    if kind in ("Timestamp", "Timedelta"):
        return getattr(pd, kind)(str(v))
    if kind == "ellipsis":
        return ...
    if kind == "NA":
        return pd.NA
    if kind == "NaT":
        return pd.NaT
    if kind in ("index", "multiindex", "range"):
        return _decode_index(data, depth)
    if kind == "series":
        return pd.Series(
            [decode(x, depth + 1) for x in v],
            index=_decode_index(data["index"], depth),
            name=decode(data["name"], depth + 1),
            dtype=_pandas_dtype(data["dtype"]),
        )
    if kind == "frame":
        columns = _decode_index(data["columns"], depth)
        index = _decode_index(data["index"], depth)
        frame = pd.DataFrame(
            {
                i: pd.Series([decode(x, depth + 1) for x in column], index=index, dtype=_pandas_dtype(dtype))
                for i, (column, dtype) in enumerate(zip(v, data["dtypes"]))
            },
            index=index,
        )
        frame.columns = columns
        return frame
    if kind == "chart":
        return RecordedChart(data["spec"], str(data.get("class", "Chart")))
    if kind == "function":
        return RecordedFunction("function", data.get("calls") or {})
    return UnsupportedAnswer(str(data.get("type", kind)))


def _decode_index(data, depth):
    import pandas as pd

    if data[TAG] == "range":
        return pd.RangeIndex(int(data["start"]), int(data["stop"]), int(data["step"]), name=decode(data["name"]))
    if data[TAG] == "multiindex":
        return pd.MultiIndex.from_tuples(
            [decode(t, depth + 1) for t in data["v"]], names=[decode(n) for n in data["names"]]
        )
    return pd.Index(
        [decode(x, depth + 1) for x in data["v"]], dtype=_pandas_dtype(data["dtype"]), name=decode(data["name"])
    )


def _numeric_dtype(text: str) -> str:
    import numpy as np

    if np.dtype(str(text)).kind not in NUMERIC_KINDS:
        raise ValueError(f"not a numeric dtype: {text!r}")
    return str(text)


def _dtype(text: str) -> str:
    import numpy as np

    if np.dtype(str(text)).kind not in NUMERIC_KINDS + "U":
        raise ValueError(f"unexpected dtype: {text!r}")
    return str(text)


def _pandas_dtype(text: str):
    """pandas dtype names a Series may carry; anything else is read as object."""
    import pandas as pd

    text = str(text)
    try:
        dtype = pd.api.types.pandas_dtype(text)
    except (TypeError, ValueError):
        return object
    return dtype if dtype.kind in NUMERIC_KINDS + "OU" or text in ("string", "category", "boolean") else object
