"""/start (onboarding with an invite), /bantuan, and everything not understood. (/batal is
:func:`bot.handlers.laba.batal`, the same handler inside the /laba flow and outside it.)"""

from __future__ import annotations

from telegram import Update

from sakip_rules.errors import UsageError

from ..auth import BELUM_TERDAFTAR, DICABUT, nama_peran, pasang_menu, pengguna_dari, perintah_untuk
from ..layanan import layanan
from ..render import esc


def nama_lengkap(user) -> str:
    nama = " ".join(x for x in (user.first_name, user.last_name) if x).strip()
    return nama or (f"@{user.username}" if user.username else f"pengguna {user.id}")


def teks_bantuan(pengguna, contoh_desa: str) -> str:
    """The commands of the user's role with examples; ``{desa}`` in an example reads as
    ``contoh_desa`` (:meth:`bot.layanan.Layanan.contoh_desa`)."""
    baris = [f"<b>Perintah untuk {esc(nama_peran(pengguna.peran))}</b>"]
    for p in perintah_untuk(pengguna.peran):
        if p.nama == "start":
            continue
        baris.append(f"/{p.nama} — {esc(p.keterangan)}")
        for c in p.contoh:
            c = c.replace("{desa}", contoh_desa)
            baris.append(f"   contoh: <code>{esc(c)}</code>" if c.startswith("/") else f"   {esc(c)}")
    baris += ["", "Angka ditulis gaya Indonesia: titik untuk ribuan, koma untuk desimal "
              "(<code>734.400</code>, <code>90,43</code>). Bulan: <code>2024-11</code> atau "
              "<code>November 2024</code>."]
    return "\n".join(baris)


async def start(update: Update, context) -> None:
    lay = layanan(context)
    chat_id = update.effective_chat.id
    pengguna = pengguna_dari(update, lay)
    token = context.args[0] if context.args else None
    if pengguna is not None and pengguna.aktif:
        await pasang_menu(context.bot, lay, chat_id, pengguna.peran)
        teks = (f"Selamat datang kembali, {esc(pengguna.nama)}. Anda terdaftar sebagai "
                f"{esc(nama_peran(pengguna.peran))}"
                + (f" desa {esc(pengguna.desa)}" if pengguna.desa else "") + ".")
        if token:
            teks += "\nTautan undangan tidak dipakai karena Anda sudah terdaftar."
        await lay.pengirim.teks(context.bot, chat_id,
                                teks + "\n\n" + teks_bantuan(pengguna, lay.contoh_desa(pengguna)))
        return
    if token is None:
        await lay.pengirim.teks(context.bot, chat_id, esc(DICABUT if pengguna is not None else BELUM_TERDAFTAR))
        return
    try:
        pengguna = lay.store.pakai_undangan(token, update.effective_user.id, nama_lengkap(update.effective_user))
    except UsageError as exc:
        await lay.pengirim.teks(context.bot, chat_id,
                                f"Tautan undangan tidak dapat dipakai: {esc(exc.message)}\n"
                                "Minta tautan baru kepada admin kecamatan.")
        return
    await pasang_menu(context.bot, lay, chat_id, pengguna.peran)
    await lay.pengirim.teks(
        context.bot, chat_id,
        f"Selamat bergabung, {esc(pengguna.nama)}! Anda terdaftar sebagai "
        f"{esc(nama_peran(pengguna.peran))}"
        + (f" desa {esc(pengguna.desa)}" if pengguna.desa else "")
        + f" di Kecamatan {esc(pengguna.kecamatan)}.\n\n" + teks_bantuan(pengguna, lay.contoh_desa(pengguna)))


async def bantuan(update: Update, context) -> None:
    lay = layanan(context)
    pengguna = pengguna_dari(update, lay)
    chat_id = update.effective_chat.id
    if pengguna is None or not pengguna.aktif:
        await lay.pengirim.teks(context.bot, chat_id, esc(DICABUT if pengguna else BELUM_TERDAFTAR))
        return
    if lay.menu_terpasang.get(chat_id) != pengguna.peran:
        await pasang_menu(context.bot, lay, chat_id, pengguna.peran)
    await lay.pengirim.teks(context.bot, chat_id, teks_bantuan(pengguna, lay.contoh_desa(pengguna)))


async def tombol_lama(update: Update, context) -> None:
    """A button no handler recognises (e.g. from a message older than this version)."""
    lay = layanan(context)
    await lay.pengirim.jawab_tombol(update.callback_query, "Tombol ini sudah tidak berlaku. "
                                    "Ketik /bantuan untuk melihat perintah.", peringatan=True)


async def tak_dikenal(update: Update, context) -> None:
    lay = layanan(context)
    pengguna = pengguna_dari(update, lay)
    if pengguna is None or not pengguna.aktif:
        teks = DICABUT if pengguna else BELUM_TERDAFTAR
    else:
        teks = "Perintah itu tidak dikenal. Ketik /bantuan untuk melihat perintah Anda."
    await lay.pengirim.teks(context.bot, update.effective_chat.id, esc(teks))


async def pesan_lain(update: Update, context) -> None:
    """Text (or a photo, a sticker…) outside any guided flow, or an edit of such a message."""
    lay = layanan(context)
    pengguna = pengguna_dari(update, lay)
    if pengguna is None or not pengguna.aktif:
        teks = DICABUT if pengguna else BELUM_TERDAFTAR
    elif update.edited_message is not None:
        teks = ("Pesan yang diubah tidak mengubah data yang sudah tersimpan. Untuk membetulkan "
                "suatu nilai, laporkan lagi dengan perintahnya (mis. /laba); nilai lama tetap ada di /riwayat.")
    elif update.message is not None and update.message.photo:
        teks = ("Foto tidak dapat dibaca oleh bot ini. Untuk jawaban survei IKM kirim berkas "
                "CSV atau XLSX sebagai dokumen dengan keterangan /ikm TAHUN SEMESTER.")
    else:
        teks = ("Pesan ini tidak saya kenali. Jika Anda sedang mengisi laporan dan bot baru saja "
                "dimulai ulang, mulai lagi dengan perintahnya (mis. /laba). Ketik /bantuan untuk "
                "melihat perintah Anda.")
    if update.effective_chat is not None:
        await lay.pengirim.teks(context.bot, update.effective_chat.id, esc(teks))
