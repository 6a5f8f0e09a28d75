"""Shared fixtures: the shipped rule set and the Loksado dataset, loaded once."""

from __future__ import annotations

import pytest

from project_paths import DATA_DIR, RULES_DIR


@pytest.fixture(scope="session")
def rules():
    from sakip_rules.rules import load_rules

    return load_rules(RULES_DIR)


@pytest.fixture(scope="session")
def loksado():
    from sakip_rules.data.folder import load_folder

    return load_folder(DATA_DIR)
