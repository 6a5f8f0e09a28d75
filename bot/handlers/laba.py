"""/laba: a BUMDes's monthly profit, typed on one line or through a guided flow with buttons.

One line:   /laba 2024-11 734400      (the user's only BUMDes)
            /laba serati Nov 2024 Rp 150.000
Guided:     /laba -> BUMDes -> month -> amount (typed) -> confirm.

Every button carries everything chosen so far (``lb:<bumdes>``, ``lm:<bumdes>:<bulan>``,
``lk:<bumdes>:<bulan>:<amount>``, the month written as the core writes it, ``2024-11``, and read
back with the core's ``parse_bulan``), so a button pressed after a restart still does the
right thing; a button whose data is not understood is answered "tombol ini tidak berlaku".
``<bumdes>`` is the BUMDes code; when the code would not fit Telegram's 64 bytes of button
data it is ``#`` and a short hash of the code, matched against the current BUMDes list on
press (never a position in a list, which a plan re-import may reorder). Only the typed
month/amount steps need the flow's state, which lives in the persistent
ConversationHandler and in ``user_data``. An expired or lost state restarts
the flow with a clear message. A typed month is checked by the store when it is typed (not
only at the final Simpan). An *edited* month or amount (the officer fixed a typo) is read again
in place of the first one; an edit of any other message changes nothing and says so.

Every submission carries an idempotency key: ``tg:<chat>:<message>`` of a typed command
(:func:`bot.pesan.kunci_pesan`; an edited command is a new request), and for a button the
message and a hash of the button's data (:func:`bot.pesan.kunci_tombol`): a redelivered update
or a double tap of one button stores nothing twice, while another button on the same message is
a new choice (a correction). A save button on a message that no longer shows buttons (the bot
already replaced the choice with its result) is a late tap and stores nothing.
"""

from __future__ import annotations

import hashlib
import warnings
from decimal import Decimal, InvalidOperation

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from sakip_rules.angka import (AngkaAmbigu, bulan_di_awal, bulan_sebelumnya, format_bulan, format_rupiah,
                               nama_bulan_singkat, parse_angka, parse_bulan, ringkas)
from sakip_rules.errors import SakipError, UsageError
from sakip_rules.store import Kiriman
from sakip_rules.store.users import bumdes_pelaporan
from sakip_rules.store.validasi import cocokkan_bumdes as cocokkan_bumdes_inti

from ..auth import perintah
from ..layanan import Layanan, layanan
from ..pesan import balasan_kiriman, kunci_pesan, kunci_tombol, pesan_batal
from ..render import data_tombol, esc
from ..suntingan import balas_lapor, catatan_sebelum_diubah, sebelum_diubah
from ..tombol import ganti_pesan, sudah_diproses, tombol_terlambat
from . import lapor
from .galat import pesan_galat

PILIH_BUMDES, PILIH_BULAN, KETIK_JUMLAH, KONFIRMASI = range(4)
KUNCI_ALUR = "laba"
_POLA_TOMBOL = r"^l[bmktx](:|$)"


# -- BUMDes -------------------------------------------------------------------

def bumdes_pilihan(ds, pengguna) -> list:
    """The BUMDes this user reports for (the store still decides on each submission)."""
    return bumdes_pelaporan(pengguna, ds.kecamatan.bumdes)


def cocokkan_bumdes(ds, teks: str):
    # exact names only: in a one-line message a partial name could swallow the month
    return cocokkan_bumdes_inti(ds.kecamatan, teks, tepat=True)


def sidik_bumdes(kode: str) -> str:
    """'#' and 12 hex digits of the code's SHA-256: names one BUMDes in button data when its
    code is too long to fit (codes are ^[a-z][a-z0-9_]*$, so never start with '#')."""
    return "#" + hashlib.sha256(kode.encode()).hexdigest()[:12]


