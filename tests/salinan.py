"""Editable copies of the shipped rules and data, for tests that break them on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from project_paths import DATA_DIR, RULES_DIR


def salin_aturan(tmp_path: Path) -> Path:
    """A copy of the shipped rule set."""
    return Path(shutil.copytree(RULES_DIR, tmp_path / "rules"))


def salin_data(tmp_path: Path, *abaikan: str) -> Path:
    """A copy of the Loksado data folder, without the entries named in ``abaikan``."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "loksado", ignore=shutil.ignore_patterns(*abaikan)))


def ubah(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace the first ``count`` occurrences of ``old`` in a file; the text must be there,
    so a test never passes because its edit silently did nothing."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
