"""SQLite copies for backup.sh and restore.sh: one complete file made with SQLite's backup API
(it reads the database as SQLite sees it, main file and WAL together, safe while the bot
runs), then checked with PRAGMA integrity_check. Standard library only.

    python3 salin_sqlite.py salin SUMBER TUJUAN    # copy SUMBER into the new file TUJUAN
    python3 salin_sqlite.py periksa BERKAS         # only check BERKAS (e.g. a backup to restore)

Exits non-zero with a one-line Indonesian message when a file is missing, is no SQLite
database, or the copy or the file is damaged. TUJUAN must not exist: nothing is overwritten.
"""

import errno
import os
import sqlite3
import sys

# SQLite's own texts are English; its error names (SQLITE_NOTADB, SQLITE_IOERR_WRITE, ...) are
# stable, so the message is chosen by name (the longest matching prefix).
_ALASAN_SQLITE = {
    "SQLITE_NOTADB": "bukan basis data SQLite",
    "SQLITE_CORRUPT": "rusak (basis data SQLite yang tidak utuh)",
    "SQLITE_BUSY": "sedang dikunci proses lain; coba lagi sebentar lagi",
    "SQLITE_LOCKED": "sedang dikunci proses lain; coba lagi sebentar lagi",
    "SQLITE_CANTOPEN": "tidak dapat dibuka (folder tidak ada atau tanpa izin)",
    "SQLITE_READONLY": "tidak boleh ditulis (tanpa izin atau hanya-baca)",
    "SQLITE_PERM": "tanpa izin",
    "SQLITE_FULL": "ruang disk penuh",
    "SQLITE_IOERR": "gagal dibaca atau ditulis di disk",
}


class Gagal(Exception):
    """A refusal with its message for the operator; nothing was made."""


def _alasan(exc: Exception) -> str:
    if isinstance(exc, sqlite3.Error):
        nama = getattr(exc, "sqlite_errorname", "") or ""
        for awalan in sorted(_ALASAN_SQLITE, key=len, reverse=True):
            if nama.startswith(awalan):
                return _ALASAN_SQLITE[awalan]
        return f"kesalahan SQLite ({nama or exc})"
    kode = errno.errorcode.get(getattr(exc, "errno", None) or 0, "")
    return f"kesalahan sistem berkas ({kode or exc})"


def periksa(db: sqlite3.Connection) -> str:
    return db.execute("PRAGMA integrity_check").fetchone()[0]


def salin(sumber: str, tujuan: str) -> None:
    if not os.path.isfile(sumber):
        raise Gagal(f"berkas {sumber} tidak ada")
    if os.path.lexists(tujuan):
        raise Gagal(f"{tujuan} sudah ada dan tidak ditimpa; pilih nama baru")
    try:
        src = sqlite3.connect(f"file:{sumber}?mode=rw", uri=True)  # never creates a missing file
    except sqlite3.Error as exc:
        raise Gagal(f"berkas {sumber} {_alasan(exc)}") from None
    try:
        try:
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a non-database fails here
        except sqlite3.Error as exc:
            raise Gagal(f"berkas {sumber} {_alasan(exc)}") from None
        dibuat = False
        try:
            dst = sqlite3.connect(tujuan)
            dibuat = True
            try:
                with dst:
                    src.backup(dst)
                cek = periksa(dst)
            finally:
                dst.close()
        except (sqlite3.Error, OSError) as exc:
            if dibuat:  # the half-made copy is ours (TUJUAN did not exist): leave nothing behind
                try:
                    os.remove(tujuan)
                except OSError:
                    pass
            raise Gagal(f"tidak dapat menyalin {sumber} ke {tujuan}: {_alasan(exc)}") from None
    finally:
        src.close()
    if cek != "ok":
        os.remove(tujuan)  # a broken copy must not stand among the backups as if it were one
        raise Gagal(f"salinan {sumber} rusak: {cek}")


def periksa_berkas(berkas: str) -> None:
    if not os.path.isfile(berkas):
        raise Gagal(f"berkas {berkas} tidak ada")
    try:
        db = sqlite3.connect(f"file:{berkas}?mode=ro", uri=True)
        try:
            cek = periksa(db)
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise Gagal(f"berkas {berkas} {_alasan(exc)}") from None
    if cek != "ok":
        raise Gagal(f"berkas {berkas} rusak: {cek}")


def main(argv: list[str]) -> int:
    """0 when done; otherwise the message (sys.exit prints it to stderr and exits 1)."""
    try:
        if len(argv) == 3 and argv[0] == "salin":
            salin(argv[1], argv[2])
            return 0
        if len(argv) == 2 and argv[0] == "periksa":
            periksa_berkas(argv[1])
            return 0
    except Gagal as exc:
        return f"salin_sqlite.py: {exc}"
    except OSError as exc:  # e.g. a path the system refuses outright
        return f"salin_sqlite.py: {_alasan(exc)}"
    return "pemakaian: salin_sqlite.py salin SUMBER TUJUAN | salin_sqlite.py periksa BERKAS"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
