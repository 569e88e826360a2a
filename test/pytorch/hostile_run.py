"""Driver of the hostile-export check (test/pytorch/hostileExport.test.ts).

    /usr/bin/python3 test/pytorch/hostile_run.py JOBS.json

JOBS.json: {"parse": [file, ...], "run": [file, ...], "literals": [[literal, expected], ...]}

- "parse": each file's bytes through ast.parse (bytes, so that an encoding declaration in the
  file would be honoured as when Python runs it); reports the error per file, or null.
- "run": each file run as a script (runpy, run_name "__main__"), stdout kept; reports what it
  printed, or the error.
- "literals": ast.literal_eval(literal) == expected, per pair.

Prints one JSON object {"parse": {file: error|null}, "run": {file: {"printed", "error"}},
"literals": [bool, ...]}.
"""
import ast
import contextlib
import io
import json
import runpy
import sys
import traceback


def parse_error(path):
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        ast.parse(source, filename=path)
        return None
    except (SyntaxError, ValueError) as error:
        return f"{type(error).__name__}: {error}"


def run_file(path):
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            runpy.run_path(path, run_name="__main__")
        return {"printed": printed.getvalue(), "error": None}
    except Exception:  # reported per file, the others still run
        return {"printed": printed.getvalue(), "error": traceback.format_exc(limit=3)}


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        jobs = json.load(handle)
    result = {
        "parse": {path: parse_error(path) for path in jobs["parse"]},
        "literals": [ast.literal_eval(literal) == expected for literal, expected in jobs["literals"]],
    }
    import torch  # after parsing: the parse check needs no torch

    torch.set_num_threads(2)
    result["run"] = {path: run_file(path) for path in jobs["run"]}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
