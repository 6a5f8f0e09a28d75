"""Bot handler latency for /capaian and /laba through the fake Bot API (issue "Telegram bot").

The real Application (per-chat processor, AIORateLimiter, error handler, persistence off)
over a seeded SQLite store, with the tests' fake Bot API plugged into PTB's request seam.
Three measurements in one run:

1. core:      the bare core calls the handlers make: `evaluasi_capaian` + `tabel_capaian` on
              `Store.dataset`, and `Store.lapor_laba` (one durable write);
2. handler:   one update at a time through `Application.process_update` (parse, authorise,
              core, render, send through the fake), spaced 40 ms apart so that the rate
              limiter's pacing (30 messages/s) is not counted as handler time;
3. burst:     updates arriving at Telegram's global limit (30 per second) from 30 chats,
              half /capaian 2024 and half /laba one-liners, through the running Application's
              update queue; latency = reply recorded by the fake minus the update's arrival.

Prints p50/p99 of each and the ratio to the core call. Goal: burst p99 under 50 ms on one core.

    python bench/bench_bot.py [--detik 10] [--laju 30] [--semua-inti]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from collections import defaultdict, deque
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bot"))

from fakebot import FakeBotApi, FakeRequest, Orang  # noqa: E402
from telegram import Update  # noqa: E402

from bot.app import buat_aplikasi  # noqa: E402
from bot.layanan import Konfigurasi  # noqa: E402
from sakip_rules.rules.paths import default_rules_dir  # noqa: E402
from sakip_rules.tampilan import tabel_capaian  # noqa: E402
from sakip_rules.engine.capaian import evaluasi_capaian  # noqa: E402
from sakip_rules.rules import load_rules  # noqa: E402
from sakip_rules.store import Store  # noqa: E402

JAM = dt.datetime(2025, 2, 10, 1, 0, tzinfo=dt.timezone.utc)
BUMDES = ["sumber_rahmat", "sarantas_berenar", "berlah_kartia_bersama", "serati", "siam_baralang",
          "hamaendi_makmer"]
BULAN = [(2024, m) for m in range(1, 13)] + [(2025, 1), (2025, 2)]


def jam() -> dt.datetime:
    return JAM


def persentil(data: list[float], p: float) -> float:
    s = sorted(data)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def ms(x: float) -> str:
    return f"{x * 1000:7.2f} ms"


class Jumlah:
    """A different amount every call, so every /laba is a real write (a new value or a correction)."""

    def __init__(self):
        self.n = 0

    def __call__(self) -> Decimal:
        self.n += 1
        return Decimal(100_000 + self.n * 100)


def siapkan(folder: Path, n_chat: int) -> tuple[str, list[Orang], list[Orang]]:
    url = f"sqlite:///{folder / 'bench.db'}"
    store = Store.buka(url, jam=jam)
    pimpinan = [Orang(10_000 + i, f"Pimpinan{i}") for i in range(n_chat // 2)]
    operator = [Orang(20_000 + i, f"Operator{i}") for i in range(n_chat - n_chat // 2)]
    for o in pimpinan:
        store.tambah_pengguna(None, o.nama, "pimpinan", kecamatan="loksado", telegram_id=o.id)
    for o in operator:
        store.tambah_pengguna(None, o.nama, "operator_kecamatan", kecamatan="loksado", telegram_id=o.id)
    store.tutup()
    return url, pimpinan, operator


def ukur_inti(store: Store, rules, ulang: int) -> dict[str, list[float]]:
    admin = store.pengguna_nama("Operator0")
    jumlah = Jumlah()
    out: dict[str, list[float]] = {"capaian": [], "laba": []}
    for i in range(ulang):
        t = time.perf_counter()
        tabel_capaian(evaluasi_capaian(rules, store.dataset(store.kecamatan_dari(admin)), 2024))
        out["capaian"].append(time.perf_counter() - t)
        tahun, bulan = BULAN[i % len(BULAN)]
        t = time.perf_counter()
        store.lapor_laba(admin, BUMDES[i % len(BUMDES)], tahun, bulan, jumlah(), saluran="bot",
                         kunci=f"inti:{i}")
        out["laba"].append(time.perf_counter() - t)
    return out


def teks_laba(i: int, jumlah: Jumlah) -> str:
    tahun, bulan = BULAN[i % len(BULAN)]
    return f"/laba {BUMDES[(i // len(BULAN)) % len(BUMDES)]} {tahun}-{bulan:02d} {jumlah()}"


async def ukur_handler(app, api: FakeBotApi, pimpinan, operator, ulang: int) -> dict[str, list[float]]:
    jumlah = Jumlah()
    out: dict[str, list[float]] = {"capaian": [], "laba": []}
    for i in range(ulang):
        for jenis, orang, teks in (("capaian", pimpinan[i % len(pimpinan)], "/capaian 2024"),
                                   ("laba", operator[i % len(operator)], teks_laba(1000 + i, jumlah))):
            update = Update.de_json(api.pesan_dari(orang, teks), app.bot)
            # spaced out so the rate limiter (30 messages/s) never delays a send: handler cost only
            await asyncio.sleep(0.04)
            tanda = api.tanda()
            t = time.perf_counter()
            await app.process_update(update)
            out[jenis].append(time.perf_counter() - t)
            balas = api.sejak(tanda)
            assert balas and balas[-1].metode == "sendMessage", (teks, balas)
            if jenis == "laba":
                assert "Tersimpan" in balas[-1].teks or "tercatat" in balas[-1].teks, balas[-1].teks
    return out


async def ukur_burst(app, api: FakeBotApi, pimpinan, operator, detik: float, laju: float) -> dict[str, list[float]]:
    jumlah = Jumlah()
    orang = [o for pasangan in zip(pimpinan, operator) for o in pasangan]
    jenis_chat = {o.id: ("capaian" if o in pimpinan else "laba") for o in orang}
    tiba: dict[int, deque[float]] = defaultdict(deque)
    n = int(detik * laju)
    tanda = api.tanda()
    t0 = time.monotonic() + 0.05
    for i in range(n):
        o = orang[i % len(orang)]
        teks = "/capaian 2024" if jenis_chat[o.id] == "capaian" else teks_laba(5000 + i, jumlah)
        update = Update.de_json(api.pesan_dari(o, teks), app.bot)
        saat = t0 + i / laju
        tunda = saat - time.monotonic()
        if tunda > 0:
            await asyncio.sleep(tunda)
        tiba[o.id].append(time.monotonic())
        app.update_queue.put_nowait(update)
    batas = time.monotonic() + 60
    while time.monotonic() < batas and len([p for p in api.sejak(tanda) if p.metode == "sendMessage"]) < n:
        await asyncio.sleep(0.01)
    out: dict[str, list[float]] = {"capaian": [], "laba": []}
    for p in api.sejak(tanda):
        if p.metode == "sendMessage" and tiba[p.chat_id]:
            out[jenis_chat[p.chat_id]].append(p.waktu - tiba[p.chat_id].popleft())
    hilang = sum(len(q) for q in tiba.values())
    if hilang:
        print(f"PERINGATAN: {hilang} update tanpa balasan dalam 60 detik")
    return out


def cetak(judul: str, data: dict[str, list[float]], inti: dict[str, list[float]] | None) -> None:
    print(judul)
    for jenis, nilai in data.items():
        p50, p99 = persentil(nilai, 50), persentil(nilai, 99)
        baris = f"  /{jenis:<8} n={len(nilai):5d}  p50 {ms(p50)}  p99 {ms(p99)}  maks {ms(max(nilai))}"
        if inti:
            baris += (f"   = {p50 / persentil(inti[jenis], 50):5.1f}× / {p99 / persentil(inti[jenis], 99):5.1f}× "
                      "inti (p50 / p99)")
        print(baris)


async def utama(args) -> int:
    rules = load_rules(default_rules_dir())
    with tempfile.TemporaryDirectory(prefix="sakip-bench-bot-") as tmp:
        url, pimpinan, operator = siapkan(Path(tmp), args.chat)
        store = Store.buka(url, jam=jam)
        try:
            inti = ukur_inti(store, rules, args.ulang)
            api = FakeBotApi()
            app = buat_aplikasi(store, "123:TEST", Konfigurasi(sekarang=jam, persistensi=None),
                                request=FakeRequest(api), rules=rules)
            await app.initialize()
            for o in pimpinan + operator:  # menus installed before measuring
                await app.process_update(Update.de_json(api.pesan_dari(o, "/bantuan"), app.bot))
            handler = await ukur_handler(app, api, pimpinan, operator, args.ulang)
            await app.start()
            try:
                burst = await ukur_burst(app, api, pimpinan, operator, args.detik, args.laju)
            finally:
                await app.stop()
                await app.shutdown()
            assert not api.pelanggaran, api.pelanggaran[:3]
        finally:
            store.tutup()

    print(f"sakip bot: latensi handler melalui Bot API palsu; SQLite, {args.chat} chat, "
          f"inti CPU: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}")
    cetak("1. inti saja (panggilan core yang sama, tanpa Telegram):", inti, None)
    cetak("2. handler, satu update sekaligus (process_update):", handler, inti)
    cetak(f"3. burst {args.laju:g} update/detik selama {args.detik:g} detik (tiba -> balasan tercatat):", burst, inti)
    p99 = max(persentil(v, 99) for v in burst.values())
    print(f"Sasaran p99 < 50 ms pada burst: {'TERCAPAI' if p99 < 0.050 else 'TIDAK tercapai'} "
          f"(p99 terburuk {p99 * 1000:.1f} ms)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detik", type=float, default=10.0, help="lama burst (detik)")
    ap.add_argument("--laju", type=float, default=30.0, help="update per detik (batas global Telegram: 30)")
    ap.add_argument("--chat", type=int, default=30, help="banyak chat (separuh pimpinan, separuh operator)")
    ap.add_argument("--ulang", type=int, default=200, help="ulangan pengukuran inti dan handler")
    ap.add_argument("--semua-inti", action="store_true", help="jangan batasi ke satu inti CPU")
    args = ap.parse_args()
    if not args.semua_inti and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    return asyncio.run(utama(args))


if __name__ == "__main__":
    sys.exit(main())
