"""/tarik: withdraw a value reported by mistake. The store checks who may withdraw what; history
keeps everything.

``/tarik``                    the user's newest current values as buttons (``t:<nomor>``);
``/tarik 91``                 submission #91 (any, not only the newest; numbers from /riwayat);
``/tarik laba Serati Januari 2024``   a value named as messages name it (the store reads the name);
``… alasan salah ketik``      with the reason written out.

Every way ends at one confirmation naming the value ("Tarik Laba Serati Januari 2024, Rp 150.000
(kiriman #91)?"), whose buttons are the reason: ``ty:<nomor>:<alasan>`` withdraws with one of
:data:`ALASAN` (``0``: the reason typed with the command, kept in ``user_data``), so the history
says why; ``tb:<nomor>`` cancels. A tap on a confirmation already carried out or cancelled (a late
or double tap) changes nothing (:mod:`bot.tombol`).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from sakip_rules.errors import UsageError

from ..auth import perintah
from ..layanan import Layanan, ingat, layanan
from ..pesan import balasan_kiriman, kunci_tombol, label_nilai
from ..render import data_tombol, esc
from ..tombol import ganti_pesan, sudah_diproses, tombol_terlambat

#: The reasons offered as buttons (the stored reason is the text).
ALASAN = {"1": "salah bulan/tahun", "2": "salah BUMDes/desa", "3": "terkirim dua kali"}
ALASAN_DIKETIK = "0"
KUNCI_ALASAN = "alasan_tarik"  # user_data: submission id -> the reason typed with /tarik
PANJANG_TOMBOL = 60  # characters of a button's text that a phone shows


def _nomor(teks: str) -> int | None:
    teks = teks.removeprefix("#")
    if not teks.isascii() or not teks.isdigit() or len(teks) > 12:
        return None
    return int(teks)


def _dari_tombol(data: str) -> tuple[int, str | None]:
    """``ty:91:1`` -> (91, '1'); ``tb:91`` -> (91, None)."""
    bagian = data.split(":")
    nomor = _nomor(bagian[1]) if len(bagian) in (2, 3) else None
    if nomor is None or bagian[1].startswith("#"):
        raise UsageError("tombol rusak; ketik /tarik lagi")
    return nomor, bagian[2] if len(bagian) == 3 else None


def _potong(teks: str, batas: int) -> str:
    return teks if len(teks) <= batas else teks[:batas - 1] + "…"


def _label(lay: Layanan, pengguna, k) -> str:
    label = label_nilai(lay.store, lay.store.kecamatan_dari(pengguna), k.kunci_nilai)
    return label[:1].upper() + label[1:]


def cara(lay: Layanan, pengguna, contoh=None) -> str:
    """The other ways to name a value, the example taken from the user's own values (``contoh``,
    a submission) when there is one (HTML)."""
    nama = label_nilai(lay.store, lay.store.kecamatan_dari(pengguna), contoh.kunci_nilai) if contoh else None
    nomor = contoh.id if contoh else "NOMOR"
    return (f"Nilai lain: <code>/tarik NOMOR</code> (nomor kiriman dari /riwayat) atau namanya seperti ditulis "
            f"/riwayat{f', mis. <code>/tarik {esc(nama)}</code>' if nama else ''}; alasan sendiri: "
            f"<code>/tarik {nomor} alasan …</code>.")


def teks_tombol(lay: Layanan, pengguna, k) -> str:
    """'Rp 150.000 — Laba Serati Januari 2024': the amount first, and whole; the name is what is cut."""
    nilai = _potong(k.nilai, PANJANG_TOMBOL // 2)
    return nilai + _potong(f" — {_label(lay, pengguna, k)}", PANJANG_TOMBOL - len(nilai))


def uraian(lay: Layanan, pengguna, k) -> str:
    """'Laba Serati Januari 2024, Rp 150.000 (kiriman #91)' (plain text)."""
    return f"{_label(lay, pengguna, k)}, {k.nilai} (kiriman #{k.id})"


def keadaan(lay: Layanan, pengguna, nomor: int) -> tuple[str, bool]:
    """What the store holds now for submission #``nomor`` (plain text), and whether it still
    counts as that submission (nobody withdrew or replaced it)."""
    ada = lay.store.kiriman_dan_kini(pengguna, nomor)
    if ada is None:
        return f"Kiriman #{nomor} tidak ada di antara nilai yang dapat Anda lihat.", False
    k, kini = ada
    if kini.ditarik:
        return f"{_label(lay, pengguna, k)} sudah ditarik (kiriman #{kini.id}).", False
    if kini.id != k.id:
        return (f"Kiriman #{nomor} sudah digantikan: {_label(lay, pengguna, k)} sekarang {kini.nilai} "
                f"(kiriman #{kini.id})."), False
    return f"{uraian(lay, pengguna, k)} tetap berlaku.", True


def _papan(nomor: int, alasan: str | None) -> InlineKeyboardMarkup:
    if alasan is not None:
        ya = [[InlineKeyboardButton("Ya, tarik", callback_data=data_tombol("ty", nomor, ALASAN_DIKETIK))]]
    else:
        ya = [[InlineKeyboardButton(f"Ya, tarik: {teks}", callback_data=data_tombol("ty", nomor, kode))]
              for kode, teks in ALASAN.items()]
    return InlineKeyboardMarkup(ya + [[InlineKeyboardButton("Batal", callback_data=data_tombol("tb", nomor))]])


def pertanyaan(lay: Layanan, pengguna, k, alasan: str | None) -> tuple[str, InlineKeyboardMarkup]:
    """The confirmation of withdrawing ``k`` (the current version of its value)."""
    teks = (f"<b>Tarik {esc(uraian(lay, pengguna, k))}?</b>\nNilai itu tidak lagi dihitung; riwayat "
            "tetap menyimpannya. Untuk mengganti angkanya cukup laporkan lagi (koreksi), tidak perlu ditarik.\n")
    if alasan is not None:
        teks += f"Alasan: {esc(alasan)}"
    else:
        teks += f"Pilih alasannya. Alasan lain: <code>/tarik {k.id} alasan …</code>"
    return teks, _papan(k.id, alasan)


def _pisah_alasan(args: list[str]) -> tuple[list[str], str | None]:
    """``91 alasan salah ketik`` -> (['91'], 'salah ketik')."""
    for i, kata in enumerate(args):
        if kata.lower() in ("alasan", "alasan:"):
            alasan = " ".join(args[i + 1:]).strip()
            if not alasan:
                raise UsageError("tulis alasannya setelah kata alasan, mis. /tarik 91 alasan salah ketik")
            return args[:i], alasan
    return args, None


def nilai_dari_argumen(lay: Layanan, pengguna, sasaran: list[str]):
    """The submission the arguments name and the current version of its value: a submission
    number, or a value named as messages name it (read by the store, as its withdrawal reads it)."""
    nomor = _nomor(sasaran[0]) if len(sasaran) == 1 else None
    if nomor is not None:
        ada = lay.store.kiriman_dan_kini(pengguna, nomor)
        if ada is None:
            raise UsageError(f"kiriman #{nomor} tidak ada di antara nilai yang dapat Anda lihat; "
                             "lihat nomornya di /riwayat")
        return ada
    teks = " ".join(sasaran)
    terbaru = lay.store.riwayat(pengguna, kunci_nilai=teks, batas=1)
    if not terbaru:
        raise UsageError(f"belum ada nilai '{teks}' yang dapat Anda tarik; lihat nama nilai dan nomor "
                         "kirimannya di /riwayat")
    return terbaru[0], terbaru[0]


@perintah("tarik")
async def tarik(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    if context.args:
        sasaran, alasan = _pisah_alasan(list(context.args))
        if not sasaran:
            raise UsageError("tulis nilai yang ditarik sebelum alasannya, mis. /tarik 91 alasan salah ketik")
        k, kini = nilai_dari_argumen(lay, pengguna, sasaran)
        if kini.ditarik:
            await lay.pengirim.teks(context.bot, chat_id, esc(keadaan(lay, pengguna, k.id)[0])
                                    + " Tidak ada yang perlu ditarik.")
            return
        teks = ""
        if kini.id != k.id:  # the user names an older version: ask about the value as it is now
            teks = esc(f"Kiriman #{k.id} sudah digantikan oleh kiriman #{kini.id}.") + "\n"
        if alasan is not None:
            ingat(context, KUNCI_ALASAN, kini.id, alasan)
        tanya, papan = pertanyaan(lay, pengguna, kini, alasan)
        await lay.pengirim.teks(context.bot, chat_id, teks + tanya, tombol=papan)
        return
    daftar = lay.store.dapat_ditarik(pengguna)  # the store's default number of choices
    if not daftar:
        await lay.pengirim.teks(context.bot, chat_id,
                                "Belum ada nilai tercatat yang dapat Anda tarik.\n" + cara(lay, pengguna))
        return
    baris = [[InlineKeyboardButton(teks_tombol(lay, pengguna, k), callback_data=data_tombol("t", k.id))]
             for k in daftar]
    await lay.pengirim.teks(
        context.bot, chat_id,
        f"<b>Tarik nilai yang salah dilaporkan</b>\nPilih salah satu dari {len(daftar)} nilai terbaru Anda. "
        "Nilai yang ditarik tidak lagi dihitung; riwayat tetap menyimpannya. Untuk mengganti angkanya "
        "cukup laporkan lagi (koreksi), tidak perlu ditarik.\n" + cara(lay, pengguna, daftar[0]),
        tombol=InlineKeyboardMarkup(baris))


async def _tanya(lay: Layanan, context, q, pengguna, nomor: int) -> None:
    """Replace the buttons' message with the confirmation of withdrawing submission #``nomor``."""
    await lay.pengirim.jawab_tombol(q)
    k, kini = nilai_dari_argumen(lay, pengguna, [str(nomor)])
    if kini.id != k.id or kini.ditarik:  # changed since the buttons were shown
        await lay.pengirim.teks(context.bot, q.message.chat_id,
                                esc(keadaan(lay, pengguna, nomor)[0]) + " Ketik /tarik untuk daftar terbaru.")
        return
    teks, papan = pertanyaan(lay, pengguna, k, None)
    await lay.pengirim.edit(context.bot, q.message.chat_id, q.message.message_id, teks, tombol=papan)


