"""/tarik: withdraw a value reported by mistake, chosen from the user's current values and
confirmed with a second tap. The store checks who may withdraw what; history keeps everything."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from sakip_rules.errors import UsageError

from ..auth import perintah
from ..layanan import layanan
from ..pesan import balasan_kiriman, uraian_kiriman
from ..render import data_tombol

ALASAN_BOT = "ditarik lewat bot"


def _nomor(data: str) -> int:
    bagian = data.split(":")
    if len(bagian) != 2 or not bagian[1].isascii() or not bagian[1].isdigit() or len(bagian[1]) > 12:
        raise UsageError("tombol rusak; ketik /tarik lagi")
    return int(bagian[1])


@perintah("tarik")
async def tarik(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    daftar = lay.store.dapat_ditarik(pengguna)  # the store's default number of choices
    chat_id = update.effective_chat.id
    if not daftar:
        await lay.pengirim.teks(context.bot, chat_id, "Belum ada nilai tercatat yang dapat Anda tarik.")
        return
    kecamatan = lay.store.kecamatan_dari(pengguna)
    baris = [[InlineKeyboardButton(f"#{k.id} {uraian_kiriman(lay.store, kecamatan, k)}"[:60],
                                   callback_data=data_tombol("t", k.id))] for k in daftar]
    await lay.pengirim.teks(
        context.bot, chat_id,
        f"<b>Tarik nilai yang salah dilaporkan</b>\nPilih salah satu dari {len(daftar)} nilai terbaru Anda. "
        "Nilai yang ditarik tidak lagi dihitung; riwayat tetap menyimpannya. Untuk mengganti angkanya "
        "cukup laporkan lagi (koreksi), tidak perlu ditarik.", tombol=InlineKeyboardMarkup(baris))


@perintah("tarik")
async def tombol_pilih(update: Update, context, pengguna) -> None:
    """First tap: ask to confirm (a mis-tap on a small screen must not withdraw anything)."""
    lay = layanan(context)
    q = update.callback_query
    await lay.pengirim.jawab_tombol(q)
    nomor = _nomor(q.data)
    papan = InlineKeyboardMarkup([[InlineKeyboardButton("Ya, tarik", callback_data=data_tombol("ty", nomor)),
                                   InlineKeyboardButton("Batal", callback_data=data_tombol("tb", nomor))]])
    await lay.pengirim.edit(context.bot, q.message.chat_id, q.message.message_id,
                            f"Tarik kiriman #{nomor}? Nilai itu tidak lagi dihitung.", tombol=papan)


@perintah("tarik")
async def tombol_ya(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    q = update.callback_query
    await lay.pengirim.jawab_tombol(q)
    k = lay.store.tarik(pengguna, kiriman_id=_nomor(q.data), alasan=ALASAN_BOT, saluran="bot")
    await lay.pengirim.edit(context.bot, q.message.chat_id, q.message.message_id,
                            balasan_kiriman(lay.store, pengguna, k))


@perintah("tarik")
async def tombol_batal(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    q = update.callback_query
    await lay.pengirim.jawab_tombol(q)
    await lay.pengirim.edit(context.bot, q.message.chat_id, q.message.message_id,
                            f"Dibatalkan; kiriman #{_nomor(q.data)} tetap berlaku.")
