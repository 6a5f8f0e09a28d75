#!/bin/sh
# Back up the SAKIP database named by $SAKIP_DB (or the first argument).
#   SQLite:     an online, consistent copy (SQLite backup API; safe while the bot runs),
#               checked with PRAGMA integrity_check.
#   PostgreSQL: pg_dump in custom format (restore with restore.sh / pg_restore).
# Writes to $SAKIP_CADANGAN (default /var/backups/sakip) and keeps the newest
# $SAKIP_SIMPAN_CADANGAN backups (default 14). Prints the backup file's path.
#
#   deploy/backup.sh                      # uses $SAKIP_DB
#   deploy/backup.sh sqlite:////var/lib/sakip/sakip.sqlite3
# Daily with cron:  15 1 * * *  sakip  . /etc/sakip/sakip.env; /opt/sakip-rules/deploy/backup.sh
set -eu

URL="${1:-${SAKIP_DB:-}}"
if [ -z "$URL" ]; then
    echo "backup.sh: alamat basis data kosong; isi SAKIP_DB atau beri sebagai argumen" >&2
    exit 2
fi
FOLDER="${SAKIP_CADANGAN:-/var/backups/sakip}"
SIMPAN="${SAKIP_SIMPAN_CADANGAN:-14}"
PYTHON="${PYTHON:-python3}"
STEMPEL="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$FOLDER"
umask 077

# A new file name in $FOLDER for this run: a second backup within the same second gets -2, -3 ...
# so that it never replaces the first (salin_sqlite.py refuses an existing target).
nama_baru() {
    hasil="$FOLDER/sakip-$STEMPEL.$1"
    n=1
    while [ -e "$hasil" ]; do
        n=$((n + 1))
        hasil="$FOLDER/sakip-$STEMPEL-$n.$1"
    done
    printf '%s' "$hasil"
}

case "$URL" in
    sqlite:///*|/*|./*)
        BERKAS="${URL#sqlite:///}"
        if [ ! -f "$BERKAS" ]; then
            echo "backup.sh: berkas SQLite '$BERKAS' tidak ada" >&2
            exit 2
        fi
        HASIL="$(nama_baru sqlite3)"
        "$PYTHON" "$(dirname "$0")/salin_sqlite.py" salin "$BERKAS" "$HASIL"
        POLA="sakip-*.sqlite3"
        ;;
    postgres://*|postgresql://*|postgresql+psycopg://*)
        HASIL="$(nama_baru dump)"
        pg_dump --format=custom --no-owner --file "$HASIL" "$(printf '%s' "$URL" | sed 's|^postgresql+psycopg://|postgresql://|')"
        POLA="sakip-*.dump"
        ;;
    *)
        echo "backup.sh: alamat '$URL' tidak didukung (sqlite:///BERKAS atau postgresql://...)" >&2
        exit 2
        ;;
esac

# keep the newest $SIMPAN backups of this kind
ls -1t "$FOLDER"/$POLA 2>/dev/null | tail -n +"$((SIMPAN + 1))" | while IFS= read -r lama; do
    rm -f -- "$lama"
done
echo "$HASIL"
