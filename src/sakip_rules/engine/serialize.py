"""Results as plain dictionaries (for --json, the bot and tests). Decimals stay Decimal here."""

from __future__ import annotations

from typing import Any

from .anggaran import TabelAnggaran, TabelEfisiensi
from .capaian import Golongan, HasilCapaian, HasilIndikator


def golongan(g: Golongan | None) -> dict | None:
    if g is None or g.baris is None:
        return None
    return {"skala": g.skala.id, "label": g.baris.label, "kode": g.baris.kode, "rentang": str(g.baris.rentang),
            "baris": g.indeks + 1}


def indikator(h: HasilIndikator) -> dict[str, Any]:
    return {
        "indikator": h.rule.id, "nama": h.rule.nama, "sasaran": h.rule.sasaran, "satuan": h.rule.satuan,
        "polaritas": h.rule.polaritas, "target": h.target, "sumber_target": h.sumber_target,
        "realisasi": h.nilai_realisasi, "capaian": h.nilai_capaian, "kategori": golongan(h.kategori),
        "tambahan": [golongan(g) for g in h.tambahan], "keterangan_data": h.data.keterangan,
        "catatan": h.catatan,
    }


def capaian(hasil: HasilCapaian) -> dict[str, Any]:
    return {
        "kecamatan": hasil.kecamatan, "tahun": hasil.tahun,
        "indikator": [indikator(h) for h in hasil.indikator],
        "rata_rata_capaian": hasil.rata_rata.nilai if hasil.rata_rata else None,
        "kategori_rata_rata": golongan(hasil.kategori),
        "dikeluarkan_dari_rata_rata": [{"indikator": n, "alasan": a} for n, a in hasil.dikeluarkan],
        "sidik_jari_aturan": hasil.fingerprint,
    }


def anggaran(t: TabelAnggaran, fingerprint: str) -> dict[str, Any]:
    def row(b):
        return {"tingkat": b.tingkat, "kode": b.kode, "nama": b.nama, "anggaran": b.anggaran,
                "realisasi": b.realisasi, "persen": b.persen.nilai if b.persen else None}
    return {"tahun": t.tahun, "baris": [row(b) for b in t.baris], "total": row(t.total),
            "belum_dilaporkan": t.belum_dilaporkan, "sidik_jari_aturan": fingerprint}


def efisiensi(t: TabelEfisiensi, fingerprint: str) -> dict[str, Any]:
    return {"tahun": t.tahun, "baris": [
        {"indikator": r.indikator, "nama": r.nama, "capaian": r.capaian, "anggaran": r.anggaran,
         "realisasi": r.realisasi, "persen_anggaran": r.persen_anggaran.nilai if r.persen_anggaran else None,
         "efisiensi": r.efisiensi.nilai if r.efisiensi else None, "sub_kegiatan": r.sub_kegiatan,
         "catatan": r.catatan} for r in t.baris],
        "rata_rata": t.rata_rata.nilai if t.rata_rata else None,
        "dikeluarkan": [{"nama": n, "alasan": a} for n, a in t.dikeluarkan],
        "sidik_jari_aturan": fingerprint}
