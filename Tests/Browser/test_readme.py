"""Every `relais` command the README shows exists: each answers `--help` (exit 0, a usage line), and asking for
help creates no data folder. The README cannot drift from the program again (`relais resources link` did)."""
import os
import re
import subprocess
import tempfile
from pathlib import Path

from conftest import BINARY, ROOT

WORD = re.compile(r"^[a-z][a-z0-9-]*$")


def readme_commands() -> list[list[str]]:
    """The command words (`tokens create`, `audit verify`…) of every `relais …` line in the README's code blocks."""
    text = (ROOT / "README.md").read_text()
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            match = re.search(r"\brelais\s+(.*)", line.split("#")[0])
            if not match:
                continue
            words = []
            for word in match.group(1).split():
                if not WORD.match(word):
                    break
                words.append(word)
            if words and words not in commands:
                commands.append(words)
    return commands


def test_the_readme_shows_commands():
    commands = readme_commands()
    assert ["serve"] in commands
    assert ["resources", "link"] in commands
    assert len(commands) >= 12


def test_every_readme_command_answers_help_and_touches_no_data():
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELAIS_") and k != "DATABASE_URL"}
        for words in readme_commands() + [[]]:
            result = subprocess.run(
                [str(BINARY), *words, "--help"], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
            output = result.stdout + result.stderr
            assert result.returncode == 0, f"relais {' '.join(words)} --help: {output}"
            assert "Usage:" in output, f"relais {' '.join(words)} --help: {output}"
            assert "unknownCommand" not in output
            assert list(Path(folder).iterdir()) == [], f"relais {' '.join(words)} --help wrote {list(Path(folder).iterdir())}"
