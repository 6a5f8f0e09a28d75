"""Who may see which command, and the guard every handler passes.

The store decides what a user may *change* (role and own desa; it raises AksesDitolak).
This module only decides what the bot *offers*: the command menu per role, and a polite
refusal before a command a role does not have reaches the core at all.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Callable

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.ext import ConversationHandler

from sakip_rules.store import PERAN
from sakip_rules.store.users import PERAN_PENGIRIM, PERAN_SEKECAMATAN, nama_peran, peran_pengirim

from .layanan import Layanan, layanan
from .render import esc

log = logging.getLogger(__name__)

# Every role list comes from the core (sakip_rules.store.users), never written here: the roles
# that may submit a kind of data are the roles of its command; the store still decides each
# submission (a desa operator: its own desa only).
SEMUA = tuple(PERAN)
PENGIRIM = PERAN_PENGIRIM  # /tarik and /batal: every role that submits something
PEMERIKSA = PERAN_SEKECAMATAN  # /periksa covers the whole kecamatan's data

# A role's short name inside a sentence ("Anda terdaftar sebagai operator desa desa Halunuk").
# Not the store's URAIAN_PERAN, which adds what the role may do ("operator desa (mengirim data
# desa dan BUMDes-nya sendiri)") and is used where that helps (the role list of /undang).
BELUM_TERDAFTAR = ("Maaf, Anda belum terdaftar di bot SAKIP kecamatan ini. "
                   "Minta tautan undangan kepada admin kecamatan, lalu buka tautan itu di Telegram.")
DICABUT = ("Maaf, akses Anda ke bot SAKIP telah dicabut. "
           "Hubungi admin kecamatan bila Anda memerlukan akses lagi.")


@dataclass(frozen=True)
class Perintah:
    nama: str
    keterangan: str  # for the command menu (<= 256 chars)
    peran: tuple[str, ...]
    contoh: tuple[str, ...] = ()  # "{desa}" reads as the user's own desa (or one of their kecamatan)


PERINTAH: tuple[Perintah, ...] = (
    Perintah("start", "Mulai, atau daftar dengan tautan undangan", SEMUA),
    Perintah("bantuan", "Daftar perintah dan contohnya", SEMUA),
    Perintah("capaian", "Tabel capaian kinerja (Tabel 3.2)", SEMUA, ("/capaian 2024",)),
    Perintah("jelaskan", "Mengapa suatu angka bernilai sekian", SEMUA,
             ("/jelaskan ikm 2024", "/jelaskan rata-rata 2024")),
    Perintah("laba", "Lapor keuntungan bulanan BUMDes", peran_pengirim("laba"),
             ("/laba (dipandu dengan tombol)", "/laba 2024-11 734400",
              "/laba sumber_rahmat November 2024 Rp 734.400")),
    Perintah("ikm", "Lapor hasil survei kepuasan (IKM) satu semester", peran_pengirim("ikm"),
             ("/ikm 2024 2 90,43", "/ikm 2024 2 jumlah_nrr 32,590",
              "kirim berkas CSV/XLSX jawaban (kolom U1..U9) dengan keterangan /ikm 2024 2")),
    Perintah("status_desa", "Catat status IDM desa", peran_pengirim("status_desa"),
             ("/status_desa {desa} 2024 Maju", "/status_desa {desa} 2024 Mandiri 0,8321")),
    Perintah("anggaran", "Catat realisasi anggaran sub kegiatan", peran_pengirim("anggaran"),
             ("/anggaran evaluasi_kinerja 2024-11 1.500.000",)),
    Perintah("tarik", "Tarik nilai yang salah dilaporkan (riwayat tetap menyimpannya)", PENGIRIM,
             ("/tarik", "/tarik 91 alasan terkirim dua kali")),
    Perintah("rekap_bumdes", "Rekap keuntungan BUMDes dan yang belum lapor", SEMUA,
             ("/rekap_bumdes 2024",)),
    Perintah("grafik", "Grafik target dan realisasi (gambar)", SEMUA, ("/grafik 2024",)),
    Perintah("riwayat", "Riwayat kiriman data", SEMUA, ("/riwayat", "/riwayat laba")),
    Perintah("periksa", "Peringatan dini: pemeriksaan atas data yang terkumpul", PEMERIKSA,
             ("/periksa 2024",)),
    Perintah("batal", "Batalkan isian yang sedang berjalan", PENGIRIM),
    Perintah("undang", "Buat tautan undangan pengguna baru", ("admin",),
             ("/undang operator_desa {desa}", "/undang pimpinan")),
    Perintah("pengguna", "Daftar pengguna", ("admin",)),
    Perintah("cabut", "Cabut akses pengguna", ("admin",), ("/cabut 7",)),
)

_PERINTAH = {p.nama: p for p in PERINTAH}


def boleh(peran: str, perintah: str) -> bool:
    p = _PERINTAH.get(perintah)
    return p is not None and peran in p.peran


def perintah_untuk(peran: str | None) -> list[Perintah]:
    if peran is None:
        return [_PERINTAH["start"], _PERINTAH["bantuan"]]
    return [p for p in PERINTAH if peran in p.peran]


def menu_untuk(peran: str | None) -> list[BotCommand]:
    return [BotCommand(p.nama, p.keterangan) for p in perintah_untuk(peran)]


async def pasang_menu(bot, lay: Layanan, chat_id: int, peran: str | None) -> None:
    """Show this chat the commands of its role (BotCommandScopeChat)."""
    if peran is None:
        async def panggil():
            return await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    else:
        async def panggil():
            return await bot.set_my_commands(menu_untuk(peran), scope=BotCommandScopeChat(chat_id))
    if await lay.pengirim.menu(panggil, chat_id):
        if peran is None:
            lay.menu_terpasang.pop(chat_id, None)
        else:
            lay.menu_terpasang[chat_id] = peran


async def pasang_menu_umum(bot, lay: Layanan) -> None:
    """The default menu, seen by everyone not (yet) registered."""
    async def panggil():
        return await bot.set_my_commands(menu_untuk(None))
    await lay.pengirim.menu(panggil, 0)


def pengguna_dari(update: Update, lay: Layanan):
    user = update.effective_user
    if user is None:
        return None
    return lay.store.pengguna_telegram(user.id)


async def tolak(update: Update, context, teks: str) -> None:
    lay = layanan(context)
    if update.callback_query is not None:
        await lay.pengirim.jawab_tombol(update.callback_query, teks, peringatan=True)
        return
    if update.effective_chat is not None:
        await lay.pengirim.teks(context.bot, update.effective_chat.id, esc(teks))


def tolakan_perintah(nama: str) -> Callable[[str], str]:
    """The refusal of command ``nama`` to a role that does not have it."""
    return lambda peran: (f"Perintah /{nama} tidak tersedia untuk peran {nama_peran(peran)}. "
                          "Ketik /bantuan untuk melihat perintah Anda.")


def perintah(nama: str, *, tolakan: Callable[[str], str] | None = None):
    """Guard a handler: a registered, active user whose role has command ``nama``.

    The wrapped handler is called as ``fn(update, context, pengguna)``. A refusal ends
    any guided flow (returns ConversationHandler.END). ``tolakan(peran)`` is the refusal to a
    role without the command, for handlers the user did not call by that name (an upload).
    """
    tolak_peran = tolakan or tolakan_perintah(nama)

    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(update: Update, context):
            lay = layanan(context)
            pengguna = pengguna_dari(update, lay)
            if pengguna is None:
                await tolak(update, context, BELUM_TERDAFTAR)
                return ConversationHandler.END
            if not pengguna.aktif:
                await tolak(update, context, DICABUT)
                return ConversationHandler.END
            chat = update.effective_chat
            if chat is not None and lay.menu_terpasang.get(chat.id) != pengguna.peran:
                await pasang_menu(context.bot, lay, chat.id, pengguna.peran)
            if not boleh(pengguna.peran, nama):
                await tolak(update, context, tolak_peran(pengguna.peran))
                return ConversationHandler.END
            return await fn(update, context, pengguna)
        return wrapper
    return deco
