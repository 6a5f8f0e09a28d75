"""Options every command shares (--rules, --data) and how they resolve to a rule set and a dataset."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..data.model import Dataset
from ..errors import UsageError
from ..rules.loader import load_rules
from ..rules.model import RuleSet


def default_rules_dir() -> Path:
    env = os.environ.get("SAKIP_RULES")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "rules"


def add_common(p: argparse.ArgumentParser, data: bool = True) -> None:
    p.add_argument("--rules", metavar="DIR", type=Path, default=None,
                   help="folder aturan (bawaan: rules/ proyek, atau $SAKIP_RULES)")
    if data:
        p.add_argument("--data", metavar="DIR", type=Path, default=None,
                       help="folder data (bawaan: data/loksado, atau $SAKIP_DATA)")


def tahun(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"tahun '{text}' bukan bilangan, contoh: 2024") from None
    if not 2000 <= value <= 2100:
        raise UsageError(f"tahun {value} di luar rentang 2000–2100")
    return value


def rules_of(args) -> RuleSet:
    folder = args.rules or default_rules_dir()
    if not Path(folder).is_dir():
        raise UsageError(f"folder aturan '{folder}' tidak ada")
    return load_rules(folder)


def dataset_of(args) -> Dataset:
    from ..data.folder import load_folder
    from ..data.paths import default_data_dir

    folder = args.data or default_data_dir()
    if not Path(folder).is_dir():
        raise UsageError(f"folder data '{folder}' tidak ada")
    return load_folder(folder)
