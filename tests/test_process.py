"""The one program runner: every external program goes through it, failures are one line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import bulletin
from bulletin import process
from bulletin.errors import AudioError, SynthesisError
from bulletin.synth.engines import festival
from testkit.speech import SENTENCES

PACKAGE = Path(bulletin.__file__).parent


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_stdout_is_returned_and_stdin_fed():
    assert process.run(python("import sys; sys.stdout.write(sys.stdin.read()[::-1])"),
                       error=AudioError, name="rev", input_bytes=b"abc") == b"cba"


def test_failure_names_the_program_exit_and_stderr_tail():
    code = "import sys; print('one', file=sys.stderr); print('two', file=sys.stderr); sys.exit(3)"
    with pytest.raises(SynthesisError, match=r"^tool failed \(exit 3\): one \| two; fix it$"):
        process.run(python(code), error=SynthesisError, name="tool", hint="; fix it")


def test_a_program_that_hangs_is_stopped():
    with pytest.raises(AudioError, match=r"^slow did not finish within 0.3 s$"):
        process.run(python("import time; time.sleep(30)"), error=AudioError, name="slow",
                    timeout_s=0.3)


def test_a_missing_program_cannot_start(tmp_path):
    with pytest.raises(AudioError, match=r"^cannot start ghost \(.*nope\): No such file"):
        process.run([str(tmp_path / "nope")], error=AudioError, name="ghost")


def test_stderr_of_a_fed_program_is_its_report():
    code = "import sys; sys.stderr.write(str(len(sys.stdin.buffer.read())))"
    assert process.run_feeding(python(code), error=AudioError, name="count",
                               stdin_chunks=[b"ab", b"cde"]) == b"5"


def test_festival_goes_through_the_runner(tmp_path):
    program = tmp_path / "text2wave"
    program.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('no voice here')\n")
    program.chmod(0o755)
    engine = festival.FestivalEngine(voice=festival.VOICE, text2wave=str(program))
    with pytest.raises(SynthesisError, match=r"^festival's text2wave failed \(exit 1\): "
                                             rf"no voice here; check that {festival.VOICE}"):
        engine.synthesize(SENTENCES[2])


@pytest.mark.parametrize("path", sorted(p.relative_to(PACKAGE) for p in PACKAGE.rglob("*.py")
                                        if p.name != "process.py"), ids=str)
def test_only_the_runner_starts_programs(path):
    text = (PACKAGE / path).read_text("utf-8")
    assert not re.search(r"^\s*(import subprocess|from subprocess import)|os\.system\(|"
                         r"os\.popen\(|os\.exec|os\.spawn", text, re.M), (
        f"{path}: run external programs with bulletin.process.run"
    )
