"""The CLI starts fast: help and `clean --lines -` load no heavy library.

Every command module is imported by `bulletin --help`, so one eager `import numpy` (or bs4,
feedgen, starlette…) in any of them, or in a stage package's `__init__`, costs every
invocation a second. The check runs in a fresh interpreter, walks every registered command
(new ones included) and names the command that first pulled a heavy module in.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "numpy", "scipy", "pyloudnorm", "bs4", "lxml", "markdown_it", "feedgen", "jinja2", "PIL",
    "mutagen", "pydub", "indic_transliteration", "starlette", "uvicorn", "tqdm", "requests",
    "gtts", "onnxruntime", "piper", "feedparser",
)

PROBE = """
import io, json, sys
import click
from bulletin.cli import main

heavy = set(json.loads(sys.argv[1]))
def loaded():
    return sorted({name.split(".")[0] for name in sys.modules} & heavy)

def paths(group, prefix):
    for name, command in sorted(group.commands.items()):
        yield [*prefix, name]
        if isinstance(command, click.Group):
            yield from paths(command, [*prefix, name])

runs = [["--help"], ["clean", "--lines", "-"]]
runs += [[*path, "--help"] for path in paths(main, [])]
report = []
for argv in runs:
    main(argv, standalone_mode=False)
    report.append([argv, loaded()])
print(json.dumps(report), file=sys.__stderr__)
"""


def test_help_and_clean_lines_load_no_heavy_library():
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)],
        input="सरकार ने 25 शहरों के लिए योजना शुरू की\n", capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert len(report) > 10  # every command's --help ran, not only the top-level one
    offenders = [(" ".join(argv), modules) for argv, modules in report if modules]
    assert not offenders, f"first command to load a heavy module: {offenders[0]}"
    assert "पच्चीस" in proc.stdout  # `clean --lines -` really normalized the line
