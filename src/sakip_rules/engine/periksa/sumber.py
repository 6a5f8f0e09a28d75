"""The records one run of the checks can read: from a report transcript, the collected data, or an example."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

from ...data.model import Dataset
from ...errors import SakipError
from ...report.model import Baris, Laporan, Tabel, label_nilai, nilai_sel, satuan_sel, teks_sel
from ...rules.model import RuleSet
from ...rules.pemeriksaan import SUMBER_DATA, Sumber, label_data
from ..anggaran import realisasi_per_sub_kegiatan
from ..capaian import evaluasi_indikator_atau_alasan
from ..explain import jelaskan_indikator
from .rekaman import AsalNilai, Rekaman
from .tampil import tampil

class SumberJalan:
    """The records a check can read in one run: from a transcript and from the data."""

    def __init__(self, laporan: Laporan | None, data: dict[str, list[Rekaman]] | None,
                 data_alasan: dict[str, str] | None = None):
        self.laporan = laporan
        self.data = data or {}
        self.data_alasan = data_alasan or {}
        self.tabel: dict[str, list[Rekaman]] = {}
        self.ringkasan: dict[str, list[Rekaman]] = {}
        self.pernyataan: dict[str, list[Rekaman]] = {}
        if laporan is not None:
            self._dari_laporan(laporan)

    def _dari_laporan(self, lap: Laporan) -> None:
        for t in lap.tabel.values():
            body = [_rekaman_baris(t, b, lap.file) for b in t.baris]
            for r in body:
                r.isi_tabel = body
            summ = [_rekaman_baris(t, b, lap.file) for b in t.ringkasan]
            for r in summ:
                r.isi_tabel = body
            self.tabel[t.id] = body
            self.ringkasan[t.id] = summ
        fields: dict[str, list[str]] = {}
        for p in lap.pernyataan:
            names = fields.setdefault(p.jenis, [])
            names.extend(n for n in p.sel if n not in names)
        for p in lap.pernyataan:
            nilai: dict[str, Any] = {n: None for n in fields[p.jenis]}
            asal = {}
            for name, cell in p.sel.items():
                nilai[name] = nilai_sel(cell)
                line = cell.line if not isinstance(cell, list) else p.line
                asal[name] = _asal_sel(cell, p.tempat(name), line, lap.file, label_nilai(name))
            nilai.update({"tautan": dict(p.tautan), "jenis": p.jenis, "tempat": p.tempat_teks,
                          "kutipan": p.kutipan})
            ref = p.tautan.get("tabel")
            self.pernyataan.setdefault(p.jenis, []).append(
                Rekaman(nilai, asal, tempat=p.tempat_teks, line=p.line, file=lap.file,
                        isi_tabel=self.tabel.get(ref, []) if ref else [], sumber=f"pernyataan {p.jenis}",
                        urutan=p.nomor))

    def ambil(self, s: Sumber) -> list[Rekaman] | str:
        """The records of a source, or why there are none (a text)."""
        if s.jenis == "data":
            if s.nama in self.data:
                return self.data[s.nama]
            return self.data_alasan.get(s.nama, f"data '{s.nama}' tidak tersedia")
        if self.laporan is None:
            return "tidak ada berkas laporan"
        if s.jenis == "pernyataan":
            return self.pernyataan.get(s.nama, [])
        if s.nama not in self.tabel:
            mirip = difflib.get_close_matches(s.nama, list(self.tabel), n=2, cutoff=0.8)
            saran = f" (yang ada: {' dan '.join(mirip)})" if mirip else ""
            return f"laporan ({self.laporan.file}) tidak memuat {s.nama}{saran}"
        return self.tabel[s.nama] if s.jenis == "tabel" else self.ringkasan[s.nama]


def _asal_sel(cell, tempat: str, line: int | None, file: str, judul: str) -> AsalNilai:
    """Where a transcript cell's value was printed, with its unit for showing computed values alike."""
    satuan, kata = satuan_sel(cell)
    return AsalNilai(tempat, teks_sel(cell), line, file, satuan, kata, judul=judul)


def _rekaman_baris(t: Tabel, b: Baris, file: str) -> Rekaman:
    nilai: dict[str, Any] = {}
    asal = {}
    for k in t.kolom:
        cell = b.sel.get(k.id)
        nilai[k.id] = nilai_sel(cell)
        asal[k.id] = _asal_sel(cell, b.tempat(k), getattr(cell, "line", None) or b.line, file, k.judul)
    nilai.update({"tautan": dict(b.tautan), "label": b.label, "tabel": t.id, "nomor": Decimal(b.nomor)})
    sumber = f"{t.id} ringkasan" if b.ringkasan else t.id
    return Rekaman(nilai, asal, tempat=b.tempat(), line=b.line, file=file, sumber=sumber, urutan=b.nomor)


def _rekaman_data(nama: str, urutan: int, nilai: dict, tempat: str,
                  penjelasan: dict[str, tuple[str, ...]] | None = None) -> Rekaman:
    asal = {}
    for k, v in nilai.items():
        # identifiers (codes, names) and lists are not "values read": only numbers, flags and unknowns
        if isinstance(v, (list, dict, str)) and not (penjelasan and k in penjelasan):
            continue
        label = label_data(nama, k)
        asal[k] = AsalNilai(f"{tempat}: {label}", tampil(v), None, None, None, None,
                            (penjelasan or {}).get(k, ()), judul=label)
    return Rekaman(nilai, asal, tempat=tempat, sumber=f"data {SUMBER_DATA[nama].nama}", urutan=urutan,
                   sumber_data=nama)


def _bulanan(items: list[dict]) -> list[Rekaman]:
    return [Rekaman(dict(x)) for x in items]


