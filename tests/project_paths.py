"""Where the shipped rules and data live, for tests (tests/ is on pytest's pythonpath)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "rules"
DATA_DIR = ROOT / "data" / "loksado"
