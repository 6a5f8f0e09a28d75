"""Editable copies of the shipped rules and data, for tests that break them on purpose: copy,
edit a file, find the line of what was written, collect the rule set's load errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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


def baris_dengan(path: Path, potongan: str) -> int:
    """The line number (1-based) of the first line of ``path`` containing ``potongan``."""
    return next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if potongan in t)


def galat_aturan(folder: Path) -> list:
    """The problems that make the rule set in ``folder`` refused at load (there must be some)."""
    from sakip_rules.errors import ErrorList
    from sakip_rules.rules import load_rules

    with pytest.raises(ErrorList) as exc:
        load_rules(folder)
    return exc.value.errors
