"""Real processes: two writers at once lose nothing; SIGKILL mid-transaction leaves all or nothing."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from sakip_rules.data import model as m
from sakip_rules.data.folder import load_folder
from sakip_rules.store import Store
from sakip_rules.store import schema as s

from bantu_store import ROOT, tulis_csv

PENGGERAK = Path(__file__).with_name("penggerak.py")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def proses(*args) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, str(PENGGERAK), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _antrean(p: subprocess.Popen) -> queue.Queue:
    """The process's output lines, read by a thread: a silent process cannot block the test."""
    if not hasattr(p, "antrean"):
        p.antrean = queue.Queue()

        def baca():
            for baris in p.stdout:
                p.antrean.put(baris.rstrip("\n"))
            p.antrean.put(None)  # end of output

        p.pembaca = threading.Thread(target=baca, daemon=True)
        p.pembaca.start()
    return p.antrean


def tunggu_baris(p: subprocess.Popen, teks: str, batas: float = 120) -> list[str]:
    """Read the process's output until a line equal to (or, ending in '*', starting with) ``teks``."""
    antrean, akhir, dibaca = _antrean(p), time.monotonic() + batas, []
    while True:
        try:
            baris = antrean.get(timeout=max(0.0, akhir - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"'{teks}' tidak muncul dalam {batas} detik") from None
        if baris is None:
            raise AssertionError(f"proses berhenti sebelum '{teks}': {p.stderr.read()}")
        dibaca.append(baris)
        if baris.strip() == teks or (teks.endswith("*") and baris.startswith(teks[:-1])):
            return dibaca


def sisa_baris(p: subprocess.Popen) -> list[str]:
    """Every output line not read yet, once the process has ended."""
    antrean = _antrean(p)
    p.pembaca.join(timeout=30)
    out = []
    while (baris := antrean.get(timeout=5)) is not None:
        out.append(baris)
    return out


def bunuh(p: subprocess.Popen) -> None:
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL


def baris_kiriman(url: str) -> list:
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return c.execute(select(s.kiriman).order_by(s.kiriman.c.id)).all()
    finally:
        eng.dispose()


def periksa_rantai(rows) -> None:
    """Every value key has versions 1..n, each superseding the previous one."""
    per = defaultdict(list)
    for r in rows:
        per[(r.kecamatan_id, r.kunci_nilai)].append(r)
    for kunci, versi in per.items():
        versi.sort(key=lambda r: r.versi)
        assert [r.versi for r in versi] == list(range(1, len(versi) + 1)), kunci
        assert versi[0].menggantikan is None
        for a, b in zip(versi, versi[1:]):
            assert b.menggantikan == a.id and b.id > a.id and b.nilai_kanonik != a.nilai_kanonik, kunci


def periksa_utuh(url: str) -> None:
    if url.startswith("sqlite"):
        eng = create_engine(url)
        with eng.connect() as c:
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        eng.dispose()


def test_dua_proses_menulis_bersamaan_tidak_ada_yang_hilang(db_url, tmp_path):
    mulai = tmp_path / "mulai"
    n = 60
    ps = [proses("lapor", db_url, nama, n, "--mulai", mulai) for nama in ("proses-a", "proses-b")]
    time.sleep(1.0)
    mulai.touch()
    hasil = []
    for p in ps:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        hasil.append([b.split() for b in out.splitlines() if b.startswith("OK ")])
    assert [len(h) for h in hasil] == [n, n]
    rows = baris_kiriman(db_url)
    per_id = {r.id: r for r in rows}
    periksa_rantai(rows)
    ditulis = set()
    bersama = defaultdict(set)
    for h in hasil:
        for _, kid, status, jenis, bumdes, bulan, jumlah, kunci in h:
            r = per_id[int(kid)]  # every acknowledged submission is in the database
            assert r.kunci_nilai == f"{jenis} {bumdes} {bulan}"
            if status != "sama":
                ditulis.add(int(kid))
            if kunci == "-" and status != "sama":
                assert r.jumlah == D(jumlah)
            if kunci != "-":
                bersama[kunci].add(kid)
    # shared idempotency keys: both processes got the one same result
    assert len(bersama) == n // 3 and all(len(v) == 1 for v in bersama.values())
    # nothing stored that nobody was told about, nothing told that was not stored
    assert {r.id for r in rows if r.saluran == "bot"} == ditulis
    periksa_utuh(db_url)


def test_sigkill_di_tengah_kiriman(db_url, hitung_baris):
    awal = hitung_baris(db_url)
    p = proses("lapor", db_url, "proses-a", 5, "--tahan")
    tunggu_baris(p, "DALAM")  # the row is written, the transaction is open
    bunuh(p)
    assert hitung_baris(db_url) == awal  # nothing of it stayed
    periksa_utuh(db_url)
    with Store.buka(db_url) as st:  # and the database works normally afterwards (lock released)
        from sakip_rules.store.users import admin_lokal

        k = st.lapor_laba(admin_lokal("x", "loksado"), "serati", 2024, 1, D("100000"), saluran="cli")
        assert k.status == "koreksi"


def test_sigkill_acak_dalam_rangkaian_kiriman(db_url):
    rows0 = len(baris_kiriman(db_url))
    p = proses("lapor", db_url, "proses-a", 100000)
    awal = tunggu_baris(p, "OK *")  # it is submitting; kill it at a random moment
    time.sleep(random.uniform(0.2, 1.0))
    bunuh(p)
    dicatat = [b.split() for b in awal + sisa_baris(p) if b.startswith("OK ")]
    assert dicatat, "proses dibunuh sebelum satu kiriman pun selesai"
    rows = baris_kiriman(db_url)
    tersimpan = {r.id for r in rows if r.saluran == "bot"}
    ditulis = {int(b[1]) for b in dicatat if b[2] != "sama"}
    # every acknowledged submission is there; at most the one in flight committed unacknowledged
    assert ditulis <= tersimpan and len(tersimpan - ditulis) <= 1
    assert len(rows) == rows0 + len(tersimpan)
    periksa_rantai(rows)
    periksa_utuh(db_url)


def _kecamatan_besar(n_bumdes: int) -> m.Dataset:
    ds = load_folder(ROOT / "data" / "loksado")
    desa = tuple(m.Desa(f"desa_{i}", f"Desa {i}") for i in range(n_bumdes // 8))
    bumdes = tuple(m.Bumdes(f"bumdes_{i}", f"Bumdes {i}", desa[i % len(desa)].kode, nama_di_rekap=f"BUMDES {i}")
                   for i in range(n_bumdes))
    kec = m.Kecamatan("besar", "Besar", "Kabupaten Uji", desa, bumdes)
    return replace(ds, kecamatan=kec, laba_bumdes=[], status_desa=[], ikm=[], realisasi_anggaran=[])


def test_sigkill_di_tengah_impor(db_kosong, tmp_path, hitung_baris):
    n_bumdes = 400
    with Store.buka(db_kosong, seed=False) as st:
        st._impor_dataset(None, _kecamatan_besar(n_bumdes), sumber="uji", saluran="impor")
    rows = [["NO", "DESA", "NAMA BUMDES"] + [f"KEUNTUNGAN BULAN {b}" for b in
            ("JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS", "SEPTEMBER",
             "OKTOBER", "NOPEMBER", "DESEMBER")] + ["KET"]]
    for i in range(n_bumdes):
        rows.append([str(i + 1), "", f"BUMDES {i}"] + [f"Rp. {1000 * (i + 1) + b}" for b in range(12)] + [""])
    berkas = tulis_csv(tmp_path / "besar.csv", rows)
    awal = hitung_baris(db_kosong)

    p = proses("impor", db_kosong, berkas, 2024, "besar", "--lambat")
    tunggu_baris(p, "SEDANG")  # 100 of 4800 rows written inside the open transaction
    bunuh(p)
    assert hitung_baris(db_kosong) == awal  # none of the import stayed, not even its impor row
    periksa_utuh(db_kosong)

    p = proses("impor", db_kosong, berkas, 2024, "besar")
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    assert out.strip() == f"SELESAI {12 * n_bumdes}"
    setelah = hitung_baris(db_kosong)
    assert setelah["kiriman"] == awal["kiriman"] + 12 * n_bumdes and setelah["impor"] == awal["impor"] + 1
    periksa_rantai(baris_kiriman(db_kosong))


def test_dua_proses_pemakaian_pertama_bersamaan(db_kosong, hitung_baris):
    """Two processes opening a brand-new database at once: migrated and seeded exactly once."""
    kode = "from sakip_rules.store import Store; Store.buka(__import__('sys').argv[1]).tutup(); print('OK')"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    ps = [subprocess.Popen([sys.executable, "-c", kode, db_kosong], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    for p in ps:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "OK", err
    n = hitung_baris(db_kosong)
    assert n["impor"] == 1 and n["kiriman"] > 0
    with Store.buka(db_kosong) as st:
        assert st.daftar_kecamatan() == ["loksado"]
