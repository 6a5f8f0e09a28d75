"""`sakip impor {laba,ikm,folder}`: import a recap, survey answers or a data folder, all or nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..context import tahun
from ._basisdata import add_store_args, buka, pelaku, perintah_tulis, pesan_kiriman
from ...angka import parse_semester as semester


def register(sub) -> None:
    p = sub.add_parser("impor", help="impor rekap keuntungan BUMDes, jawaban survei IKM, atau folder data")
    jenis = p.add_subparsers(dest="jenis", metavar="JENIS", required=True, parser_class=type(p))

    q = jenis.add_parser("laba", help="rekap keuntungan BUMDes (tata letak Gambar 3.6), .csv atau .xlsx")
    q.add_argument("berkas", type=Path)
    q.add_argument("--tahun", type=tahun, required=True, help="tahun rekap, mis. 2024")
    add_store_args(q)
    perintah_tulis(q, run_laba)

    q = jenis.add_parser("ikm", help="jawaban survei IKM, satu baris per responden, kolom U1…U9")
    q.add_argument("berkas", type=Path)
    q.add_argument("--tahun", type=tahun, required=True)
    q.add_argument("--semester", type=semester, required=True)
    add_store_args(q)
    perintah_tulis(q, run_ikm)

    q = jenis.add_parser("folder", help="folder data (organisasi, Renstra, PK, DPA, realisasi); berversi")
    q.add_argument("folder", type=Path)
    add_store_args(q)
    perintah_tulis(q, run_folder)


def ringkas(hasil) -> str:
    n = Counter(k.status for k in hasil)
    return f"{len(hasil)} nilai: {n['baru']} baru, {n['koreksi']} koreksi, {n['sama']} sama"


def _cetak_koreksi(store, kode, hasil) -> None:
    for k in hasil:
        if k.status == "koreksi":
            print("  " + pesan_kiriman(store, kode, k))


def run_laba(args) -> int:
    with buka(args) as store:
        oleh = pelaku(store, args)
        hasil = store.impor_rekap_laba(oleh, args.berkas, args.tahun, saluran="impor")
        print(f"Impor {args.berkas.name} (tahun {args.tahun}) selesai: {ringkas(hasil)}.")
        _cetak_koreksi(store, oleh.kecamatan, hasil)
    return 0


def run_ikm(args) -> int:
    with buka(args) as store:
        oleh = pelaku(store, args)
        k = store.impor_jawaban_ikm(oleh, args.berkas, args.tahun, args.semester, saluran="impor")
        print(f"Impor {args.berkas.name}: " + pesan_kiriman(store, oleh.kecamatan, k))
    return 0


def run_folder(args) -> int:
    # the folder is the data: an empty database is not first filled with the default folder
    with buka(args, seed=False) as store:
        oleh = pelaku(store, args) if getattr(args, "sebagai", None) else None
        h = store.impor_folder(oleh, args.folder, saluran="impor", kecamatan=args.kecamatan)
        print(f"Impor folder {args.folder}: {h.dokumen} dokumen rencana baru/berubah; "
              f"realisasi {ringkas(h.kiriman)}.")
        _cetak_koreksi(store, h.kecamatan, h.kiriman)
        _cetak_dilewati(store, h.kecamatan, h.dilewati)
    return 0


def _cetak_dilewati(store, kode, dilewati) -> None:
    if not dilewati:
        return
    print(f"  dilewati: {len(dilewati)} nilai yang sudah dikirim/dikoreksi/ditarik orang setelah impor folder; "
          "nilai itu tetap (ubah dengan `sakip lapor` atau `sakip tarik` bila perlu):")
    for k in dilewati:
        nilai = "ditarik" if k.ditarik else k.nilai
        print(f"    {store.label_kunci(kode, k.kunci_nilai)}: tetap {nilai} (kiriman #{k.id}, "
              f"oleh {k.dicatat_oleh}, melalui {k.saluran})")
