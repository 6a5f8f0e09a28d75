"""Where the default data folder is."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """``$SAKIP_DATA`` if set (and not empty), else ``<repo root>/data/loksado``."""
    env = os.environ.get("SAKIP_DATA", "").strip()
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[3] / "data" / "loksado"
