"""Kecamatan submissions: /ikm (typed, or an uploaded CSV/XLSX of answers), /status_desa, /anggaran.

Parsing only; the store checks every value (ranges, plans, permissions) and says what is wrong.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

from telegram import Update

from sakip_rules.angka import AngkaAmbigu, AngkaTidakSah, bulan_di_awal, parse_angka, parse_semester
from sakip_rules.angka import parse_tahun as urai_tahun
from sakip_rules.data.model import STATUS_IDM
from sakip_rules.errors import UsageError
from sakip_rules.store.berkas_tabel import FORMAT as AKHIRAN_BERKAS
from sakip_rules.store.users import peran_pengirim

from ..auth import nama_peran, perintah
from ..layanan import Layanan, layanan
from ..pesan import kunci_pesan as kunci_pesan_dari
from ..render import esc
from ..suntingan import balas_lapor, ingat_berkas

TINGKAT_KETIK = {"nilai": "nilai", "ikm": "nilai", "jumlah_nrr": "jumlah_nrr", "jumlah": "jumlah_nrr",
                 "nrr": "nrr"}
KUNCI_BERKAS = "ikm_berkas"

CARA_IKM = ("Tulis: <code>/ikm TAHUN SEMESTER NILAI</code>, mis. <code>/ikm 2024 2 90,43</code>;\n"
            "atau <code>/ikm 2024 2 jumlah_nrr 32,590</code>;\n"
            "atau <code>/ikm 2024 2 nrr N1 N2 … N9</code> (NRR tiap unsur);\n"
            "tambahkan <code>responden 120</code> di akhir bila diketahui.\n"
            "Jawaban per responden: kirim berkas CSV/XLSX (kolom U1..U9, satu baris per responden) "
            "sebagai dokumen dengan keterangan <code>/ikm 2024 2</code>.")


def kunci_pesan(update: Update) -> str:
    return kunci_pesan_dari(update.effective_message)


def urai_responden(token: list[str]) -> tuple[list[str], Decimal | None]:
    """``… responden N`` at the end: N read as the core reads any typed number (a dot groups
    thousands: 1.200 = seribu dua ratus). Only what is about reading the text is answered here
    (an ambiguous or unreadable number); whether N is a possible number of respondents (a whole
    number in the allowed range) the store decides."""
    if len(token) < 2 or token[-2].lower() not in ("responden", "r"):
        return token, None
    teks = token[-1]
    contoh = "mis. responden 120 atau responden 1.200"
    try:
        n = parse_angka(teks, "rupiah")
    except AngkaAmbigu:
        raise UsageError(f"jumlah responden '{teks}' tidak jelas: titik hanya untuk ribuan dan jumlah "
                         f"orang tidak berkoma; tulis bilangan bulat, {contoh}") from None
    except AngkaTidakSah:
        raise UsageError(f"jumlah responden '{teks}' bukan bilangan bulat; {contoh}") from None
    return token[:-2], n


def urai_ikm(token: list[str]) -> dict:
    """The values after TAHUN SEMESTER -> keyword arguments of Store.lapor_ikm."""
    token, responden = urai_responden(token)
    if not token:
        raise UsageError("nilai IKM belum ditulis")
    tingkat = "nilai"
    if token[0].lower() in TINGKAT_KETIK:
        tingkat = TINGKAT_KETIK[token[0].lower()]
        token = token[1:]
    angka = [parse_angka(t, "nilai") for t in token]
    if tingkat == "nrr":
        if not angka:
            raise UsageError("tulis NRR tiap unsur setelah kata nrr")
        isi = {"nrr": angka}
    else:
        if len(angka) != 1:
            raise UsageError(f"untuk {tingkat} tulis satu angka, bukan {len(angka)}")
        isi = {tingkat: angka[0]}
    return {"tingkat": tingkat, "responden": responden, **isi}


@perintah("ikm")
async def ikm(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    args = context.args
    if len(args) < 2:
        await lay.pengirim.teks(context.bot, chat_id, CARA_IKM)
        return
    tahun, semester = urai_tahun(args[0]), parse_semester(args[1])
    if len(args) == 2:
        context.user_data[KUNCI_BERKAS] = {"tahun": tahun, "semester": semester,
                                           "waktu": lay.konf.sekarang().timestamp()}
        await lay.pengirim.teks(context.bot, chat_id,
                                f"Kirim sekarang berkas CSV/XLSX jawaban survei semester {semester} {tahun} "
                                "sebagai dokumen (kolom U1..U9, satu baris per responden), "
                                f"atau tulis perintah lengkap dengan nilainya, mis. <code>/ikm {tahun} "
                                f"{semester} 90,43</code>. /batal untuk membatalkan.\n\n" + CARA_IKM)
        return
    isi = urai_ikm(list(args[2:]))
    kiriman = lay.store.lapor_ikm(pengguna, tahun, semester, saluran="bot", kunci=kunci_pesan(update), **isi)
    await balas_lapor(update, context, pengguna, kiriman)


_POLA_KETERANGAN = re.compile(r"^/ikm(?:@\w+)?\s+(\S+)\s+(\S+)\s*$", re.IGNORECASE)

BERKAS_DITERIMA = "berkas jawaban survei IKM (CSV atau XLSX, kolom U1..U9, satu baris per responden)"


def tolakan_berkas(peran: str) -> str:
    """An uploaded document from a role that cannot submit IKM answers (it never typed /ikm)."""
    pengirim = " atau ".join(nama_peran(p) for p in peran_pengirim("ikm"))
    return (f"Pengiriman berkas tidak tersedia untuk peran {nama_peran(peran)}. Bot ini hanya menerima "
            f"{BERKAS_DITERIMA}, dikirim oleh {pengirim}. Ketik /bantuan untuk melihat perintah Anda.")


def berkas_ditunggu(context, lay: Layanan) -> dict | None:
    """The survey period given by a bare ``/ikm TAHUN SEMESTER``, while it has not expired."""
    tunggu = (context.user_data or {}).get(KUNCI_BERKAS)
    if tunggu and lay.konf.sekarang().timestamp() - tunggu["waktu"] <= lay.konf.batas_alur_menit * 60:
        return tunggu
    return None


def batal_berkas(context, lay: Layanan) -> str | None:
    """Stop waiting for an upload; what was cancelled, for /batal (None if nothing was)."""
    tunggu = berkas_ditunggu(context, lay)
    if context.user_data is not None:
        context.user_data.pop(KUNCI_BERKAS, None)
    if tunggu is None:
        return None
    return f"menunggu berkas jawaban survei IKM semester {tunggu['semester']} {tunggu['tahun']}"


def periode_berkas(update: Update, context, lay: Layanan) -> tuple[int, int] | None:
    keterangan = (update.effective_message.caption or "").strip()
    m = _POLA_KETERANGAN.match(keterangan)
    if m:
        return urai_tahun(m.group(1)), parse_semester(m.group(2))
    tunggu = berkas_ditunggu(context, lay)
    if tunggu:
        return tunggu["tahun"], tunggu["semester"]
    return None


@perintah("ikm", tolakan=tolakan_berkas)
async def berkas_ikm(update: Update, context, pengguna) -> None:
    """Every document sent to the bot: the only kind it takes is a file of IKM answers."""
    lay = layanan(context)
    chat_id = update.effective_chat.id
    dok = update.effective_message.document
    nama = dok.file_name or "berkas"
    akhiran = Path(nama).suffix.lower()
    if akhiran not in AKHIRAN_BERKAS:
        raise UsageError(f"berkas '{nama}' bukan CSV atau XLSX. Bot ini hanya menerima {BERKAS_DITERIMA}; "
                         "simpan jawaban survei sebagai .csv atau .xlsx")
    if dok.file_size and dok.file_size > lay.konf.batas_berkas:
        raise UsageError(f"berkas terlalu besar ({dok.file_size // 1024} KB; batas "
                         f"{lay.konf.batas_berkas // 1024} KB)")
    periode = periode_berkas(update, context, lay)
    if periode is None:
        await lay.pengirim.teks(context.bot, chat_id,
                                "Berkas diterima, tetapi untuk survei mana? Kirim ulang dengan keterangan "
                                "<code>/ikm TAHUN SEMESTER</code>, mis. <code>/ikm 2024 2</code>.")
        return
    tahun, semester = periode
    isi = await lay.pengirim.unduh(context.bot, dok.file_id, chat_id=chat_id)
    if isi is None:
        raise UsageError("berkas tidak dapat diunduh dari Telegram; coba kirim lagi sebentar lagi")
    with tempfile.TemporaryDirectory(prefix="sakip-ikm-") as tmp:
        aman = re.sub(r"[^\w.\-]+", "_", Path(nama).stem)[:60] or "jawaban"
        path = Path(tmp) / f"{aman}{akhiran}"
        path.write_bytes(isi)
        kiriman = lay.store.impor_jawaban_ikm(pengguna, path, tahun, semester, saluran="bot")
    context.user_data.pop(KUNCI_BERKAS, None)
    await balas_lapor(update, context, pengguna, kiriman, f"\nDari berkas {esc(nama)}.")
    ingat_berkas(context, update.effective_message, kiriman)


# -- /status_desa -------------------------------------------------------------------

def cara_status(contoh_desa: str) -> str:
    desa = esc(contoh_desa)
    return ("Tulis: <code>/status_desa DESA TAHUN STATUS [SKOR_IDM]</code>, mis. "
            f"<code>/status_desa {desa} 2024 Maju</code> atau "
            f"<code>/status_desa {desa} 2024 Mandiri 0,8321</code>. Status: "
            + esc(", ".join(STATUS_IDM)) + ".")


def urai_status_desa(args: list[str]) -> tuple[str, int, str | None, object]:
    """DESA (one or more words) TAHUN [STATUS words] [IDM number]."""
    i = next((k for k, t in enumerate(args) if re.fullmatch(r"\d{4}", t)), None)
    if i is None or i == 0:
        raise UsageError("tulis desa dan tahunnya")
    desa, tahun, sisa = " ".join(args[:i]), urai_tahun(args[i]), list(args[i + 1:])
    idm = None
    if sisa and re.fullmatch(r"[\d.,]+", sisa[-1]):
        idm = parse_angka(sisa.pop(), "nilai")
    if sisa and sisa[0].lower() == "idm":
        sisa = sisa[1:]
    status = " ".join(sisa).strip() or None
    if status is None and idm is None:
        raise UsageError("tulis status desanya (mis. Maju) atau skor IDM-nya")
    return desa, tahun, status, idm


@perintah("status_desa")
async def status_desa(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    if not context.args:
        await lay.pengirim.teks(context.bot, chat_id, cara_status(lay.contoh_desa(pengguna)))
        return
    desa, tahun, status, idm = urai_status_desa(list(context.args))
    kiriman = lay.store.lapor_status_desa(pengguna, desa, tahun, status, idm, saluran="bot",
                                          kunci=kunci_pesan(update))
    await balas_lapor(update, context, pengguna, kiriman)


# -- /anggaran ------------------------------------------------------------------------

CARA_ANGGARAN = ("Tulis: <code>/anggaran SUB_KEGIATAN BULAN JUMLAH</code>, mis. "
                 "<code>/anggaran evaluasi_kinerja 2024-11 1.500.000</code>; untuk realisasi setahun "
                 "tulis tahunnya: <code>/anggaran evaluasi_kinerja 2024 1.500.000</code>.")


def urai_anggaran(args: list[str]) -> tuple[str, int, int | None, str]:
    if len(args) < 3:
        raise UsageError("tulis sub kegiatan, bulan (atau tahun) dan jumlahnya")
    sub = args[0]
    token = list(args[1:])
    if re.fullmatch(r"\d{4}", token[0]):
        return sub, urai_tahun(token[0]), None, " ".join(token[1:])
    (tahun, bulan), n = bulan_di_awal(token, sisakan=1)  # the amount follows the month
    return sub, tahun, bulan, " ".join(token[n:])


def daftar_sub_kegiatan(ds, tahun: int) -> str:
    dpa = ds.dpa.get(tahun)
    if dpa is None:
        return ""
    return "\n\nSub kegiatan DPA " + str(tahun) + ":\n" + "\n".join(
        f"<code>{esc(sk.kode)}</code> — {esc(sk.nama)}" for sk in dpa.sub_kegiatan)


@perintah("anggaran")
async def anggaran(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    if not context.args:
        ds = lay.dataset(pengguna)
        await lay.pengirim.teks(context.bot, chat_id, CARA_ANGGARAN + daftar_sub_kegiatan(ds, lay.tahun_ini()))
        return
    sub, tahun, bulan, teks = urai_anggaran(list(context.args))
    if not teks.strip():
        raise UsageError("jumlah realisasi belum ditulis")
    jumlah = parse_angka(teks, "rupiah")
    kiriman = lay.store.lapor_anggaran(pengguna, sub, tahun, bulan, jumlah, saluran="bot",
                                       kunci=kunci_pesan(update))
    await balas_lapor(update, context, pengguna, kiriman)
