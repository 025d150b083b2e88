"""Fuzz search and every page that takes parameters with new examples, many of them.

Runs the properties of ``tests/security/test_fuzz.py`` (the ``never_fail`` ones: the
search API by GET, POST and as a sysadmin, garbage bodies, pages with parameters,
paths that name a thing, the moderators' pages) on the seeded catalogue, with
``--examples`` examples in all (default 10,000, shared evenly between them) drawn
afresh each run (Hypothesis profile ``fuzz``; ``--seed N`` repeats a run). Then it
prints the requests sent by status, how many took a second or more, and the slowest
with its time. A property that finds a failure stops there and pytest reports it,
shrunk to its smallest example. Run on demand, never in CI; like the suite, it empties
the database it is given (the test one):

    make test PYTEST_ARGS="tests/security/test_fuzz.py -q"   # creates and migrates it once
    CKAN_SQLALCHEMY_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_test \\
    CKAN_REDIS_URL=redis://127.0.0.1:6379/1 \\
    CKAN_DATASTORE_WRITE_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_test_datastore \\
    CKAN_DATASTORE_READ_URL=postgresql://asmhub_datastore_ro:asmhub_datastore_ro@127.0.0.1:5432/asmhub_test_datastore \\
        .venv/bin/python bench/fuzz.py --examples 10000
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULE = "tests/security/test_fuzz.py"
PROPERTIES = 7  # the test_*_never_fail(s) functions of MODULE


class Report:
    """A pytest plugin that prints what the properties saw once they have run."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def pytest_sessionfinish(self, session, exitstatus) -> None:
        fuzz = sys.modules.get("tests.security.test_fuzz")
        if fuzz is None:
            return
        seen = fuzz.SEEN
        total = sum(seen.statuses.values())
        print(f"\n{total} requests in {time.perf_counter() - self.started:.0f} s "
              f"({os.environ['ASMHUB_FUZZ_EXAMPLES']} examples for each of {PROPERTIES} properties)")
        for status, count in sorted(seen.statuses.items(), key=lambda item: str(item[0])):
            print(f"  {status}: {count}")
        print(f"  a second or more: {seen.over}")
        seconds, request = seen.slowest
        print(f"slowest: {seconds:.3f} s  {request}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples in all (default 10000)")
    parser.add_argument("--seed", type=int, help="Hypothesis seed, to repeat a run")
    args = parser.parse_args()
    os.environ["ASMHUB_FUZZ_EXAMPLES"] = str(max(1, args.examples // PROPERTIES))
    os.environ["HYPOTHESIS_PROFILE"] = "fuzz"
    os.chdir(ROOT)
    pytest_args = [MODULE, "-k", "never_fail", "-q", "--hypothesis-show-statistics"]
    if args.seed is not None:
        pytest_args.append(f"--hypothesis-seed={args.seed}")
    return pytest.main(pytest_args, plugins=[Report()])


if __name__ == "__main__":
    sys.exit(main())
