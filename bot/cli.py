"""`sakip bot`: run the Telegram bot (registered through the sakip_rules.commands entry point)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from sakip_rules.errors import UsageError

ENV_TOKEN = "SAKIP_BOT_TOKEN"
ENV_SECRET = "SAKIP_WEBHOOK_SECRET"
ENV_PERSISTENSI = "SAKIP_BOT_PERSISTENSI"
ENV_HARI = "SAKIP_HARI_PENGINGAT"


def register(sub) -> None:
    p = sub.add_parser("bot", help="jalankan bot Telegram (token dari $SAKIP_BOT_TOKEN)",
                       description="Menjalankan bot Telegram SAKIP. Token dibaca dari variabel lingkungan "
                                   f"{ENV_TOKEN}. Bawaan: long polling; --webhook URL untuk webhook.")
    p.add_argument("--webhook", metavar="URL",
                   help="pakai webhook pada alamat HTTPS publik ini (mis. https://bot.contoh.go.id/sakip); "
                        f"rahasia webhook dari ${ENV_SECRET}")
    p.add_argument("--listen", default="127.0.0.1", help="alamat server webhook lokal (bawaan 127.0.0.1)")
    p.add_argument("--port", type=int, default=8443, help="port server webhook lokal (bawaan 8443)")
    p.add_argument("--db", metavar="URL", default=None, help="basis data (bawaan: $SAKIP_DB atau SQLite lokal)")
    p.add_argument("--rules", metavar="DIR", type=Path, default=None, help="folder aturan (bawaan: rules/)")
    p.add_argument("--persistensi", metavar="BERKAS", type=Path, default=None,
                   help=f"berkas status isian berpemandu (bawaan: ${ENV_PERSISTENSI} atau folder state pengguna)")
    bawaan = _bawaan()
    p.add_argument("--hari-pengingat", type=int, default=None,
                   help=f"tanggal pengingat bulanan laba BUMDes, 1–28 (bawaan: ${ENV_HARI} atau "
                        f"{bawaan['hari_pengingat']})")
    p.add_argument("--jam-pengingat", default=None,
                   help=f"jam pengingat, waktu setempat (bawaan {bawaan['jam_pengingat']:%H:%M})")
    p.add_argument("--api-url", metavar="URL", default=None,
                   help="alamat Bot API server sendiri (bawaan: https://api.telegram.org)")
    p.set_defaults(handler=run)


def _bawaan() -> dict:
    """The bot's own defaults (:class:`bot.layanan.Konfigurasi`), for the help text only: an
    option not given is not passed, so the default is written in one place."""
    from dataclasses import fields

    from .layanan import Konfigurasi

    return {f.name: f.default for f in fields(Konfigurasi)}


def _jam(teks: str | None) -> dt.time | None:
    if teks is None:
        return None
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", teks.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise UsageError(f"jam pengingat '{teks}' tidak sah; tulis mis. 08:00")
    return dt.time(int(m.group(1)), int(m.group(2)))


def _persistensi(args) -> Path:
    if args.persistensi:
        return args.persistensi
    env = os.environ.get(ENV_PERSISTENSI, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("sakip-rules", appauthor=False)) / "bot-alur.pickle"


def _hari(args) -> int | None:
    """--hari-pengingat, else $SAKIP_HARI_PENGINGAT, else None (the Konfigurasi default)."""
    if args.hari_pengingat is not None:
        return args.hari_pengingat
    env = os.environ.get(ENV_HARI, "").strip()
    if not env:
        return None
    if not env.isdigit():
        raise UsageError(f"{ENV_HARI}='{env}' bukan tanggal 1–28")
    return int(env)


def run(args) -> int:
    token = os.environ.get(ENV_TOKEN, "").strip()
    if not token:
        raise UsageError(f"token bot belum diatur: isi variabel lingkungan {ENV_TOKEN} dengan token dari "
                         "@BotFather (lihat docs/bot.md, bagian \"Go live\").")
    if not re.fullmatch(r"\d+:[A-Za-z0-9_-]+", token):
        raise UsageError(f"{ENV_TOKEN} tidak berbentuk token bot Telegram (ANGKA:HURUF…); salin lagi dari @BotFather")
    secret = os.environ.get(ENV_SECRET, "").strip() or None
    if args.webhook:
        url = urlparse(args.webhook)
        if url.scheme != "https" or not url.netloc:
            raise UsageError(f"alamat webhook '{args.webhook}' harus https://HOST/JALUR")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise UsageError(f"{ENV_SECRET} hanya boleh berisi huruf, angka, _ dan - (1–256 karakter)")

    from telegram.error import InvalidToken, NetworkError

    from sakip_rules.store import Store

    from .app import JENIS_UPDATE, buat_aplikasi
    from .layanan import Konfigurasi

    if not os.environ.get("SAKIP_LOG"):
        logging.getLogger("bot").setLevel(logging.INFO)
    if os.environ.get("SAKIP_LOG", "").upper() != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per poll otherwise
    diberi = {"hari_pengingat": _hari(args), "jam_pengingat": _jam(args.jam_pengingat)}
    konf = Konfigurasi(rules_dir=args.rules, persistensi=_persistensi(args),
                       **{k: v for k, v in diberi.items() if v is not None})
    store = Store.buka(args.db, aturan=args.rules)  # the submissions are checked by the rules it computes with
    try:
        app = buat_aplikasi(store, token, konf, base_url=args.api_url)
        cara = f"webhook {args.webhook}" if args.webhook else "long polling"
        print(f"sakip bot: berjalan ({cara}); hentikan dengan Ctrl+C.", file=sys.stderr, flush=True)
        try:
            if args.webhook:
                app.run_webhook(listen=args.listen, port=args.port, url_path=urlparse(args.webhook).path.lstrip("/"),
                                webhook_url=args.webhook, secret_token=secret, allowed_updates=JENIS_UPDATE)
            else:
                app.run_polling(allowed_updates=JENIS_UPDATE)
        except InvalidToken:
            raise UsageError(f"Telegram menolak token di {ENV_TOKEN}; periksa lagi di @BotFather") from None
        except NetworkError as exc:
            raise UsageError(f"tidak dapat menghubungi Telegram: {exc.message}") from None
    finally:
        store.tutup()
    print("sakip bot: berhenti.", file=sys.stderr, flush=True)
    return 0