def sumber_dari_dataset(rules: RuleSet, ds: Dataset, tahun: int) -> tuple[dict[str, list[Rekaman]], dict[str, str]]:
    """The data sources (``data <nama>``) of one year, and why any is missing."""
    data: dict[str, list[Rekaman]] = {}
    alasan: dict[str, str] = {}
    nama_desa = {d.kode: d.nama for d in ds.kecamatan.desa}
    status = ds.status_per_desa(tahun)
    data["desa"] = [_rekaman_data("desa", i, {"kode": d.kode, "nama": d.nama,
                                              "status": status[d.kode].status if d.kode in status else None,
                                              "idm": status[d.kode].idm if d.kode in status else None},
                                  f"data: desa {d.nama}, status {tahun}")
                    for i, d in enumerate(ds.kecamatan.desa, 1)]
    per_bulan = ds.laba_per_bulan(tahun)
    data["bumdes"] = []
    data["laba_bumdes"] = []
    for i, b in enumerate(ds.kecamatan.bumdes, 1):
        months = per_bulan.get(b.kode, {})
        bulanan = [{"bulan": Decimal(m), "laba": months[m]} for m in sorted(months)]
        tempat = f"data: BUMDes {b.nama} (desa {nama_desa.get(b.desa, b.desa)}), laba bulanan {tahun}"
        data["bumdes"].append(_rekaman_data("bumdes", i, {
            "kode": b.kode, "nama": b.nama, "desa": b.desa, "aktif": b.aktif,
            "bulanan": _bulanan(bulanan)}, tempat))
        for m in sorted(months):
            data["laba_bumdes"].append(_rekaman_data("laba_bumdes", len(data["laba_bumdes"]) + 1, {
                "bumdes": b.kode, "bulan": Decimal(m), "laba": months[m]},
                f"data: laba BUMDes {b.nama} bulan {m}/{tahun}"))
    data["indikator"] = []
    for i, ind in enumerate(rules.pengukuran.indikator, 1):
        rule = rules.indikator(ind)
        ren = ds.renstra.cari(ind)
        pk = ds.pk_berlaku(tahun)
        try:  # one indicator that cannot be computed keeps its reason as 'catatan'; the others stay
            h = evaluasi_indikator_atau_alasan(rules, ds, ind, tahun)
        except SakipError as exc:
            alasan["indikator"] = f"indikator {ind} tidak dapat dievaluasi: {exc.message}"
            data.pop("indikator", None)
            break
        penj = tuple(jelaskan_indikator(h, rules.fingerprint).splitlines())
        data["indikator"].append(_rekaman_data("indikator", i, {
            "indikator": ind, "nama": rule.nama, "satuan": rule.satuan, "polaritas": rule.polaritas,
            "baseline": ren.baseline if ren else None, "baseline_tahun": Decimal(ren.baseline_tahun) if ren else None,
            "target_renstra": ren.target.get(tahun) if ren else None,
            "target_pk": pk.target.get(ind) if pk else None, "target": h.target,
            "realisasi": h.nilai_realisasi, "capaian": h.nilai_capaian,
            "catatan": " ".join(h.catatan) or None},
            f"data: indikator {rule.nama} ({tahun})", {"realisasi": penj, "capaian": penj}))
    dpa = ds.dpa.get(tahun)
    if dpa is None:
        why = f"DPA tahun {tahun} belum ada dalam data"
        for n in ("program", "kegiatan", "sub_kegiatan"):
            alasan[n] = why
    else:
        real = realisasi_per_sub_kegiatan(ds, tahun)
        pk = ds.pk_berlaku(tahun)
        data["program"] = [_rekaman_data("program", i, {
            "kode": p.kode, "nama": p.nama,
            "anggaran_pk": pk.anggaran_program.get(p.kode) if pk else None},
            f"data: program {p.nama} ({tahun})") for i, p in enumerate(dpa.program, 1)]
        data["kegiatan"] = [_rekaman_data("kegiatan", i, {"kode": k.kode, "nama": k.nama, "program": k.program},
                                          f"data: kegiatan {k.nama} ({tahun})") for i, k in enumerate(dpa.kegiatan, 1)]
        data["sub_kegiatan"] = [_rekaman_data("sub_kegiatan", i, {
            "kode": s.kode, "nama": s.nama, "program": s.program, "kegiatan": s.kegiatan, "anggaran": s.anggaran,
            "realisasi": real.get(s.kode), "mendukung": list(s.mendukung)},
            f"data: sub kegiatan {s.nama} ({tahun})") for i, s in enumerate(dpa.sub_kegiatan, 1)]
    return data, alasan


def sumber_dari_contoh(data: dict[str, list[dict]] | None) -> dict[str, list[Rekaman]]:
    out = {}
    for nama, rows in (data or {}).items():
        recs = []
        for i, r in enumerate(rows, 1):
            r = dict(r)
            if nama == "bumdes" and "bulanan" in r:
                r["bulanan"] = _bulanan(r["bulanan"])
            label = r.get("nama") or r.get("kode") or r.get("indikator") or r.get("bumdes") or f"ke-{i}"
            recs.append(_rekaman_data(nama, i, r, f"data: {SUMBER_DATA[nama].nama} {label}"))
        out[nama] = recs
    return out


def rekaman_laporan(laporan: Laporan | None, kecamatan: str | None, tahun: int | None) -> Rekaman:
    """The record formulas see as ``laporan`` (kecamatan, tahun, judul)."""
    if laporan is not None:
        return Rekaman({"kecamatan": laporan.kecamatan, "tahun": Decimal(laporan.tahun) if laporan.tahun else None,
                        "judul": laporan.judul}, tempat=laporan.file)
    return Rekaman({"kecamatan": kecamatan, "tahun": Decimal(tahun) if tahun else None, "judul": None},
                   tempat="data")