def data_bumdes(aksi: str, b, *sisa) -> str:
    """Button data for BUMDes ``b``: its code if everything fits in 64 bytes, else its hash."""
    try:
        return data_tombol(aksi, b.kode, *sisa)
    except ValueError:
        return data_tombol(aksi, sidik_bumdes(b.kode), *sisa)


def dari_token(ds, token: str):
    """The BUMDes a button names, or None (unknown, or a hash that is not exactly one code)."""
    if token.startswith("#"):
        cocok = [b for b in ds.kecamatan.bumdes if sidik_bumdes(b.kode) == token]
        return cocok[0] if len(cocok) == 1 else None
    return ds.kecamatan.cari_bumdes(token)


def label_bumdes(ds, b) -> str:
    desa = ds.kecamatan.cari_desa(b.desa)
    return f"{b.nama} ({desa.nama if desa else b.desa})"


# -- months and amounts ---------------------------------------------------------

# what a button carries is not shown: an officer did not write it and cannot correct it
TOMBOL_TIDAK_BERLAKU = "tombol ini tidak berlaku lagi; mulai lagi dengan /laba"


def data_bulan(tahun: int, bulan: int) -> str:
    """A month in button data, written as the core writes months in value keys (``2024-11``)."""
    return f"{tahun:04d}-{bulan:02d}"


def bulan_tombol(teks: str) -> tuple[int, int]:
    """The month a button carries, read by the core; a button the core cannot read is refused."""
    try:
        return parse_bulan(teks)
    except UsageError:
        raise UsageError(TOMBOL_TIDAK_BERLAKU) from None


def periksa_bulan(lay: Layanan, pengguna, tahun: int, bulan: int) -> tuple[int, int]:
    """The store's own check of a profit month (future, outside the plan years), made as soon
    as the month is chosen or typed, so the flow does not run to Simpan only to be refused."""
    return lay.store.periksa_bulan_laba(lay.store.kecamatan_dari(pengguna), tahun, bulan)


def bulan_terakhir(lay: Layanan, banyak: int) -> list[tuple[int, int]]:
    """The current month and the ones before it, newest first."""
    kini = lay.sekarang()
    t, b = kini.year, kini.month
    out = []
    for _ in range(banyak):
        out.append((t, b))
        t, b = bulan_sebelumnya(t, b)
    return out


def teks_jumlah(d: Decimal) -> str:
    return format(d, "f")


def baca_jumlah(lay: Layanan, teks: str) -> tuple[list[Decimal], AngkaAmbigu | None]:
    """A typed amount's readings the store could store: the one reading of a clear amount, or
    the readings of an ambiguous one with the question to ask about them; refused when none
    could be stored. Checked before any button is built from it (a button carries the amount,
    and an amount no BUMDes could store must be refused here, clearly)."""
    try:
        return [lay.store.periksa_jumlah_laba(parse_angka(teks, "rupiah"))], None
    except AngkaAmbigu as exc:
        return pilihan_sah(lay, exc), exc


def pilihan_sah(lay: Layanan, ambigu: AngkaAmbigu) -> list[Decimal]:
    """The readings of an ambiguous amount that could be stored; refuses when none could."""
    sah, galat = [], None
    for p in ambigu.pilihan:
        try:
            sah.append(lay.store.periksa_jumlah_laba(p))
        except UsageError as exc:
            galat = galat or exc
    if not sah:
        raise galat
    return sah


def dari_teks_jumlah(teks: str) -> Decimal:
    try:
        d = Decimal(teks)
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise UsageError(TOMBOL_TIDAK_BERLAKU)
    return d


# -- keyboards -------------------------------------------------------------------

def tombol_batal() -> InlineKeyboardButton:
    return InlineKeyboardButton("✖ Batal", callback_data=data_tombol("lx"))


def papan_bumdes(ds, daftar) -> InlineKeyboardMarkup:
    baris = [[InlineKeyboardButton(label_bumdes(ds, b)[:60], callback_data=data_bumdes("lb", b))]
             for b in daftar]
    return InlineKeyboardMarkup(baris + [[tombol_batal()]])


