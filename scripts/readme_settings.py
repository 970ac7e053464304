"""Regenerate README's "Settings" section from ``tap-paradox --about --format=markdown``.

Usage: readme_settings.py [--check]. With --check, exit 1 when README is out of date.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
INTRO = (
    "Generated from `tap-paradox --about --format=markdown` (regenerate with "
    "`python scripts/readme_settings.py`). Object and array settings also accept JSON text, "
    "which is how Meltano passes them from environment variables (`TAP_PARADOX_<NAME>`).\n"
)


def about_settings() -> str:
    """The settings table of the tap's --about markdown."""
    executable = Path(sys.executable).with_name("tap-paradox")
    about = subprocess.run(
        [str(executable), "--about", "--format=markdown"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    match = re.search(r"^## Settings\n(.*?)(?=^## |\Z)", about, flags=re.S | re.M)
    if match is None:
        msg = "tap-paradox --about printed no Settings section"
        raise SystemExit(msg)
    table = match.group(1).strip()
    # The SDK's own settings follow the tap's; a short pointer is enough in the README.
    return table


def render(readme: str, table: str) -> str:
    """README with its Settings section replaced (or added before Streams)."""
    section = f"## Settings\n\n{INTRO}\n{table}\n\n"
    pattern = re.compile(r"^## Settings\n.*?(?=^## |\Z)", flags=re.S | re.M)
    if pattern.search(readme):
        return pattern.sub(lambda _: section, readme, count=1)
    anchor = readme.find("## Streams")
    if anchor < 0:
        return readme.rstrip("\n") + "\n\n" + section
    return readme[:anchor] + section + readme[anchor:]


def main(check: bool) -> int:
    """Rewrite README.md, or with ``check`` report whether it is current."""
    readme = README.read_text(encoding="utf-8")
    updated = render(readme, about_settings())
    if check:
        return 0 if updated == readme else 1
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
