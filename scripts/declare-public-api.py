#!/usr/bin/env python3
"""Declares a deliberate public API change: builds the solution, and for every RS0016 (a public symbol not yet
declared) adds the analyzer's line to that project's PublicAPI.Unshipped.txt; for every RS0017 (declared but gone)
removes the line. Review the diff: it is the API change. New public types must also be named in README.md or docs/
(tests/MlNetResNet.Tests/Layout/PublicSurfaceTests).

    python3 scripts/declare-public-api.py
"""
import collections
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FINDING = re.compile(r"error (RS0016|RS0017): Symbol '(.*)' is (?:not )?part of the declared (?:public )?API.*\[(.*)/[^/]+\.csproj\]")


def build():
    result = subprocess.run(["dotnet", "build", "MlNetResNet.sln", "-c", "Release", "-nodeReuse:false", "-v", "q",
                             "-clp:NoSummary"], cwd=ROOT, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def main():
    for _ in range(4):  # a declared type can reveal its members' findings on the next build
        code, output = build()
        added, removed = collections.defaultdict(set), collections.defaultdict(set)
        for line in output.splitlines():
            match = FINDING.search(line)
            if match:
                (added if match.group(1) == "RS0016" else removed)[match.group(3)].add(match.group(2))
        if code == 0 or not (added or removed):
            print("build clean" if code == 0 else "build fails for other reasons:\n" + output[-4000:])
            return
        for project, symbols in added.items():
            path = os.path.join(project, "PublicAPI.Unshipped.txt")
            lines = [line for line in open(path).read().splitlines()[1:] if line.strip()]
            with open(path, "w") as file:
                file.write("#nullable enable\n" + "\n".join(sorted(set(lines) | symbols)) + "\n")
            print(f"{path}: +{len(symbols)}")
        for project, symbols in removed.items():
            for name in ("PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"):
                path = os.path.join(project, name)
                lines = open(path).read().splitlines()
                with open(path, "w") as file:
                    file.write("\n".join(line for line in lines if line not in symbols) + "\n")
            print(f"{project}: -{len(symbols)}")


if __name__ == "__main__":
    main()
