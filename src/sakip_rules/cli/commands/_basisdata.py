"""What the database commands share: opening the store, the acting user, messages."""

from __future__ import annotations

import argparse

from ...errors import UsageError
from ..context import add_db


def add_store_args(p: argparse.ArgumentParser, *, sebagai: bool = True) -> None:
    add_db(p)
    if sebagai:
        p.add_argument("--sebagai", metavar="NAMA", default=None,
                       help="bertindak sebagai pengguna terdaftar ini (bawaan: admin lokal, "
                            "dicatat dengan nama pengguna sistem operasi)")


def perintah_tulis(p: argparse.ArgumentParser, handler) -> None:
    """Register a command that stores: should it fail, the user is told nothing was stored
    (main reads ``akibat_gagal``; a reading command says nothing was computed)."""
    p.set_defaults(handler=handler, akibat_gagal="tidak ada yang disimpan")


def buka(args, *, seed: bool = True):
    from ...store import Store

    return Store.buka(getattr(args, "db", None), seed=seed)


def kecamatan(store, args) -> str:
    return store.kecamatan_tunggal(getattr(args, "kecamatan", None))


def pelaku(store, args):
    """The registered user named by --sebagai, or the local admin (OS user name)."""
    from ...store.service import nama_os
    from ...store.users import admin_lokal

    nama = getattr(args, "sebagai", None)
    if nama:
        p = store.pengguna_nama(nama)
        if p is None:
            raise UsageError(f"pengguna '{nama}' tidak terdaftar; lihat `sakip pengguna daftar`")
        if not p.aktif:
            raise UsageError(f"pengguna '{nama}' sudah dicabut aksesnya")
        if getattr(args, "kecamatan", None) and args.kecamatan != p.kecamatan:
            raise UsageError(f"pengguna '{nama}' terdaftar di kecamatan {p.kecamatan}, bukan {args.kecamatan}")
        return p
    return admin_lokal(nama_os(), kecamatan(store, args))


def pesan_kiriman(store, kode: str, k) -> str:
    if k.status == "sama":
        if k.ditarik:
            return f"Tidak ada perubahan: nilai ini sudah ditarik (kiriman #{k.id})"
        return f"Tidak ada perubahan: nilai sama dengan kiriman #{k.id}"
    if k.status == "ditarik":
        return (f"Ditarik: {store.label_kunci(kode, k.kunci_nilai)} (sebelumnya {k.nilai_lama}, kiriman "
                f"#{k.menggantikan}); penarikan tercatat sebagai kiriman #{k.id}, riwayat tetap menyimpan semuanya")
    if k.status == "koreksi":
        return (f"Koreksi tersimpan: {store.label_kunci(kode, k.kunci_nilai)}: {k.nilai_lama} → {k.nilai} "
                f"(kiriman #{k.id}, menggantikan #{k.menggantikan}; keduanya disimpan)")
    return f"Tersimpan: {store.label_kunci(kode, k.kunci_nilai)} = {k.nilai} (kiriman #{k.id})"
