"""Copy the Docker build context: the repository root less docker/Dockerfile.dockerignore.

Usage: python context.py REPO DEST

The image's pip steps then run on the files `docker build` would send, so a file
the image needs but the ignore file leaves out fails here too. Patterns follow
.dockerignore's rules as far as ours use them: paths from the root, `*` and `?`
within a path segment, `**` across segments, `!` to take a path back.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path


def _regex(pattern: str) -> re.Pattern[str]:
    segments = pattern.strip("/").split("/")
    out = ""
    for i, segment in enumerate(segments):
        if segment == "**":
            out += "(?:[^/]+/)*"
            continue
        out += "".join("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch) for ch in segment)
        out += "/" if i < len(segments) - 1 else ""
    return re.compile(f"^{out}(?:/.*)?$")


def rules(ignore_file: Path) -> list[tuple[bool, re.Pattern[str]]]:
    lines = (line.strip() for line in ignore_file.read_text().splitlines())
    return [(line.startswith("!"), _regex(line.lstrip("!"))) for line in lines if line and not line.startswith("#")]


def ignored(path: str, compiled: list[tuple[bool, re.Pattern[str]]]) -> bool:
    result = False
    for keep, regex in compiled:
        if regex.match(path):
            result = not keep
    return result


def main(repo: str, dest: str) -> None:
    root, target = Path(repo).resolve(), Path(dest)
    compiled = rules(root / "docker" / "Dockerfile.dockerignore")
    if target.exists():
        shutil.rmtree(target)
    count = 0
    for directory, dirs, files in os.walk(root):
        prefix = Path(directory).relative_to(root).as_posix() + "/"
        prefix = "" if prefix == "./" else prefix
        dirs[:] = [d for d in dirs if not ignored(prefix + d, compiled)]
        for name in files:
            if not ignored(prefix + name, compiled):
                (target / prefix / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(directory) / name, target / prefix / name)
                count += 1
    print(f"build context: {count} files copied to {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