def papan_bulan(lay: Layanan, b) -> InlineKeyboardMarkup:
    tombol = [InlineKeyboardButton(f"{nama_bulan_singkat(m)} {t}", callback_data=data_bumdes("lm", b, data_bulan(t, m)))
              for t, m in bulan_terakhir(lay, lay.konf.banyak_bulan_tombol)]
    baris = [tombol[i:i + 2] for i in range(0, len(tombol), 2)]
    baris.append([InlineKeyboardButton("Bulan lain…", callback_data=data_bumdes("lt", b)), tombol_batal()])
    return InlineKeyboardMarkup(baris)


def papan_simpan(b, tahun: int, bulan: int, pilihan: list[Decimal]) -> InlineKeyboardMarkup:
    if len(pilihan) == 1:
        baris = [[InlineKeyboardButton("✔ Simpan", callback_data=data_bumdes("lk", b, data_bulan(tahun, bulan),
                                                                           teks_jumlah(pilihan[0]))),
                  tombol_batal()]]
    else:
        baris = [[InlineKeyboardButton(f"{format_rupiah(p)}", callback_data=data_bumdes(
            "lk", b, data_bulan(tahun, bulan), teks_jumlah(p)))] for p in pilihan]
        baris.append([tombol_batal()])
    return InlineKeyboardMarkup(baris)


def papan_pilih_bumdes_lalu_simpan(ds, daftar, tahun, bulan, jumlah) -> InlineKeyboardMarkup:
    baris = [[InlineKeyboardButton(label_bumdes(ds, b)[:60], callback_data=data_bumdes(
        "lk", b, data_bulan(tahun, bulan), teks_jumlah(jumlah)))] for b in daftar]
    return InlineKeyboardMarkup(baris + [[tombol_batal()]])


# -- flow state ----------------------------------------------------------------------

def lupakan(context) -> None:
    if context.user_data is not None:
        context.user_data.pop(KUNCI_ALUR, None)


def ingat(context, lay: Layanan, **isi) -> None:
    isi["waktu"] = lay.konf.sekarang().timestamp()
    context.user_data[KUNCI_ALUR] = isi


def ingat_juga(context, lay: Layanan, isi: dict, **baru) -> None:
    """The flow's state with ``baru`` added (and its clock restarted)."""
    ingat(context, lay, **{**{k: v for k, v in isi.items() if k != "waktu"}, **baru})


def keadaan(context, lay: Layanan) -> dict | None:
    isi = (context.user_data or {}).get(KUNCI_ALUR)
    if not isi:
        return None
    if lay.konf.sekarang().timestamp() - isi.get("waktu", 0) > lay.konf.batas_alur_menit * 60:
        lupakan(context)
        return None
    return isi


BERAKHIR = "Isian sebelumnya sudah berakhir atau terputus. Mulai lagi dengan /laba."


# -- saving --------------------------------------------------------------------------

def simpan(lay: Layanan, pengguna, b, tahun: int, bulan: int, jumlah: Decimal, kunci: str) -> Kiriman:
    """Store the value (before any reply is sent)."""
    return lay.store.lapor_laba(pengguna, b.kode, tahun, bulan, jumlah, saluran="bot", kunci=kunci)


def pertanyaan_konfirmasi(ds, b, tahun, bulan, jumlah) -> str:
    return ("<b>Periksa sebelum disimpan</b>\n"
            f"BUMDes: {esc(label_bumdes(ds, b))}\n"
            f"Bulan: {esc(format_bulan(tahun, bulan))}\n"
            f"Keuntungan: <b>{esc(format_rupiah(jumlah))}</b>\n\nSimpan?")


# -- one line ----------------------------------------------------------------------------

def _bulan_di_awal(token: list[str]) -> tuple[tuple[int, int], int]:
    """The month the words start with and how many words it took (the core reads it)."""
    if not token:
        raise UsageError("tulis bulan dan jumlahnya. Contoh: /laba 2024-11 734.400")
    return bulan_di_awal(token)


