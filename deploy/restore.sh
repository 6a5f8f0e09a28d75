#!/bin/sh
# Restore a SAKIP database from a backup made by backup.sh. STOP THE BOT FIRST
# (systemctl stop sakip-bot / podman compose stop bot): a restore replaces everything.
#   deploy/restore.sh BACKUP [URL]        # URL defaults to $SAKIP_DB
#   SQLite:     the backup is checked; the current database is kept as FILE.sebelum-pemulihan-<time>,
#               a complete copy made by salin_sqlite.py as backup.sh does (so values
#               committed but still in FILE-wal are in it); then FILE, FILE-wal and FILE-shm are
#               removed and the backup copied in their place. A database too damaged to copy is
#               moved aside as it is (FILE.sebelum-pemulihan-<time>, with its -wal and -shm).
#   PostgreSQL: pg_restore --clean --if-exists into the database of URL.
# Afterwards the schema is brought up to date with `sakip db upgrade` when sakip is on PATH.
set -eu

CADANGAN="${1:-}"
URL="${2:-${SAKIP_DB:-}}"
PYTHON="${PYTHON:-python3}"
if [ -z "$CADANGAN" ] || [ ! -f "$CADANGAN" ]; then
    echo "restore.sh: sebutkan berkas cadangan yang ada: restore.sh BERKAS [URL]" >&2
    exit 2
fi
if [ -z "$URL" ]; then
    echo "restore.sh: alamat basis data kosong; isi SAKIP_DB atau beri sebagai argumen kedua" >&2
    exit 2
fi

case "$URL" in
    sqlite:///*|/*|./*)
        BERKAS="${URL#sqlite:///}"
        SALIN="$(dirname "$0")/salin_sqlite.py"
        "$PYTHON" "$SALIN" periksa "$CADANGAN"
        if [ -f "$BERKAS" ]; then
            LAMA="$BERKAS.sebelum-pemulihan-$(date -u +%Y%m%dT%H%M%SZ)"
            # Not `mv`: in WAL mode committed values may still be in $BERKAS-wal only. The backup
            # API reads the database as SQLite sees it (file and WAL) into one complete file.
            # (umask 077: the copy holds everything the database holds, readable by its owner only)
            if ( umask 077 && "$PYTHON" "$SALIN" salin "$BERKAS" "$LAMA.sementara" ); then
                mv -- "$LAMA.sementara" "$LAMA"
                rm -f -- "$BERKAS" "$BERKAS-wal" "$BERKAS-shm"
            else
                # a damaged database, the usual reason to restore, cannot be copied: its files are
                # kept as they are, under the new name, for whoever wants to look at them
                rm -f -- "$LAMA.sementara"
                for AKHIRAN in "" -wal -shm; do
                    if [ -e "$BERKAS$AKHIRAN" ]; then mv -- "$BERKAS$AKHIRAN" "$LAMA$AKHIRAN"; fi
                done
                echo "restore.sh: basis data lama tidak dapat disalin utuh; berkasnya dipindah apa adanya" >&2
            fi
            echo "restore.sh: basis data lama disimpan sebagai $LAMA" >&2
        fi
        mkdir -p "$(dirname "$BERKAS")"
        cp -- "$CADANGAN" "$BERKAS"
        ;;
    postgres://*|postgresql://*|postgresql+psycopg://*)
        pg_restore --clean --if-exists --no-owner --exit-on-error \
            --dbname "$(printf '%s' "$URL" | sed 's|^postgresql+psycopg://|postgresql://|')" "$CADANGAN"
        ;;
    *)
        echo "restore.sh: alamat '$URL' tidak didukung (sqlite:///BERKAS atau postgresql://...)" >&2
        exit 2
        ;;
esac

if command -v sakip >/dev/null 2>&1; then
    sakip db upgrade --db "$URL" >&2
fi
echo "restore.sh: selesai; jalankan lagi bot-nya." >&2
