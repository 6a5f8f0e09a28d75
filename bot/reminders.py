"""The monthly reminder: desa operators whose BUMDes profit for last month is missing,
and a short status for the pimpinan. Runs on a configurable day of the month."""

from __future__ import annotations

import datetime as dt
import logging

from telegram.ext import Application

from sakip_rules.angka import bulan_sebelumnya, format_bulan

from .layanan import Konfigurasi, Layanan, layanan
from .render import esc

log = logging.getLogger(__name__)

NAMA_JOB = "pengingat_laba_bumdes"


def bulan_lalu(kini: dt.datetime) -> tuple[int, int]:
    return bulan_sebelumnya(kini.year, kini.month)


def jadwalkan(app: Application, konf: Konfigurasi) -> None:
    if app.job_queue is None:  # pragma: no cover - the job-queue extra is a dependency
        log.warning("job queue tidak tersedia; pengingat bulanan tidak dijadwalkan")
        return
    app.job_queue.run_monthly(ingatkan, when=konf.jam_pengingat.replace(tzinfo=konf.zona),
                              day=konf.hari_pengingat, name=NAMA_JOB)


def pesan_operator(tahun: int, bulan: int, bumdes: list) -> str:
    nama = ", ".join(b.nama for b in bumdes)
    return (f"🔔 <b>Pengingat</b>: keuntungan BUMDes {esc(nama)} untuk "
            f"{esc(format_bulan(tahun, bulan))} belum dilaporkan.\n"
            f"Laporkan dengan /laba (dipandu), atau langsung: "
            f"<code>/laba {tahun}-{bulan:02d} JUMLAH</code> (tulis 0 bila tidak ada keuntungan).")


def pesan_pimpinan(nama_kecamatan: str, tahun: int, bulan: int, rekap: dict) -> str:
    semua = [b for b, _ in rekap["bumdes"]]
    belum = list(rekap.get("belum_lapor", {}).get(bulan, []))
    teks = (f"📊 <b>Laporan keuntungan BUMDes {esc(format_bulan(tahun, bulan))}</b>, "
            f"Kecamatan {esc(nama_kecamatan)}: {len(semua) - len(belum)} dari {len(semua)} BUMDes sudah melapor.")
    if belum:
        teks += "\nBelum melapor: " + esc(", ".join(b.nama for b in belum)) + "."
    return teks + "\nRincian: /rekap_bumdes " + str(tahun)


async def ingatkan(context) -> None:
    lay = layanan(context)
    tahun, bulan = bulan_lalu(lay.sekarang())
    for kecamatan in lay.store.daftar_kecamatan():
        try:
            await _ingatkan_kecamatan(context, lay, kecamatan, tahun, bulan)
        except Exception:  # one kecamatan's problem must not stop the others
            log.exception("pengingat untuk kecamatan %s gagal", kecamatan)


async def _ingatkan_kecamatan(context, lay: Layanan, kecamatan: str, tahun: int, bulan: int) -> None:
    ds = lay.store.dataset(kecamatan)
    if not ds.direncanakan(tahun):
        return
    # the store lists active desa operators with at least one active BUMDes not yet reported
    for operator, bumdes in lay.store.operator_desa_belum_lapor(kecamatan, tahun, bulan):
        if operator.telegram_id:
            await lay.pengirim.teks(context.bot, operator.telegram_id, pesan_operator(tahun, bulan, bumdes))
    rekap = lay.store.rekap_laba(kecamatan, tahun, ds)
    teks = pesan_pimpinan(ds.kecamatan.nama, tahun, bulan, rekap)
    for p in lay.store.pimpinan_aktif(kecamatan):
        if p.telegram_id:
            await lay.pengirim.teks(context.bot, p.telegram_id, teks)
