"""Where the database is, which clock and time zone it uses, and the plausibility limits.

* Database URL: ``--db`` flag, else ``$SAKIP_DB``, else a SQLite file in the user's data
  directory (``platformdirs.user_data_dir("sakip-rules")/sakip.sqlite3``).
  ``postgresql://`` and ``postgres://`` URLs are given the psycopg 3 driver; a bare path
  means a SQLite file.
* Time zone for people (``--per 2024-12-31`` means the end of that day, and times in
  explanations): ``$SAKIP_ZONA_WAKTU`` = WIB, WITA (default; Loksado is in Kalimantan
  Selatan) or WIT. Indonesia has no daylight saving time, so fixed offsets are exact.
  Everything is *stored* in UTC.
* Plausibility limits (``batas_wajar.json`` next to this file, or the file named by
  ``$SAKIP_BATAS``): amounts above them are refused with the limit named in the message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..angka import masalah_angka, ringkas
from ..errors import UsageError

APP = "sakip-rules"
ENV_DB = "SAKIP_DB"
ENV_ZONA = "SAKIP_ZONA_WAKTU"
ENV_BATAS = "SAKIP_BATAS"
NAMA_BERKAS_DB = "sakip.sqlite3"

ZONA = {"WIB": 7, "WITA": 8, "WIT": 9}


def berkas_db_bawaan() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / NAMA_BERKAS_DB


def url_bawaan() -> str:
    return f"sqlite:///{berkas_db_bawaan()}"


def url_db(url: str | None = None) -> str:
    """The database URL to use: the argument, else $SAKIP_DB, else the default SQLite file."""
    url = (url or os.environ.get(ENV_DB, "") or "").strip() or url_bawaan()
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    elif "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    if not (url.startswith("sqlite") or url.startswith("postgresql")):
        raise UsageError(f"alamat basis data '{url_tersamar(url)}' tidak didukung; "
                         "gunakan sqlite:///BERKAS atau postgresql://PENGGUNA@HOST/NAMA")
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except (ArgumentError, ValueError):  # e.g. a port that is not a number
        raise UsageError(f"alamat basis data '{url_tersamar(url)}' tidak dapat dibaca; "
                         "gunakan sqlite:///BERKAS atau postgresql://PENGGUNA:SANDI@HOST:PORT/NAMA") from None
    return url


def url_tersamar(url: str) -> str:
    """The URL with any password replaced by ***, for messages."""
    if "://" in url and "@" in url:
        skema, sisa = url.split("://", 1)
        kred, host = sisa.rsplit("@", 1)
        if ":" in kred:
            kred = kred.split(":", 1)[0] + ":***"
        return f"{skema}://{kred}@{host}"
    return url


def zona_waktu() -> dt.timezone:
    nama = os.environ.get(ENV_ZONA, "WITA").strip().upper() or "WITA"
    if nama not in ZONA:
        raise UsageError(f"{ENV_ZONA}='{nama}' tidak dikenal; pilih WIB, WITA atau WIT")
    return dt.timezone(dt.timedelta(hours=ZONA[nama]), nama)


def sekarang() -> dt.datetime:
    """Now, timezone-aware UTC."""
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Batas:
    laba_bulanan_maks: Decimal
    anggaran_melebihi_pagu: bool
    ikm_responden_maks: int
    sumber: str


def baca_batas(path: Path | str | None = None) -> Batas:
    """The plausibility limits, checked against batas_wajar.schema.json: real JSON booleans,
    finite non-negative amounts, positive whole counts; every problem names its key."""
    path = Path(path or os.environ.get(ENV_BATAS, "") or Path(__file__).with_name("batas_wajar.json"))
    raw = _baca_json(path)
    masalah = [f"[{e.key or 'seluruh berkas'}] {e.message}" for e in _periksa_skema(raw, path)]
    if masalah:
        raise UsageError(f"berkas batas kewajaran '{path}' tidak sah: " + "; ".join(masalah))
    maks = Decimal(str(raw["laba_bumdes"]["bulanan_maks"]))
    masalah_maks = masalah_angka(maks)  # a limit no stored amount could reach is no limit
    if masalah_maks:
        raise UsageError(f"berkas batas kewajaran '{path}' tidak sah: [laba_bumdes.bulanan_maks] "
                         f"angka {ringkas(str(maks))} {masalah_maks}")
    return Batas(laba_bulanan_maks=maks, anggaran_melebihi_pagu=raw["anggaran"]["boleh_melebihi_pagu"],
                 ikm_responden_maks=raw["ikm"]["responden_maks"], sumber=str(path))


def _baca_json(path: Path):
    try:
        teks = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"berkas batas kewajaran '{path}' tidak ada") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"berkas batas kewajaran '{path}' tidak dapat dibaca: {exc}") from None
    try:  # Decimal keeps amounts exact; NaN and Infinity stay text, which the schema refuses by key
        return json.loads(teks, parse_float=Decimal, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise UsageError(f"berkas batas kewajaran '{path}' bukan JSON yang sah: {exc.msg} "
                         f"(baris {exc.lineno}, kolom {exc.colno})") from None


def _periksa_skema(raw, path: Path):
    from ..schema import load_schema, validate
    from ..yamlio import Located

    return validate(Located(raw, {}, str(path)), load_schema(__package__, "batas_wajar.schema.json"))
