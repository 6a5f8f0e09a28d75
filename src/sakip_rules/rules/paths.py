"""Where the rule set is when none is named: $SAKIP_RULES, else the project's rules/ folder."""

from __future__ import annotations

import os
from pathlib import Path


def default_rules_dir() -> Path:
    env = os.environ.get("SAKIP_RULES")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "rules"
