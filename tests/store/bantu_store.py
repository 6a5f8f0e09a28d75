"""Helpers shared by the store tests (a uniquely named module: test files never import `conftest`)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import create_engine, func, select

from sakip_rules.store import Store
from sakip_rules.store import schema as s

from project_paths import ROOT
SEED = ROOT.parent / "shared" / "seed" / "000_51842b6cf0e2fe49.txt"  # optional cross-check


class Jam:
    """A settable clock for the store (timezone-aware UTC)."""

    def __init__(self, mulai: dt.datetime):
        self.t = mulai

    def __call__(self) -> dt.datetime:
        return self.t

    def maju(self, **kw) -> dt.datetime:
        self.t += dt.timedelta(**kw)
        return self.t


def hitung(url_atau_store, tabel=None) -> int | dict:
    """Rows in the submission tables (all of them as a dict, or one)."""
    engine = url_atau_store.engine if isinstance(url_atau_store, Store) else create_engine(url_atau_store)
    try:
        with engine.connect() as c:
            semua = {t.name: c.execute(select(func.count()).select_from(t)).scalar()
                     for t in (s.kiriman, s.kunci_kiriman, s.impor, s.pengguna, s.undangan, s.dokumen_rencana)}
    finally:
        if not isinstance(url_atau_store, Store):
            engine.dispose()
    return semua[tabel] if tabel else semua


# Gambar 3.6 exactly as printed in the LKjIP (OCR'd desa names included).
GAMBAR_3_6 = """NO	DESA	NAMA BUMDES	KEUNTUNGAN BULAN JANUARI	KEUNTUNGAN BULAN FEBRUARI	KEUNTUNGAN BULAN MARET	KEUNTUNGAN BULAN APRIL	KEUNTUNGAN BULAN MEI	KEUNTUNGAN BULAN JUNI	KEUNTUNGAN BULAN JULI	KEUNTUNGAN BULAN AGUSTUS	KEUNTUNGAN BULAN SEPTEMBER	KEUNTUNGAN BULAN OKTOBER	KEUNTUNGAN BULAN NOPEMBER	KEUNTUNGAN BULAN DESEMBER	KET
1	BEALUNUK	SUMBER RAHMAT	Rp. 100.000	Rp. 800.000	Rp. 400.000	Rp. 640.000	Rp. 540.000	Rp. 360.000	Rp. 640.000	Rp. 1.000.000	Rp. 630.000	Rp. 540.000	Rp. 734.400	Rp. 880.000	
2	PANGUNGAN	SARANTAS BERENAR	Rp.	Rp.	Rp.	Rp.	Rp.	Rp.	Rp. 400.000	Rp. 1.000.000	Rp. 1.200.000	Rp. 1.740.000	Rp. 800.000	Rp. 550.000	
3	MALINDAU	BERLAH KARTIA BERSAMA	Rp. 70.000	Rp. 644.000	Rp. 800.500	Rp. 1.330.000	Rp. 1.034.000	Rp. 537.500	Rp. 677.500	Rp. 1.000.000	Rp. 1.000.000	Rp. 480.000	Rp. 615.000	Rp. 772.500	
4	BEULU BANTU	SERATI	Rp. 150.000	Rp. 200.000	Rp.	Rp.	Rp.	Rp.	Rp.	Rp.	Rp.	Rp.	Rp.	Rp.	
5	LOKSADO	SIAM BARALANG	Rp. 700.000	Rp. 850.000	Rp. 700.000	Rp. 700.000	Rp. 610.000	Rp. 450.000	Rp. 350.000	Rp. 400.000	Rp. 500.000	Rp. 450.000	Rp. 300.000	Rp. 450.000	
6	LOKSADO	HAMAENDI MAKMER	Rp. 630.000	Rp. 250.000	Rp. 250.000	Rp. 450.000	Rp. 300.000	Rp. 300.000	Rp. 350.000	Rp. 300.000	Rp. 300.000	Rp. 300.000	Rp. 300.000	Rp. 500.000	"""


def rekap_asli() -> list[list[str]]:
    rows = [r.split("\t") for r in GAMBAR_3_6.splitlines()]
    if SEED.exists():  # the test table is the seed's, verbatim
        teks = SEED.read_text(encoding="utf-8")
        for r in rows[1:]:
            assert "\t".join(r).rstrip() in teks
    return rows


def tulis_csv(path: Path, rows, pemisah=",", judul=True) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=pemisah)
        if judul:
            w.writerow(["DATA BUMDES KECAMATAN LOKSADO"])
        w.writerows(rows)
    return path


def tulis_xlsx(path: Path, rows, angka=False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DATA BUMDES KECAMATAN LOKSADO"])
    for r in rows:
        if angka:  # some officers type plain numbers into Excel
            r = [int(c.replace("Rp. ", "").replace(".", "")) if c.startswith("Rp. ") else
                 (None if c == "Rp." else c) for c in r]
        ws.append(r)
    wb.save(path)
    return path


