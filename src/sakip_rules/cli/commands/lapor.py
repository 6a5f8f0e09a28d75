"""`sakip lapor {laba,ikm,status-desa,anggaran}`: submit one value (kept with its history)."""

from __future__ import annotations

import re

from ...angka import parse_angka, parse_bulan
from ...angka import parse_semester as semester
from ...errors import UsageError
from ..context import tahun
from ._basisdata import add_store_args, buka, pelaku, perintah_tulis, pesan_kiriman


def _daftar_nilai(text: str | None, apa: str) -> list | None:
    """'3,61; 3,50; ...' -> Decimals (numbers separated by ';' or spaces, decimal comma)."""
    if text is None:
        return None
    bagian = [b for b in re.split(r"[;\s]+", text.strip()) if b]
    if not bagian:
        raise UsageError(f"{apa} kosong")
    return [parse_angka(b, "nilai") for b in bagian]


def register(sub) -> None:
    p = sub.add_parser("lapor", help="kirim satu nilai realisasi (disimpan dengan riwayatnya)")
    jenis = p.add_subparsers(dest="jenis", metavar="JENIS", required=True, parser_class=type(p))

    q = jenis.add_parser("laba", help="keuntungan bulanan satu BUMDes")
    q.add_argument("--bumdes", required=True, help="kode atau nama BUMDes, mis. sumber_rahmat")
    q.add_argument("--bulan", required=True, help="bulan laporan, mis. 2024-11 atau 'November 2024'")
    q.add_argument("--jumlah", required=True, help='keuntungan, mis. "Rp 734.400" (0 = tidak untung)')
    add_store_args(q)
    perintah_tulis(q, run_laba)

    q = jenis.add_parser("ikm", help="hasil survei kepuasan masyarakat satu semester")
    q.add_argument("--tahun", type=tahun, required=True)
    q.add_argument("--semester", type=semester, required=True, help="1 atau 2")
    q.add_argument("--nilai", help="nilai IKM akhir dalam rentang yang dinyatakan aturan IKM, mis. 90,43")
    q.add_argument("--jumlah-nrr", help="jumlah NRR seluruh unsur, mis. 32,590")
    q.add_argument("--nrr", help="NRR per unsur, dipisah titik koma: '3,61; 3,50; …'")
    q.add_argument("--jumlah-unsur", help="jumlah nilai per unsur, dipisah titik koma")
    q.add_argument("--terisi-unsur", help="banyak jawaban terisi per unsur, dipisah titik koma")
    q.add_argument("--responden", type=int, help="jumlah responden, bila diketahui")
    add_store_args(q)
    perintah_tulis(q, run_ikm)

    q = jenis.add_parser("status-desa", help="status IDM resmi satu desa untuk satu tahun")
    q.add_argument("--desa", required=True, help="kode atau nama desa")
    q.add_argument("--tahun", type=tahun, required=True)
    q.add_argument("--status", help="Mandiri, Maju, Berkembang, Tertinggal, Sangat Tertinggal")
    q.add_argument("--idm", help="skor IDM (0–1), mis. 0,7123; tanpa --status, status diturunkan dari skala")
    add_store_args(q)
    perintah_tulis(q, run_status)

    q = jenis.add_parser("anggaran", help="realisasi anggaran satu sub kegiatan per bulan (atau total setahun)")
    q.add_argument("--sub-kegiatan", required=True, help="kode atau nama sub kegiatan di DPA")
    waktu = q.add_mutually_exclusive_group(required=True)
    waktu.add_argument("--bulan", help="bulan realisasi, mis. 2024-11")
    waktu.add_argument("--tahun", type=tahun, help="total setahun (menggantikan jumlah bulanan)")
    q.add_argument("--jumlah", required=True, help='realisasi, mis. "Rp 8.000.000"')
    add_store_args(q)
    perintah_tulis(q, run_anggaran)


def _kirim(args, fungsi) -> int:
    with buka(args) as store:
        oleh = pelaku(store, args)
        k = fungsi(store, oleh)
        print(pesan_kiriman(store, oleh.kecamatan, k))
    return 0


def run_laba(args) -> int:
    th, bl = parse_bulan(args.bulan)
    jumlah = parse_angka(args.jumlah, "rupiah")
    return _kirim(args, lambda s, o: s.lapor_laba(o, args.bumdes, th, bl, jumlah, saluran="cli"))


def run_ikm(args) -> int:
    pilihan = {"nilai": args.nilai, "jumlah_nrr": args.jumlah_nrr, "nrr": args.nrr,
               "unsur": args.jumlah_unsur or args.terisi_unsur}
    diberi = [k for k, v in pilihan.items() if v]
    if len(diberi) != 1:
        raise UsageError("isi tepat satu tingkat data: --nilai, --jumlah-nrr, --nrr, atau --jumlah-unsur "
                         "bersama --terisi-unsur (jawaban per responden: `sakip impor ikm BERKAS`)")
    tingkat = diberi[0]
    kw = {}
    if tingkat == "nilai":
        kw["nilai"] = parse_angka(args.nilai, "nilai")
    elif tingkat == "jumlah_nrr":
        kw["jumlah_nrr"] = parse_angka(args.jumlah_nrr, "nilai")
    elif tingkat == "nrr":
        kw["nrr"] = _daftar_nilai(args.nrr, "--nrr")
    else:
        if not (args.jumlah_unsur and args.terisi_unsur):
            raise UsageError("tingkat unsur memerlukan --jumlah-unsur dan --terisi-unsur")
        kw["jumlah_unsur"] = _daftar_nilai(args.jumlah_unsur, "--jumlah-unsur")
        kw["terisi_unsur"] = _daftar_nilai(args.terisi_unsur, "--terisi-unsur")
    return _kirim(args, lambda s, o: s.lapor_ikm(o, args.tahun, args.semester, tingkat=tingkat,
                                                 responden=args.responden, saluran="cli", **kw))


def run_status(args) -> int:
    if not args.status and not args.idm:
        raise UsageError("isi --status atau --idm (atau keduanya)")
    idm = parse_angka(args.idm, "nilai") if args.idm else None
    return _kirim(args, lambda s, o: s.lapor_status_desa(o, args.desa, args.tahun, args.status, idm,
                                                         saluran="cli"))


def run_anggaran(args) -> int:
    if args.bulan:
        th, bl = parse_bulan(args.bulan)
    else:
        th, bl = args.tahun, None
    jumlah = parse_angka(args.jumlah, "rupiah")
    return _kirim(args, lambda s, o: s.lapor_anggaran(o, args.sub_kegiatan, th, bl, jumlah, saluran="cli"))
