"""Reading: /capaian, /jelaskan, /rekap_bumdes, /grafik, /riwayat. The core computes, we render."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from sakip_rules.angka import format_bulan, nama_bulan_singkat
from sakip_rules.angka import parse_tahun as urai_tahun
from sakip_rules.engine.capaian import evaluasi_capaian
from sakip_rules.engine.explain import jelaskan as jelaskan_angka
from sakip_rules.errors import SakipError, UsageError
from sakip_rules.store.exporting import ekspor_rekap_laba
from sakip_rules.tampilan import angka, tabel_capaian

from .. import charts
from ..auth import perintah
from ..layanan import Layanan, layanan
from ..pesan import baris_riwayat, label_nilai
from ..render import data_tombol, esc, pre


def tahun_dari(args: list[str], lay: Layanan, perintah: str, ke: int = 0) -> int:
    """The year argument at position ``ke`` (this year when absent); anything after it is a
    mistake to point out, not to ignore."""
    if len(args) > ke + 1:
        raise UsageError(f"tulis satu tahun saja, mis. /{perintah} 2024")
    return urai_tahun(args[ke]) if len(args) > ke else lay.tahun_ini()


# -- /capaian ---------------------------------------------------------------------

def teks_capaian(lay: Layanan, pengguna, tahun: int) -> str:
    hasil = evaluasi_capaian(lay.rules, lay.dataset(pengguna), tahun)
    return pre(tabel_capaian(hasil)) + "\nPenjelasan tiap angka: /jelaskan"


@perintah("capaian")
async def capaian(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    teks = teks_capaian(lay, pengguna, tahun_dari(context.args, lay, "capaian"))
    await lay.pengirim.teks(context.bot, update.effective_chat.id, teks)


# -- /jelaskan ----------------------------------------------------------------------

def penjelasan(lay: Layanan, pengguna, indikator: str, tahun: int) -> str:
    return jelaskan_angka(lay.rules, lay.dataset(pengguna), indikator, tahun)


def papan_indikator(lay: Layanan, tahun: int) -> InlineKeyboardMarkup:
    baris = []
    for iid in lay.rules.pengukuran.indikator:
        rule = lay.rules.indikator(iid)
        baris.append([InlineKeyboardButton((rule.nama if rule else iid)[:60],
                                           callback_data=data_tombol("j", iid, tahun))])
    baris.append([InlineKeyboardButton("Rata-rata capaian", callback_data=data_tombol("j", "rata-rata", tahun))])
    return InlineKeyboardMarkup(baris)


@perintah("jelaskan")
async def jelaskan(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    args = context.args
    if not args:
        tahun = lay.tahun_ini()
        await lay.pengirim.teks(context.bot, chat_id,
                                f"Indikator mana yang perlu dijelaskan (tahun {tahun})? "
                                "Untuk tahun lain tulis mis. <code>/jelaskan ikm 2024</code>.",
                                tombol=papan_indikator(lay, tahun))
        return
    if len(args) > 2:
        raise UsageError("tulis: /jelaskan INDIKATOR [TAHUN], mis. /jelaskan ikm 2024")
    teks = penjelasan(lay, pengguna, args[0], tahun_dari(args, lay, "jelaskan", 1))
    await lay.pengirim.teks(context.bot, chat_id, esc(teks))


@perintah("jelaskan")
async def tombol_jelaskan(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    q = update.callback_query
    bagian = q.data.split(":")
    await lay.pengirim.jawab_tombol(q)
    if len(bagian) != 3:
        raise UsageError("tombol rusak; ketik /jelaskan lagi")
    teks = penjelasan(lay, pengguna, bagian[1], urai_tahun(bagian[2]))
    await lay.pengirim.teks(context.bot, q.message.chat_id, esc(teks))


# -- /rekap_bumdes -------------------------------------------------------------------

def teks_rekap(ds, rekap: dict, tahun: int) -> str:
    baris = [f"<b>Rekap keuntungan BUMDes Kecamatan {esc(ds.kecamatan.nama)} tahun {tahun}</b>",
             "(seperti Gambar 3.6; – = belum dilaporkan)"]
    blok = []
    for i, (b, per_bulan) in enumerate(rekap["bumdes"], 1):
        desa = ds.kecamatan.cari_desa(b.desa)
        blok.append(f"{i}. {b.nama} — {desa.nama if desa else b.desa}")
        sel = [f"{nama_bulan_singkat(m)} {angka(per_bulan.get(m)):>11}" for m in range(1, 13)]
        for j in range(0, 12, 2):
            blok.append("   " + "   ".join(sel[j:j + 2]))
    baris.append(pre("\n".join(blok)) if blok else "Belum ada BUMDes tercatat.")
    belum = {m: bs for m, bs in sorted(rekap.get("belum_lapor", {}).items()) if bs}
    if belum:
        baris.append("<b>Belum lapor</b>")
        for m, bs in belum.items():
            baris.append(f"{esc(format_bulan(tahun, m))}: {esc(', '.join(b.nama for b in bs))}")
    else:
        baris.append("Semua BUMDes sudah melapor untuk bulan yang sudah berjalan.")
    return "\n".join(baris)


def xlsx_rekap(ds, tahun: int, nama: str) -> bytes:
    """The store's own recap export of ``ds`` (the file `sakip ekspor laba` writes), as bytes."""
    with tempfile.TemporaryDirectory(prefix="sakip-rekap-") as tmp:
        return ekspor_rekap_laba(ds, tahun, Path(tmp) / nama).read_bytes()


