"""SQLite copies for backup.sh and restore.sh: one complete file made with SQLite's backup API
(it reads the database as SQLite sees it, main file and WAL together, safe while the bot
runs), then checked with PRAGMA integrity_check. Standard library only.

    python3 salin_sqlite.py salin SUMBER TUJUAN    # copy SUMBER into the new file TUJUAN
    python3 salin_sqlite.py periksa BERKAS         # only check BERKAS (e.g. a backup to restore)

Exits non-zero with a message when the copy or the file is damaged.
"""

import sqlite3
import sys


def periksa(db: sqlite3.Connection) -> str:
    return db.execute("PRAGMA integrity_check").fetchone()[0]


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "salin":
        src = sqlite3.connect(f"file:{argv[1]}?mode=rw", uri=True)  # never creates a missing file
        dst = sqlite3.connect(argv[2])
        with dst:
            src.backup(dst)
        cek = periksa(dst)
        src.close()
        dst.close()
        return 0 if cek == "ok" else f"salinan {argv[1]} rusak: {cek}"
    if len(argv) == 2 and argv[0] == "periksa":
        db = sqlite3.connect(f"file:{argv[1]}?mode=ro", uri=True)
        cek = periksa(db)
        db.close()
        return 0 if cek == "ok" else f"berkas {argv[1]} rusak: {cek}"
    return "pemakaian: salin_sqlite.py salin SUMBER TUJUAN | salin_sqlite.py periksa BERKAS"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
