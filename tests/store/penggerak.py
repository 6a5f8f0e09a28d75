"""A separate process that writes to the store, for the concurrency and SIGKILL tests.

    python penggerak.py lapor URL NAMA N [--tahan] [--mulai BERKAS]
    python penggerak.py impor URL BERKAS TAHUN KECAMATAN [--lambat]

``lapor`` submits N values (BUMDes serati, months 1..12, values that depend on NAMA, plus
an idempotency key shared between processes every third submission) and prints one line
``OK <id> <status> <kunci_nilai> <jumlah>`` after each commit. With ``--tahan`` it stops
inside the first transaction, right after the submission row was written and before the
commit, prints ``DALAM`` and sleeps (the test kills it there). ``--mulai`` waits for a file
to exist first, so that two processes start together.
``impor`` imports a recap; with ``--lambat`` it prints ``SEDANG`` after the 100th row was
written inside the transaction and then slows down, so the test can kill it mid-import.
The production code runs unchanged: the hooks are SQLAlchemy events attached here.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import event

from sakip_rules.store import Store
from sakip_rules.store.users import admin_lokal


def _hitung_insert(store: Store, setelah: int, aksi) -> None:
    n = [0]

    @event.listens_for(store.engine, "after_cursor_execute")
    def _(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO KIRIMAN"):
            n[0] += 1
            aksi(n[0], setelah)


def lapor(url: str, nama: str, n: int, tahan: bool, mulai: str | None) -> None:
    store = Store.buka(url, seed=False)
    if tahan:
        def berhenti(i, setelah):
            if i == setelah:
                print("DALAM", flush=True)
                time.sleep(300)
        _hitung_insert(store, 1, berhenti)
    if mulai:
        while not Path(mulai).exists():
            time.sleep(0.005)
    oleh = admin_lokal(nama, "loksado")
    basis = 100000 if nama.endswith("a") else 200000
    for i in range(n):
        bulan = 1 + i % 12
        jumlah = Decimal(basis + i)
        kunci = f"tg:bersama:{i}" if i % 3 == 0 else None
        k = store.lapor_laba(oleh, "serati", 2024, bulan, jumlah, saluran="bot", kunci=kunci)
        print(f"OK {k.id} {k.status} {k.kunci_nilai} {jumlah} {kunci or '-'}", flush=True)
    store.tutup()


def impor(url: str, berkas: str, tahun: int, kecamatan: str, lambat: bool) -> None:
    store = Store.buka(url, seed=False)
    if lambat:
        def pelan(i, setelah):
            if i == setelah:
                print("SEDANG", flush=True)
            if i >= setelah:
                time.sleep(0.01)
        _hitung_insert(store, 100, pelan)
    hasil = store.impor_rekap_laba(admin_lokal("pengimpor", kecamatan), Path(berkas), tahun)
    print(f"SELESAI {len(hasil)}", flush=True)
    store.tutup()


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[0] == "lapor":
        mulai = a[a.index("--mulai") + 1] if "--mulai" in a else None
        lapor(a[1], a[2], int(a[3]), "--tahan" in a, mulai)
    elif a[0] == "impor":
        impor(a[1], a[2], int(a[3]), a[4], "--lambat" in a)
    else:
        raise SystemExit(f"mode tidak dikenal: {a[0]}")
