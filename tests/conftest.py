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


@pytest.fixture
def salinan_aturan(tmp_path):
    """A copy of the shipped rules that the test may break."""
    from salinan import salin_aturan

    return salin_aturan(tmp_path)


@pytest.fixture
def salinan_data(tmp_path):
    """A copy of the Loksado data folder that the test may break."""
    from salinan import salin_data

    return salin_data(tmp_path)


@pytest.fixture(autouse=True)
def _no_user_database(tmp_path_factory, monkeypatch):
    """No test may touch the real user database: the default store lives in a temp folder."""
    if "SAKIP_DB" not in os.environ:
        home = tmp_path_factory.mktemp("xdg")
        monkeypatch.setenv("XDG_DATA_HOME", str(home))
