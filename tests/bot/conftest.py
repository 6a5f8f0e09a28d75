"""The bot under test: the real Application over a seeded SQLite store and the fake Bot API."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from botuji import PENGGUNA, Uji, jam  # noqa: E402
from fakebot import FakeBotApi, FakeRequest  # noqa: E402


@pytest.fixture(scope="session")
def db_induk(tmp_path_factory) -> Path:
    """Loksado seeded once, with the test users; each test works on a copy."""
    from sakip_rules.store import Store

    path = tmp_path_factory.mktemp("induk") / "induk.db"
    store = Store.buka(f"sqlite:///{path}", jam=jam)
    for orang, nama, peran, desa in PENGGUNA:
        store.tambah_pengguna(None, nama, peran, kecamatan="loksado", desa=desa, telegram_id=orang.id)
    store.tutup()
    return path


@pytest.fixture
def db_url(db_induk, tmp_path) -> str:
    path = tmp_path / "bot.db"
    shutil.copy(db_induk, path)
    return f"sqlite:///{path}"


@pytest.fixture
def store(db_url):
    from sakip_rules.store import Store

    s = Store.buka(db_url, jam=jam)
    yield s
    s.tutup()


@pytest.fixture(scope="session")
def rules():
    from sakip_rules.rules.paths import default_rules_dir
    from sakip_rules.rules import load_rules

    return load_rules(default_rules_dir())


@pytest.fixture
def api():
    return FakeBotApi()


@pytest.fixture
async def buat_bot(api, store, rules, tmp_path):
    """Factory: a started Application (initialize) over the fake; shut down after the test."""
    from bot.app import buat_aplikasi
    from bot.layanan import Konfigurasi

    dibuat = []

    async def buat(*, persistensi: Path | None | bool = True, store_=None, **konf):
        if persistensi is True:
            persistensi = tmp_path / "alur.pickle"
        konf = {"jeda_jaringan": 0.0, "sekarang": jam, **konf}
        konfigurasi = Konfigurasi(persistensi=persistensi or None, **konf)
        app = buat_aplikasi(store_ or store, "123:TEST", konfigurasi, request=FakeRequest(api), rules=rules)
        await app.initialize()
        uji = Uji(app, api, store_ or store)
        dibuat.append(app)
        return uji

    yield buat
    for app in dibuat:
        if app.running:
            await app.stop()
        await app.shutdown()
    # every reply of every test respected Telegram's limits
    assert not api.pelanggaran, [(p.metode, p.galat, p.param.get("text", "")[:200]) for p in api.pelanggaran]


@pytest.fixture
async def bot(buat_bot):
    return await buat_bot()
