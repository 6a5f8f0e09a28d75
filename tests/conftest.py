"""Shared fixtures: the shipped rule set and the Loksado dataset, loaded once."""

from __future__ import annotations

import os

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


@pytest.fixture(autouse=True)
def _no_user_database(tmp_path_factory, monkeypatch):
    """No test may touch the real user database: the default store lives in a temp folder."""
    if "SAKIP_DB" not in os.environ:
        home = tmp_path_factory.mktemp("xdg")
        monkeypatch.setenv("XDG_DATA_HOME", str(home))