@perintah("tarik")
async def tombol_pilih(update: Update, context, pengguna) -> None:
    """First tap: ask to confirm (a mis-tap on a small screen must not withdraw anything)."""
    q = update.callback_query
    await _tanya(layanan(context), context, q, pengguna, _dari_tombol(q.data)[0])


def _terlambat(lay: Layanan, pengguna, nomor: int):
    """The answer to a late tap: what the store holds now for the submission."""
    return lambda: sudah_diproses(keadaan(lay, pengguna, nomor)[0] + " Ketik /tarik untuk nilai lain.")


@perintah("tarik")
async def tombol_ya(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    q = update.callback_query
    nomor, kode = _dari_tombol(q.data)
    if await tombol_terlambat(lay, q, _terlambat(lay, pengguna, nomor)):
        return
    if kode is None:  # "Ya, tarik" of a confirmation sent by an older version: ask the reason
        await _tanya(lay, context, q, pengguna, nomor)
        return
    ketikan = (context.user_data or {}).get(KUNCI_ALASAN, {})
    alasan = ketikan.get(nomor) if kode == ALASAN_DIKETIK else ALASAN.get(kode)
    if alasan is None:
        raise UsageError(f"alasan penarikan tidak tersimpan lagi; ketik /tarik {nomor} alasan … sekali lagi")
    k = lay.store.tarik(pengguna, kiriman_id=nomor, alasan=alasan, saluran="bot", kunci=kunci_tombol(q))
    ketikan.pop(nomor, None)
    await lay.pengirim.jawab_tombol(q, "Ditarik" if k.status == "ditarik" else None)
    await ganti_pesan(lay, context, q.message.chat_id, q.message.message_id,
                      balasan_kiriman(lay.store, pengguna, k) + f"\nAlasan: {esc(alasan)}")


@perintah("tarik")
async def tombol_batal(update: Update, context, pengguna) -> None:
    """Cancel: says what the store holds now (a withdrawal that went through before, e.g. when
    the bot could not replace the buttons with its result, is not claimed to be still valid)."""
    lay = layanan(context)
    q = update.callback_query
    nomor, _ = _dari_tombol(q.data)
    if await tombol_terlambat(lay, q, _terlambat(lay, pengguna, nomor)):
        return
    await lay.pengirim.jawab_tombol(q, "Dibatalkan")
    ((context.user_data or {}).get(KUNCI_ALASAN) or {}).pop(nomor, None)
    teks, berlaku = keadaan(lay, pengguna, nomor)
    await ganti_pesan(lay, context, q.message.chat_id, q.message.message_id,
                      esc(("Dibatalkan; tidak ada yang ditarik. " if berlaku else "Tidak ada yang ditarik lewat "
                           "tombol ini. ") + teks))