def urai_satu_baris(args: list[str], ds, milik: list):
    """``[bumdes] <bulan> <jumlah>`` -> (bumdes or None, (tahun, bulan), jumlah text).

    ``milik``: the BUMDes the user reports for, named when the first words are neither one of
    the kecamatan's BUMDes nor a month but a month follows them (an unknown BUMDes name)."""
    token = list(args)
    b = None
    for n in (3, 2, 1):
        if len(token) > n and (hit := cocokkan_bumdes(ds, " ".join(token[:n]))):
            b, token = hit, token[n:]
            break
    try:
        periode, n = _bulan_di_awal(token)
    except UsageError:
        if b is None:
            for i in range(1, min(4, len(token) - 1)):
                try:
                    _bulan_di_awal(token[i:])
                except UsageError:
                    continue
                nama = ringkas(" ".join(token[:i]))
                if not milik:
                    raise UsageError(f"BUMDes '{nama}' tidak dikenal, dan tidak ada BUMDes aktif yang "
                                     "dapat Anda laporkan.") from None
                raise UsageError(f"BUMDes '{nama}' tidak dikenal. BUMDes yang dapat Anda laporkan: "
                                 + ", ".join(x.nama for x in milik) + ".") from None
        raise
    sisa = " ".join(token[n:]).strip()
    if not sisa:
        raise UsageError("jumlah keuntungan belum ditulis. Contoh: /laba 2024-11 734.400")
    return b, periode, sisa


