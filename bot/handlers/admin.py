"""Admin: /undang (invite link), /pengguna (list), /cabut (revoke)."""

from __future__ import annotations


from telegram import Update

from sakip_rules.errors import UsageError
from sakip_rules.store import PERAN
from sakip_rules.store.users import BERLAKU_UNDANGAN_JAM, URAIAN_PERAN

from ..auth import nama_peran, pasang_menu, perintah
from ..layanan import layanan
from ..render import esc
from ..suntingan import tolak_suntingan_admin


def cara_undang(contoh_desa: str) -> str:
    return ("Tulis: <code>/undang PERAN [DESA]</code>. Peran:\n"
            + "\n".join(f"<code>{p}</code> — {esc(URAIAN_PERAN.get(p, p))}" for p in PERAN)
            + "\nOperator desa memerlukan kode desanya, mis. "
            f"<code>/undang operator_desa {esc(contoh_desa)}</code>.")


@perintah("undang")
async def undang(update: Update, context, pengguna) -> None:
    if await tolak_suntingan_admin(update, context, "undang"):  # a second link, the first still valid
        return
    lay = layanan(context)
    chat_id = update.effective_chat.id
    args = context.args
    if not args:
        await lay.pengirim.teks(context.bot, chat_id, cara_undang(lay.contoh_desa(pengguna)))
        return
    peran = args[0].lower()
    desa = " ".join(args[1:]) or None
    token = lay.store.buat_undangan(pengguna, peran, desa=desa)
    tautan = f"https://t.me/{context.bot.username}?start={token}"
    await lay.pengirim.teks(
        context.bot, chat_id,
        f"Tautan undangan untuk <b>{esc(nama_peran(peran))}</b>"
        + (f" desa {esc(desa)}" if desa else "") + f" (sekali pakai, berlaku {BERLAKU_UNDANGAN_JAM} jam):\n"
        f"{esc(tautan)}\n\nKirimkan tautan ini hanya kepada orang yang bersangkutan. "
        f"Bila tautan tidak dapat dibuka, minta ia mengetik <code>/start {esc(token)}</code> di bot ini.")


@perintah("pengguna")
async def daftar(update: Update, context, pengguna) -> None:
    lay = layanan(context)
    semua = lay.store.daftar_pengguna(pengguna)
    if not semua:
        teks = "Belum ada pengguna."
    else:
        baris = ["<b>Pengguna</b> (cabut dengan /cabut ID)"]
        for p in semua:
            ket = nama_peran(p.peran) + (f" desa {p.desa}" if p.desa else "")
            tg = "Telegram ✓" if p.telegram_id else "tanpa Telegram"
            aktif = "" if p.aktif else " — DICABUT"
            baris.append(f"#{p.id} {esc(p.nama)} — {esc(ket)} — {tg}{aktif}")
        teks = "\n".join(baris)
    await lay.pengirim.teks(context.bot, update.effective_chat.id, teks)


@perintah("cabut")
async def cabut(update: Update, context, pengguna) -> None:
    if await tolak_suntingan_admin(update, context, "cabut"):  # /cabut 7 edited to 8 would revoke both
        return
    lay = layanan(context)
    args = context.args
    if len(args) != 1 or not args[0].lstrip("#").isdecimal():  # isdigit() also takes '²', which int() refuses
        raise UsageError("tulis nomor pengguna yang dicabut, mis. /cabut 7 (lihat /pengguna)")
    dicabut = lay.store.cabut_pengguna(pengguna, int(args[0].lstrip("#")))
    if dicabut.telegram_id:
        await pasang_menu(context.bot, lay, dicabut.telegram_id, None)
    await lay.pengirim.teks(context.bot, update.effective_chat.id,
                            f"Akses {esc(dicabut.nama)} ({esc(nama_peran(dicabut.peran))}) "
                            "telah dicabut. Kirimannya tetap tersimpan di riwayat.")
