"""`sakip periksa TAHUN`: run the report checks (``rules/pemeriksaan/``) on a transcript and the data.

Every check iterates over places (rows of the report's tables, text statements, items of the
collected data), evaluates its declared formulas and yields a finding (:class:`Temuan`) for every
item whose ``syarat`` does not hold: severity, place, the value as printed, the value computed,
the check's message and an explanation (the values read with their places, the trace of every
rule it called, as ``sakip jelaskan`` shows it, and the check's basis). A check that cannot be
evaluated for lack of data says so as its own finding; it never passes silently.

Without a transcript only the checks that read nothing but data run (the bot uses this to warn
early); report checks are listed as skipped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from ..data.model import Dataset
from ..errors import DataError, ErrorList, RuleError, SakipError, UsageError
from ..report.model import Baris, Laporan, Tabel, nilai_sel, satuan_sel, teks_sel
from ..rules.model import RuleSet
from ..rules.pemeriksaan import (KONTEKS, AsalNilai, ContohPemeriksaan, KonteksJalan, Pemeriksaan, Rekaman,
                                 Sumber, tampil)
from .anggaran import realisasi_per_sub_kegiatan
from .capaian import evaluasi_indikator
from .explain import fmt, jelaskan_golongan, jelaskan_hitung, jelaskan_indikator

URUTAN_TINGKAT = {"galat": 0, "peringatan": 1, "info": 2}
#: Severity of "tidak dapat diperiksa" findings: visible, but not a gate failure by itself.
TINGKAT_TIDAK_DAPAT = "peringatan"
BATAS_BACAAN = 12
BATAS_HITUNGAN = 4


@dataclass
class Temuan:
    """One finding of one check at one place."""

    tingkat: str
    pemeriksaan: str
    nama: str
    keluarga: str
    tempat: str
    dinyatakan: str | None
    dihitung: str | None
    pesan: str
    penjelasan: list[str]
    berkas: str | None = None
    baris: int | None = None
    nilai_dinyatakan: Any = None
    nilai_dihitung: Any = None
    tidak_dapat_diperiksa: bool = False
    urutan: tuple = ()

    def ke_dict(self) -> dict[str, Any]:
        return {"tingkat": self.tingkat, "pemeriksaan": self.pemeriksaan, "nama": self.nama,
                "keluarga": self.keluarga, "tempat": self.tempat, "dinyatakan": self.dinyatakan,
                "dihitung": self.dihitung, "nilai_dinyatakan": _polos(self.nilai_dinyatakan),
                "nilai_dihitung": _polos(self.nilai_dihitung), "pesan": self.pesan,
                "tidak_dapat_diperiksa": self.tidak_dapat_diperiksa, "berkas": self.berkas, "baris": self.baris,
                "penjelasan": self.penjelasan}


def _polos(value):
    if isinstance(value, (Decimal, str, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_polos(v) for v in value]
    return tampil(value)


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


# --------------------------------------------------------------------------- sources

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
                satuan, kata = satuan_sel(cell)
                line = cell.line if not isinstance(cell, list) else p.line
                asal[name] = AsalNilai(p.tempat(name), teks_sel(cell), line, lap.file, satuan, kata)
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


def _rekaman_baris(t: Tabel, b: Baris, file: str) -> Rekaman:
    nilai: dict[str, Any] = {}
    asal = {}
    for k in t.kolom:
        cell = b.sel.get(k.id)
        nilai[k.id] = nilai_sel(cell)
        satuan, kata = satuan_sel(cell)
        line = getattr(cell, "line", None) or b.line
        asal[k.id] = AsalNilai(b.tempat(k), teks_sel(cell), line, file, satuan, kata)
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
        asal[k] = AsalNilai(f"{tempat}: {k}", tampil(v), None, None, None, None,
                            (penjelasan or {}).get(k, ()))
    return Rekaman(nilai, asal, tempat=tempat, sumber=f"data {nama}", urutan=urutan)


def _bulanan(items: list[dict]) -> list[Rekaman]:
    return [Rekaman(dict(x)) for x in items]


def sumber_dari_dataset(rules: RuleSet, ds: Dataset, tahun: int) -> tuple[dict[str, list[Rekaman]], dict[str, str]]:
    """The data sources (``data <nama>``) of one year, and why any is missing."""
    data: dict[str, list[Rekaman]] = {}
    alasan: dict[str, str] = {}
    nama_desa = {d.kode: d.nama for d in ds.kecamatan.desa}
    data["desa"] = [_rekaman_data("desa", i, {"kode": d.kode, "nama": d.nama}, f"data: desa {d.nama}")
                    for i, d in enumerate(ds.kecamatan.desa, 1)]
    per_bulan: dict[str, dict[int, Decimal]] = {}
    for r in ds.laba_bumdes:
        if r.tahun == tahun:
            per_bulan.setdefault(r.bumdes, {})[r.bulan] = r.jumlah  # later rows supersede
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
        try:
            h = evaluasi_indikator(rules, ds, ind, tahun)
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
            recs.append(_rekaman_data(nama, i, r, f"data: {nama} {label}"))
        out[nama] = recs
    return out


# --------------------------------------------------------------------------- running one check

def _tampil_hitung(value, asal: AsalNilai | None) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Decimal):
        text = fmt(value)
        if asal is not None and asal.satuan == "persen":
            return text + "%"
        if asal is not None and asal.satuan == "rupiah":
            return "Rp " + text
        if asal is not None and asal.kata:
            return f"{text} {asal.kata}"
        return text
    return tampil(value)


def _dasar(check: Pemeriksaan) -> list[str]:
    return [f"  {d.uraian_singkat()}" for d in check.dasar]


def _penjelasan(check: Pemeriksaan, env: dict, k: KonteksJalan, stated: AsalNilai | None,
                stated_value=None, computed=None) -> list[str]:
    lines = [f"Pemeriksaan {check.id} ({check.file}): {check.deskripsi}"]
    exp = stated_value.as_tuple().exponent if isinstance(stated_value, Decimal) else None
    places = max(0, -exp) if isinstance(exp, int) else None
    if (places is not None and places <= 6 and isinstance(computed, Decimal) and computed.is_finite()
            and stated is not None):
        with localcontext() as ctx:
            ctx.prec = 60
            rounded = computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if rounded != computed:
            lines.append(f"Pada presisi tercetak ({places} desimal) nilai pembanding {fmt(computed)} menjadi "
                         f"{fmt(rounded)}; yang dinyatakan {fmt(stated_value)}.")
    if check.parameter:
        lines.append("Parameter pemeriksaan:")
        for p in check.parameter.values():
            lines.append(f"  {p.nama} = {tampil(env.get(p.nama, p.nilai))} — {p.deskripsi}")
    shown = [(name, env[name]) for name, _ in check.nilai if name in env]
    if shown:
        lines.append("Nilai antara:")
        lines.extend(f"  {name} = {tampil(v)}" for name, v in shown)
    seen, reads, extra = set(), [], []
    for a in k.bacaan:
        if stated is not None and a.tempat == stated.tempat:
            continue
        if a.tempat in seen:
            continue
        seen.add(a.tempat)
        reads.append(a)
    if reads:
        lines.append("Nilai yang dibaca:")
        for a in reads[:BATAS_BACAAN]:
            lines.append(f"  {a.tempat}: {a.teks if a.teks is not None else '(kosong)'}")
            if a.penjelasan and a.penjelasan not in extra:
                extra.append(a.penjelasan)
        if len(reads) > BATAS_BACAAN:
            lines.append(f"  … dan {len(reads) - BATAS_BACAAN} nilai lain")
    for block in extra[:2]:
        lines.append("Penjelasan data:")
        lines.extend("  " + line if line else "" for line in block)
    done = []
    for h in k.hitungan:
        key = (h.rule.id, str(h.nilai), tuple(sorted((n, str(v)) for n, v in h.masukan.items())))
        if key in done:
            continue
        done.append(key)
        if len(done) > BATAS_HITUNGAN:
            continue
        lines.append(f"Menurut aturan {h.rule.id} ({h.rule.file}):")
        lines.extend(jelaskan_hitung(h, "  "))
    if len(done) > BATAS_HITUNGAN:
        lines.append(f"… dan {len(done) - BATAS_HITUNGAN} perhitungan lain menurut aturan yang sama")
    gseen = []
    for g in k.golongan:
        key = (g.skala.id, str(g.nilai))
        if key not in gseen:
            gseen.append(key)
            lines.extend(jelaskan_golongan(g, "Kategori"))
    lines.append("Dasar pemeriksaan:")
    lines.extend(_dasar(check))
    return lines


def _temuan_tidak_dapat(check: Pemeriksaan, tempat: str, alasan: str, penjelasan: list[str],
                        berkas=None, baris=None, urutan=()) -> Temuan:
    return Temuan(TINGKAT_TIDAK_DAPAT, check.id, check.nama, check.keluarga, tempat, None, None,
                  f"tidak dapat diperiksa: {alasan}", penjelasan, berkas, baris, tidak_dapat_diperiksa=True,
                  urutan=urutan)


def _satu_butir(check: Pemeriksaan, rules: RuleSet, env_base: dict, item: Rekaman, kolom: str | None,
                urutan: tuple, hitung_tempat: list | None = None) -> Temuan | None:
    env = dict(env_base)
    env[check.sebagai] = item
    env["isi_tabel"] = item.isi_tabel
    sel = kolom or check.sel
    if kolom:
        env["kolom"] = kolom
    stated_asal = item.asal(sel) if sel else None
    tempat = stated_asal.tempat if stated_asal else (item.tempat if not sel else f"{item.tempat} ({sel})")
    berkas = (stated_asal.file if stated_asal and stated_asal.file else item.file)
    baris = (stated_asal.line if stated_asal and stated_asal.line else item.line)
    k = KonteksJalan(rules)
    token = KONTEKS.set(k)
    try:
        if sel and sel not in item:
            return _temuan_tidak_dapat(check, item.tempat, f"{item.sumber} tidak memiliki kolom '{sel}'",
                                       [f"Pemeriksaan {check.id} ({check.file}): {check.deskripsi}"],
                                       item.file, item.line, urutan)
        try:
            if check.jika is not None:
                ok = check.jika.evaluate(env)
                if not isinstance(ok, bool):
                    raise DataError(f"'jika' harus bernilai benar/salah, bukan {tampil(ok)}")
                if not ok:
                    return None
            if hitung_tempat is not None:
                hitung_tempat.append(1)
            for name, f in check.nilai:
                env[name] = f.evaluate(env)
            stated = None
            if check.dinyatakan is not None:
                stated = env["dinyatakan"] = check.dinyatakan.evaluate(env)
            computed = None
            if check.dihitung is not None:
                computed = env["dihitung"] = check.dihitung.evaluate(env)
            ok = check.syarat.evaluate(env)
            if not isinstance(ok, bool):
                raise DataError(f"'syarat' harus bernilai benar/salah, bukan {tampil(ok)}")
            if ok:
                return None
            stated_text = stated_asal.teks if stated_asal is not None else (
                tampil(stated) if check.dinyatakan is not None else None)
            if stated_asal is not None and stated_text is None:
                stated_text = "(kosong)"
            try:
                pesan = check.pesan.isi(env, stated_text)
            except SakipError as exc:  # the finding stands even if its message cannot be composed
                pesan = (f"{check.nama} (pesan pemeriksaan tidak dapat disusun: {exc.message}; "
                         f"dinyatakan {stated_text}, dihitung {_tampil_hitung(computed, stated_asal)})")
            return Temuan(check.tingkat, check.id, check.nama, check.keluarga, tempat, stated_text,
                          _tampil_hitung(computed, stated_asal) if check.dihitung is not None else None,
                          pesan, _penjelasan(check, env, k, stated_asal, stated, computed), berkas, baris,
                          stated, computed, urutan=urutan)
        except SakipError as exc:
            penj = _penjelasan(check, env, k, stated_asal)
            return _temuan_tidak_dapat(check, tempat, exc.message, penj, berkas, baris, urutan)
    finally:
        KONTEKS.reset(token)


def jalankan(check: Pemeriksaan, rules: RuleSet, sumber: SumberJalan, tahun: int | None,
             laporan_rec: Rekaman, parameter: dict | None = None, urutan_check: int = 0,
             lewati_yang_tidak_ada: bool = False, hitung_tempat: list | None = None) -> list[Temuan]:
    """All findings of one check (the caller has decided that the check applies).

    A source the check iterates over (``untuk_setiap.dari``) that is missing gives its own
    "tidak dapat diperiksa" finding and the other sources are still checked; a missing source
    the check reads as a whole (``membaca``) blocks every item. ``lewati_yang_tidak_ada`` (worked
    examples, which transcribe only the tables they are about) reads missing sources as empty.
    """
    out: list[Temuan] = []
    missing: list[tuple[Sumber, str]] = []
    env: dict[str, Any] = {name: p.nilai for name, p in check.parameter.items()}
    env.update(parameter or {})
    env["laporan"] = laporan_rec
    env["tahun"] = Decimal(tahun) if tahun is not None else None
    for name, specs in check.membaca.items():
        rows: list[Rekaman] = []
        for s in specs:
            got = sumber.ambil(s)
            if isinstance(got, str):
                if not lewati_yang_tidak_ada:
                    missing.append((s, got))
            else:
                rows.extend(got)
        env[name] = rows
    blocked = bool(missing)  # a missing 'membaca' source: no item can be evaluated
    items: list[Rekaman] = []
    for s in check.dari:
        got = sumber.ambil(s)
        if isinstance(got, str):
            if not lewati_yang_tidak_ada:
                missing.append((s, got))
        else:
            items.extend(got)
    seen = set()
    for s, why in missing:
        if s.teks not in seen:
            seen.add(s.teks)
            out.append(_temuan_tidak_dapat(check, s.teks, why,
                                           [f"Pemeriksaan {check.id} ({check.file}): {check.deskripsi}"],
                                           urutan=(urutan_check, -1, len(out))))
    if blocked:
        return out
    for i, item in enumerate(items):
        if check.kolom:
            cols = [c for c in check.kolom if c in item and item.asal(c) is not None
                    and item.asal(c).teks is not None]
        else:
            cols = [None]
        for j, c in enumerate(cols):
            t = _satu_butir(check, rules, env, item, c, (urutan_check, i, j), hitung_tempat)
            if t is not None:
                out.append(t)
    return out


def _laporan_rec(laporan: Laporan | None, kecamatan: str | None, tahun: int | None) -> Rekaman:
    if laporan is not None:
        return Rekaman({"kecamatan": laporan.kecamatan, "tahun": Decimal(laporan.tahun) if laporan.tahun else None,
                        "judul": laporan.judul}, tempat=laporan.file)
    return Rekaman({"kecamatan": kecamatan, "tahun": Decimal(tahun) if tahun else None, "judul": None},
                   tempat="data")


def _urut(t: Temuan):
    return (URUTAN_TINGKAT[t.tingkat],) + tuple(t.urutan)


def jalankan_contoh(check: Pemeriksaan, rules: RuleSet, contoh: ContohPemeriksaan) -> list[Temuan]:
    """The findings of one check on one worked example (inline transcript and/or data)."""
    laporan = contoh.laporan
    if laporan is None and check.perlu_laporan:
        laporan = Laporan("(contoh tanpa laporan)", None, None, None, {}, {}, [])
    data = sumber_dari_contoh(contoh.data)
    alasan = {n: f"contoh '{contoh.nama}' tidak memuat data '{n}'" for n in
              ("desa", "bumdes", "laba_bumdes", "indikator", "program", "kegiatan", "sub_kegiatan") if n not in data}
    sumber = SumberJalan(laporan, data, alasan)
    tahun = contoh.tahun or (laporan.tahun if laporan is not None else None)
    rec = _laporan_rec(laporan, laporan.kecamatan if laporan else None, tahun)
    temuan = jalankan(check, rules, sumber, tahun, rec, contoh.parameter, lewati_yang_tidak_ada=True)
    return sorted(temuan, key=_urut)


def daftar_pemeriksaan(rules: RuleSet) -> list[Pemeriksaan]:
    return sorted((o for o in rules.lainnya.values() if isinstance(o, Pemeriksaan)), key=lambda c: c.file)


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
    checks = daftar_pemeriksaan(rules)
    problems = [RuleError(f"pemeriksaan '{c.id}': {m}", file=c.file, line=c.line) for c in checks
                for m in c.masalah(rules)]
    if problems:
        raise ErrorList(problems)
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
    rec = _laporan_rec(laporan, ds.kecamatan.nama, tahun)
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
        n: list = []
        temuan.extend(jalankan(c, rules, sumber, tahun, rec, urutan_check=i, hitung_tempat=n))
        tempat[c.id] = len(n)
    tanpa = []
    if laporan is not None:
        read = {s.nama for c in checks for s in c.sumber if s.jenis == "pernyataan"}
        tanpa = sorted({p.jenis for p in laporan.pernyataan} - read)
    return HasilPeriksa(tahun, ds.kecamatan.nama, laporan.file if laporan else None, sorted(temuan, key=_urut),
                        diperiksa, dilewati, rules.fingerprint, tanpa, tempat)