async def satu_baris(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    pesan = update.effective_message
    ds = lay.dataset(pengguna)
    milik = bumdes_pilihan(ds, pengguna)
    b, (tahun, bulan), teks = urai_satu_baris(context.args, ds, milik)
    kunci = kunci_pesan(pesan)
    pilihan, ambigu = baca_jumlah(lay, teks)
    jumlah = pilihan[0] if ambigu is None else None  # the amount, when it is clear
    if b is None and len(milik) == 1:
        b = milik[0]
    if b is None:
        if not milik:
            raise UsageError("tidak ada BUMDes aktif yang dapat Anda laporkan.")
        if ambigu is not None:
            raise UsageError(ambigu.message + " Tulis juga kode BUMDes-nya, mis. /laba "
                             f"{milik[0].kode} 2024-11 734.400.")
        await lay.pengirim.teks(
            context.bot, pesan.chat_id,
            f"Untuk BUMDes mana keuntungan {esc(format_bulan(tahun, bulan))} sebesar "
            f"<b>{esc(format_rupiah(jumlah))}</b>? Pilih di bawah (langsung disimpan)."
            + _catatan_pertanyaan(lay, context, pengguna, pesan),
            tombol=papan_pilih_bumdes_lalu_simpan(ds, milik, tahun, bulan, jumlah))
        return
    if ambigu is not None:
        await lay.pengirim.teks(
            context.bot, pesan.chat_id,
            esc(ambigu.message) + "\n\nAtau pilih salah satu di bawah (langsung disimpan untuk "
            f"{esc(label_bumdes(ds, b))}, {esc(format_bulan(tahun, bulan))})."
            + _catatan_pertanyaan(lay, context, pengguna, pesan),
            tombol=papan_simpan(b, tahun, bulan, pilihan))
        return
    kiriman = simpan(lay, pengguna, b, tahun, bulan, jumlah, kunci)
    await balas_lapor(update, context, pengguna, kiriman)


def _catatan_pertanyaan(lay: Layanan, context, pengguna, pesan) -> str:
    """An edited command that asks a question first stores nothing yet: what the message stored
    before the edit still counts (the choice is a button, not this message), and the reply says so."""
    catatan = catatan_sebelum_diubah(lay, pengguna, pesan, sebelum_diubah(lay, context, pengguna, pesan), None)
    return "\n\n" + catatan if catatan else ""


# -- guided flow ---------------------------------------------------------------------------

@perintah("laba")
async def mulai(update: Update, context, pengguna):
    lay = layanan(context)
    lupakan(context)
    if context.args:
        await satu_baris(update, context, pengguna)
        return ConversationHandler.END
    chat_id = update.effective_chat.id
    ds = lay.dataset(pengguna)
    milik = bumdes_pilihan(ds, pengguna)
    if not milik:
        raise UsageError("tidak ada BUMDes aktif yang dapat Anda laporkan.")
    if len(milik) == 1:
        b = milik[0]
        ingat(context, lay, b=b.kode)
        await lay.pengirim.teks(context.bot, chat_id,
                                f"<b>Lapor keuntungan BUMDes {esc(label_bumdes(ds, b))}</b>\nPilih bulannya:",
                                tombol=papan_bulan(lay, b))
        return PILIH_BULAN
    ingat(context, lay)
    await lay.pengirim.teks(context.bot, chat_id, "<b>Lapor keuntungan BUMDes</b>\nPilih BUMDes-nya:",
                            tombol=papan_bumdes(ds, milik))
    return PILIH_BUMDES


async def _tanya_jumlah(lay, context, chat_id, ds, b, tahun, bulan, message_id=None, pesan_bulan=None):
    """Ask for the amount (editing the button message ``message_id``, or in a new message after
    a month typed in message ``pesan_bulan``, remembered so that an edit of it is read again)."""
    ingat(context, lay, b=b.kode, t=tahun, m=bulan, pb=pesan_bulan)
    teks = (f"<b>{esc(label_bumdes(ds, b))}</b>, {esc(format_bulan(tahun, bulan))}\n"
            "Ketik jumlah keuntungannya dalam rupiah, mis. <code>734.400</code> "
            "(tulis <code>0</code> bila tidak ada keuntungan).")
    markup = InlineKeyboardMarkup([[tombol_batal()]])
    if message_id is not None:
        await lay.pengirim.edit(context.bot, chat_id, message_id, teks, tombol=markup)
    else:
        await lay.pengirim.teks(context.bot, chat_id, teks, tombol=markup)
    return KETIK_JUMLAH


SUDAH_DIPROSES = sudah_diproses("Untuk mengubah nilainya, laporkan lagi dengan /laba.")


@perintah("laba")
async def tombol(update: Update, context, pengguna):
    """Every /laba button, in any state (the data carries the flow)."""
    lay = layanan(context)
    q = update.callback_query
    chat_id, message_id = q.message.chat.id, q.message.message_id
    bagian = q.data.split(":")
    aksi = bagian[0]
    if aksi == "lx":
        lupakan(context)
        await lay.pengirim.jawab_tombol(q, "Dibatalkan")
        await lay.pengirim.edit(context.bot, chat_id, message_id, "Dibatalkan. Tidak ada yang disimpan.")
        return ConversationHandler.END
    ds = lay.dataset(pengguna)
    b = dari_token(ds, bagian[1]) if len(bagian) > 1 else None
    if b is None:
        await lay.pengirim.jawab_tombol(q, "BUMDes tidak dikenal")
        await lay.pengirim.edit(context.bot, chat_id, message_id, esc(BERAKHIR))
        return ConversationHandler.END
    if aksi == "lb":
        ingat(context, lay, b=b.kode)
        await lay.pengirim.jawab_tombol(q)
        await lay.pengirim.edit(context.bot, chat_id, message_id,
                                f"<b>Lapor keuntungan BUMDes {esc(label_bumdes(ds, b))}</b>\nPilih bulannya:",
                                tombol=papan_bulan(lay, b))
        return PILIH_BULAN
    if aksi == "lt":
        ingat(context, lay, b=b.kode)
        await lay.pengirim.jawab_tombol(q)
        await lay.pengirim.edit(context.bot, chat_id, message_id,
                                f"<b>{esc(label_bumdes(ds, b))}</b>\nKetik bulannya, mis. "
                                "<code>2024-07</code> atau <code>Juli 2024</code>.",
                                tombol=InlineKeyboardMarkup([[tombol_batal()]]))
        return PILIH_BULAN
    if aksi == "lm" and len(bagian) == 3:
        tahun, bulan = periksa_bulan(lay, pengguna, *bulan_tombol(bagian[2]))
        await lay.pengirim.jawab_tombol(q)
        return await _tanya_jumlah(lay, context, chat_id, ds, b, tahun, bulan, message_id)
    if aksi == "lk" and len(bagian) == 4:
        tahun, bulan = bulan_tombol(bagian[2])
        jumlah = dari_teks_jumlah(bagian[3])
        if await tombol_terlambat(lay, q, SUDAH_DIPROSES):
            return ConversationHandler.END
        try:
            kiriman = simpan(lay, pengguna, b, tahun, bulan, jumlah, kunci_tombol(q))
        except SakipError as exc:
            await lay.pengirim.jawab_tombol(q)
            await ganti_pesan(lay, context, chat_id, message_id, "⚠️ " + esc(pesan_galat(exc)))
            lupakan(context)
            return ConversationHandler.END
        lupakan(context)
        await lay.pengirim.jawab_tombol(q, "Tersimpan")
        await ganti_pesan(lay, context, chat_id, message_id, balasan_kiriman(lay.store, pengguna, kiriman))
        return ConversationHandler.END
    await lay.pengirim.jawab_tombol(q, "Tombol tidak dikenal")
    return ConversationHandler.END


def _alur_tersimpan(context, lay, pengguna):
    """The guided flow's saved state, the data, and the BUMDes chosen earlier (None if lost)."""
    isi = keadaan(context, lay)
    ds = lay.dataset(pengguna)
    b = ds.kecamatan.cari_bumdes(isi["b"]) if isi and isi.get("b") else None
    return isi, ds, b


async def _baca_bulan(update: Update, context, pengguna):
    lay = layanan(context)
    chat_id = update.effective_chat.id
    pesan = update.effective_message
    isi, ds, b = _alur_tersimpan(context, lay, pengguna)
    if b is None:
        await lay.pengirim.teks(context.bot, chat_id, esc(BERAKHIR))
        return ConversationHandler.END
    try:
        tahun, bulan = periksa_bulan(lay, pengguna, *parse_bulan(pesan.text))
    except UsageError as exc:
        ingat_juga(context, lay, isi, pb=pesan.message_id)  # an edit of this message is read again
        await lay.pengirim.teks(context.bot, chat_id, "⚠️ " + esc(exc.render()) + "\nKetik lagi, atau /batal.")
        return PILIH_BULAN
    return await _tanya_jumlah(lay, context, chat_id, ds, b, tahun, bulan, pesan_bulan=pesan.message_id)


async def _baca_jumlah(update: Update, context, pengguna):
    lay = layanan(context)
    chat_id = update.effective_chat.id
    pesan = update.effective_message
    isi, ds, b = _alur_tersimpan(context, lay, pengguna)
    if b is None or "t" not in isi:
        await lay.pengirim.teks(context.bot, chat_id, esc(BERAKHIR))
        return ConversationHandler.END
    tahun, bulan = isi["t"], isi["m"]
    ingat_juga(context, lay, isi, pj=pesan.message_id)  # an edit of this message is read again
    try:
        pilihan, ambigu = baca_jumlah(lay, pesan.text)
        if ambigu is not None:
            await lay.pengirim.teks(context.bot, chat_id,
                                    esc(ambigu.message) + "\n\nAtau pilih salah satu di bawah (langsung disimpan).",
                                    tombol=papan_simpan(b, tahun, bulan, pilihan))
            return KETIK_JUMLAH
        jumlah = pilihan[0]
    except UsageError as exc:
        await lay.pengirim.teks(context.bot, chat_id, "⚠️ " + esc(exc.render()) + "\nKetik lagi, atau /batal.")
        return KETIK_JUMLAH
    await lay.pengirim.teks(context.bot, chat_id, pertanyaan_konfirmasi(ds, b, tahun, bulan, jumlah),
                            tombol=papan_simpan(b, tahun, bulan, [jumlah]))
    return KONFIRMASI


@perintah("laba")
async def ketik_bulan(update: Update, context, pengguna):
    return await _baca_bulan(update, context, pengguna)


@perintah("laba")
async def ketik_jumlah(update: Update, context, pengguna):
    return await _baca_jumlah(update, context, pengguna)


@perintah("laba")
async def pesan_disunting(update: Update, context, pengguna):
    """A message edited during the flow (Telegram sends the edit as an update of its own). The
    typed month or amount of this flow is read again in place of the first reading (the officer
    fixed a typo): a new question or confirmation follows, and nothing is stored before Simpan.
    An edit of any other message changes nothing, and the reply says so."""
    lay = layanan(context)
    isi = keadaan(context, lay)
    nomor = update.effective_message.message_id
    if isi and nomor == isi.get("pj") and "t" in isi:
        return await _baca_jumlah(update, context, pengguna)
    if isi and nomor == isi.get("pb"):
        return await _baca_bulan(update, context, pengguna)
    await lay.pengirim.teks(context.bot, update.effective_chat.id,
                            "Perubahan pada pesan itu tidak dipakai dan tidak mengubah apa pun. "
                            "Lanjutkan isian /laba di bawah, atau /batal.")
    return None  # the flow stays where it was


async def batal(update: Update, context):
    """/batal, in the /laba flow or outside it: ends the flow and a wait for an IKM upload
    (``/ikm TAHUN SEMESTER``), and says what it cancelled, or that nothing was running."""
    lay = layanan(context)
    dibatalkan = []
    if keadaan(context, lay) is not None:
        dibatalkan.append("isian /laba")
    lupakan(context)
    if (berkas := lapor.batal_berkas(context, lay)) is not None:
        dibatalkan.append(berkas)
    await lay.pengirim.teks(context.bot, update.effective_chat.id, esc(pesan_batal(dibatalkan)))
    return ConversationHandler.END


async def teks_saat_konfirmasi(update: Update, context):
    lay = layanan(context)
    await lay.pengirim.teks(context.bot, update.effective_chat.id,
                            "Tekan <b>✔ Simpan</b> atau <b>✖ Batal</b> pada pesan di atas, "
                            "atau mulai lagi dengan /laba.")
    return KONFIRMASI


def alur(pribadi, *, persisten: bool) -> ConversationHandler:
    """The guided /laba flow. The command and every /laba button are entry points (a button
    carries its own data, and ``allow_reentry`` lets them act in any state); the states only
    read typed text: a new message as the next step, an edited one through
    :func:`pesan_disunting`. /batal (the same handler as outside the flow) ends it."""
    teks = pribadi & filters.TEXT & ~filters.COMMAND
    baru = teks & filters.UpdateType.MESSAGE
    disunting = MessageHandler(teks & filters.UpdateType.EDITED_MESSAGE, pesan_disunting)
    with warnings.catch_warnings():
        # per_message=False is intended: the flow is per user and chat; buttons carry their data.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("laba", mulai, filters=pribadi),
                          CallbackQueryHandler(tombol, pattern=_POLA_TOMBOL)],
            states={
                PILIH_BUMDES: [],  # buttons only
                PILIH_BULAN: [MessageHandler(baru, ketik_bulan), disunting],
                KETIK_JUMLAH: [MessageHandler(baru, ketik_jumlah), disunting],
                KONFIRMASI: [MessageHandler(baru, teks_saat_konfirmasi), disunting],
            },
            fallbacks=[CommandHandler("batal", batal, filters=pribadi)],
            allow_reentry=True,
            name="alur_laba",
            persistent=persisten,
        )
