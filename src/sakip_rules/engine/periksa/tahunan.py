"""`sakip periksa TAHUN`: run every report check (``rules/pemeriksaan/``) of one year on a transcript and the data.

Without a transcript only the checks that read nothing but data run (the bot uses this to warn
early); report checks are listed as skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...data.model import Dataset
from ...errors import DataError, ErrorList, SakipError, UsageError
from ...report.model import Laporan
from ...rules.model import RuleSet
from .jalan import URUTAN_TINGKAT, Temuan, daftar_pemeriksaan, jalankan, urut_temuan
from .sumber import SumberJalan, rekaman_laporan, sumber_dari_dataset


@dataclass
class HasilPeriksa:
    tahun: int
    kecamatan: str
    laporan: str | None  # transcript file, None for a data-only run
    temuan: list[Temuan]
    diperiksa: list[str]
    dilewati: list[tuple[str, str]]
    fingerprint: str
    tanpa_pemeriksaan: list[str] = field(default_factory=list)  # statement kinds no check reads
    tempat_diperiksa: dict[str, int] = field(default_factory=dict)  # check id -> places evaluated

    def jumlah(self, tingkat: str) -> int:
        return sum(1 for t in self.temuan if t.tingkat == tingkat)

    @property
    def ada_galat(self) -> bool:
        return any(t.tingkat == "galat" for t in self.temuan)

    def ke_dict(self) -> dict[str, Any]:
        return {"kecamatan": self.kecamatan, "tahun": self.tahun, "laporan": self.laporan,
                "ringkasan": {t: self.jumlah(t) for t in URUTAN_TINGKAT},
                "temuan": [t.ke_dict() for t in self.temuan],
                "pemeriksaan_dijalankan": self.diperiksa,
                "pemeriksaan_dilewati": [{"pemeriksaan": i, "alasan": a} for i, a in self.dilewati],
                "pernyataan_tanpa_pemeriksaan": self.tanpa_pemeriksaan,
                "tempat_diperiksa": self.tempat_diperiksa,
                "sidik_jari_aturan": self.fingerprint}


def _periksa_tautan(laporan: Laporan, rules: RuleSet, ds: Dataset, tahun: int) -> list[SakipError]:
    """Links of a transcript (tautan) must name things that exist in the rules and the data."""
    dpa = ds.dpa.get(tahun)
    known = {
        "indikator": set(rules.pengukuran.indikator),
        "program": {p.kode for p in dpa.program} if dpa else set(),
        "kegiatan": {k.kode for k in dpa.kegiatan} if dpa else set(),
        "sub_kegiatan": {s.kode for s in dpa.sub_kegiatan} if dpa else set(),
        "bumdes": {b.kode for b in ds.kecamatan.bumdes},
        "desa": {d.kode for d in ds.kecamatan.desa},
    }
    where = {"indikator": "set aturan", "program": f"DPA {tahun}", "kegiatan": f"DPA {tahun}",
             "sub_kegiatan": f"DPA {tahun}", "bumdes": "organisasi", "desa": "organisasi"}
    errors: list[SakipError] = []

    def check(tautan: dict, tempat: str, line):
        for jenis, kode in tautan.items():
            if jenis in known and kode is not None and kode not in known[jenis]:
                errors.append(DataError(f"{tempat}: tautan {jenis} '{kode}' tidak ada di {where[jenis]} "
                                        f"(yang ada: {', '.join(sorted(known[jenis])) or 'tidak ada'})",
                                        file=laporan.file, line=line))

    for t in laporan.tabel.values():
        for b in t.baris + t.ringkasan:
            check(b.tautan, b.tempat(), b.line)
    for p in laporan.pernyataan:
        check(p.tautan, p.tempat(), p.line)
    return errors


def periksa(rules: RuleSet, ds: Dataset, tahun: int, laporan: Laporan | None = None) -> HasilPeriksa:
    """Run every check of the rule set for one year; with a transcript, the report checks too."""
    checks = daftar_pemeriksaan(rules)  # load_rules refused any check naming an unknown rule or check
    ds.wajib_direncanakan(tahun)
    if laporan is not None:
        if laporan.tahun is not None and laporan.tahun != tahun:
            raise UsageError(f"{laporan.file} adalah laporan tahun {laporan.tahun}, bukan tahun {tahun}")
        if laporan.kecamatan and laporan.kecamatan.casefold() != ds.kecamatan.nama.casefold():
            raise UsageError(f"{laporan.file} adalah laporan Kecamatan {laporan.kecamatan}, sedangkan data "
                             f"({ds.sumber or 'folder data'}) milik Kecamatan {ds.kecamatan.nama}")
        bad = _periksa_tautan(laporan, rules, ds, tahun)
        if bad:
            raise ErrorList(bad)
    data, alasan = sumber_dari_dataset(rules, ds, tahun)
    sumber = SumberJalan(laporan, data, alasan)
    rec = rekaman_laporan(laporan, ds.kecamatan.nama, tahun)
    runnable = [c for c in checks if laporan is not None or not c.perlu_laporan]
    replaced = {r for c in runnable for r in c.menggantikan}
    temuan: list[Temuan] = []
    diperiksa, dilewati = [], []
    tempat: dict[str, int] = {}
    for i, c in enumerate(checks):
        if c not in runnable:
            dilewati.append((c.id, "memerlukan berkas laporan (--laporan)"))
            continue
        if c.id in replaced:
            by = ", ".join(o.id for o in runnable if c.id in o.menggantikan)
            dilewati.append((c.id, f"digantikan oleh {by}"))
            continue
        diperiksa.append(c.id)
        found, tempat[c.id] = jalankan(c, rules, sumber, tahun, rec, urutan_check=i)
        temuan.extend(found)
    tanpa = []
    if laporan is not None:
        read = {s.nama for c in checks for s in c.sumber if s.jenis == "pernyataan"}
        tanpa = sorted({p.jenis for p in laporan.pernyataan} - read)
    return HasilPeriksa(tahun, ds.kecamatan.nama, laporan.file if laporan else None, sorted(temuan, key=urut_temuan),
                        diperiksa, dilewati, rules.fingerprint, tanpa, tempat)
