"""Options every command shares (--rules, --data) and how they resolve to a rule set and a dataset."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from ..angka import parse_tahun as tahun  # noqa: F401  (argparse type of every year argument)
from ..data.model import Dataset
from ..errors import UsageError
from ..rules.loader import load_rules
from ..rules.model import RuleSet
from ..rules.paths import default_rules_dir


def add_common(p: argparse.ArgumentParser, data: bool = True) -> None:
    p.add_argument("--rules", metavar="DIR", type=Path, default=None,
                   help="folder aturan (bawaan: rules/ proyek, atau $SAKIP_RULES)")
    if data:
        p.add_argument("--data", metavar="DIR", type=Path, default=None,
                       help="baca langsung folder data ini (tanpa basis data)")
        add_db(p)
        p.add_argument("--per", metavar="TANGGAL", type=per_waktu, default=None,
                       help="hitung dengan data sebagaimana tercatat pada tanggal itu "
                            "(YYYY-MM-DD = akhir hari itu, atau YYYY-MM-DDTHH:MM)")


def add_db(p: argparse.ArgumentParser, *, kecamatan: bool = True) -> None:
    """--db and (unless the command is about the whole database) --kecamatan: which database
    and which kecamatan in it."""
    p.add_argument("--db", metavar="URL", default=None,
                   help="basis data (bawaan: $SAKIP_DB, atau berkas SQLite di folder data pengguna)")
    if kecamatan:
        p.add_argument("--kecamatan", metavar="KODE", default=None,
                       help="kode kecamatan di basis data (bawaan: satu-satunya kecamatan)")


_TANGGAL = re.compile(r"\d{4}-\d{2}-\d{2}")
_WAKTU = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")  # seconds and a UTC offset may follow


def per_waktu(text: str) -> dt.date | dt.datetime:
    """``2024-12-31`` (a date: the end of that day) or ``2024-12-31T17:00`` / ``2024-12-31 17:00``;
    nothing else (Python would also read ``20241231`` or ``2024-W52``, at the day's start)."""
    t = text.strip()
    try:
        if _TANGGAL.fullmatch(t):
            return dt.date.fromisoformat(t)
        if _WAKTU.fullmatch(t):
            return dt.datetime.fromisoformat(t.replace(" ", "T", 1))
    except ValueError:
        pass
    raise UsageError(f"tanggal '{text}' tidak dikenali; tulis YYYY-MM-DD (mis. 2024-12-31) "
                     "atau YYYY-MM-DDTHH:MM")


def rules_of(args) -> RuleSet:
    folder = args.rules or default_rules_dir()
    if not Path(folder).is_dir():
        raise UsageError(f"folder aturan '{folder}' tidak ada")
    return load_rules(folder)


def dataset_of(args, rules: RuleSet) -> Dataset:
    """``--data DIR``: that folder, read directly (its IKM surveys checked against ``rules``, the
    set the command evaluates with). Otherwise the database (``--db``, $SAKIP_DB or
    the default SQLite file, created and seeded on first use), as of ``--per`` if given."""
    folder = getattr(args, "data", None)
    if folder is not None:
        from ..data.folder import load_folder

        if getattr(args, "per", None) is not None:
            raise UsageError("--per hanya berlaku untuk basis data, bukan untuk --data (folder tidak punya riwayat)")
        if not Path(folder).is_dir():
            raise UsageError(f"folder data '{folder}' tidak ada")
        return load_folder(folder, rules)
    from ..store import Store

    with Store.buka(getattr(args, "db", None)) as store:
        kode = store.kecamatan_tunggal(getattr(args, "kecamatan", None))
        return store.dataset(kode, per=getattr(args, "per", None))