@perintah("rekap_bumdes")
async def rekap_bumdes(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    tahun = tahun_dari(context.args, lay, "rekap_bumdes")
    kecamatan = lay.store.kecamatan_dari(pengguna)
    # the data read once, for the recap (who is late), the names and the Excel file alike
    ds = lay.store.dataset(kecamatan)
    rekap = lay.store.rekap_laba(kecamatan, tahun, ds)
    await lay.pengirim.teks(context.bot, chat_id, teks_rekap(ds, rekap, tahun))
    nama = f"rekap_bumdes_{kecamatan}_{tahun}.xlsx"
    isi = await asyncio.to_thread(xlsx_rekap, ds, tahun, nama)  # building a workbook must not hold up other chats
    await lay.pengirim.dokumen(context.bot, chat_id, isi, nama,
                               f"Rekap keuntungan BUMDes {tahun} (Excel, susunan Gambar 3.6)")


# -- /grafik ------------------------------------------------------------------------------

def data_grafik(lay: Layanan, pengguna, tahun: int):
    """The series the charts draw, all taken from the core's results."""
    kecamatan = lay.store.kecamatan_dari(pengguna)
    ds = lay.store.dataset(kecamatan)
    hasil = evaluasi_capaian(lay.rules, ds, tahun)
    per_tahun: dict[int, object] = {}
    for t in sorted(ds.tahun_rencana()):
        if t > tahun:
            continue
        try:
            per_tahun[t] = hasil if t == tahun else evaluasi_capaian(lay.rules, ds, t)
        except SakipError:
            continue
    indikator = []
    for h in hasil.indikator:
        seri = []
        ren = ds.renstra.cari(h.rule.id)
        if ren is not None and ren.baseline_tahun < min(per_tahun, default=tahun):
            seri.append((ren.baseline_tahun, ren.baseline, None))
        for t, hs in per_tahun.items():
            hi = next((x for x in hs.indikator if x.rule.id == h.rule.id), None)
            if hi is not None:
                seri.append((t, hi.nilai_realisasi, hi.target))
        indikator.append(charts.Indikator(nama=h.rule.nama, satuan=h.rule.satuan or "", target=h.target,
                                          realisasi=h.nilai_realisasi, capaian=h.nilai_capaian,
                                          per_tahun=tuple(seri)))
    rekap = lay.store.rekap_laba(kecamatan, tahun, ds)
    laba = [(b.nama, dict(per_bulan)) for b, per_bulan in rekap["bumdes"]]
    return ds.kecamatan.nama, indikator, laba


@perintah("grafik")
async def grafik(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    tahun = tahun_dari(context.args, lay, "grafik")
    nama_kec, indikator, laba = data_grafik(lay, pengguna, tahun)
    gambar = await asyncio.to_thread(charts.semua, nama_kec, tahun, indikator, laba)
    for nama, png, keterangan in gambar:
        await lay.pengirim.foto(context.bot, chat_id, png, nama, esc(keterangan))


# -- /riwayat ------------------------------------------------------------------------------

@perintah("riwayat")
async def riwayat(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    jenis = context.args[0] if context.args else None
    daftar = lay.store.riwayat(pengguna, jenis=jenis)  # the store's default length
    if not daftar:
        teks = "Belum ada kiriman" + (f" jenis {esc(jenis)}" if jenis else "") + "."
    else:
        kecamatan = lay.store.kecamatan_dari(pengguna)

        def label(kunci: str) -> str:
            return label_nilai(lay.store, kecamatan, kunci)

        teks = (f"<b>Riwayat {len(daftar)} kiriman terbaru</b>" + (f" (jenis {esc(jenis)})" if jenis else "")
                + "\n" + "\n".join(baris_riwayat(k, lay.konf.zona, label) for k in daftar))
    await lay.pengirim.teks(context.bot, update.effective_chat.id, teks)
