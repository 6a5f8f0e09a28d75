"""Read a kecamatan's data folder into a :class:`~sakip_rules.data.model.Dataset`.

The folder layout and every key are documented in ``docs/format-data.md``::

    organisasi.yaml                      wajib
    renstra.yaml                         wajib
    pk/<tahun>.yaml
    dpa/<tahun>.yaml
    realisasi/status_desa.yaml
    realisasi/<tahun>/laba_bumdes.yaml
    realisasi/<tahun>/ikm.yaml
    realisasi/<tahun>/anggaran.yaml
    pembanding/<tahun>.yaml

Every file is validated against its JSON Schema (``schemas/*.json``), then
cross-referenced (BUMDes -> desa, sub kegiatan -> DPA, indikator -> Renstra, ...).
All problems of all files are collected and raised together as one
:class:`~sakip_rules.errors.ErrorList` of :class:`~sakip_rules.errors.DataError`
(file:line [key]); nothing is half-loaded.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..angka import TAHUN_MAKS, TAHUN_MIN
from ..errors import DataError, ErrorList, SakipError, UsageError
from ..rules.model import AturanIkm, RuleSet, aturan_ikm
from ..schema import load_schema, validate
from ..yamlio import Located, load_file
from . import model as m

_SCHEMA_PACKAGE = "sakip_rules.data"

# relative path pattern -> (kind, schema name)
_POLA_BERKAS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"^organisasi\.yaml$"), "organisasi"),
    (re.compile(r"^renstra\.yaml$"), "renstra"),
    (re.compile(r"^pk/(?P<tahun>\d{4})\.yaml$"), "pk"),
    (re.compile(r"^dpa/(?P<tahun>\d{4})\.yaml$"), "dpa"),
    (re.compile(r"^realisasi/status_desa\.yaml$"), "status_desa"),
    (re.compile(r"^realisasi/(?P<tahun>\d{4})/laba_bumdes\.yaml$"), "laba_bumdes"),
    (re.compile(r"^realisasi/(?P<tahun>\d{4})/ikm\.yaml$"), "ikm"),
    (re.compile(r"^realisasi/(?P<tahun>\d{4})/anggaran\.yaml$"), "anggaran"),
    (re.compile(r"^pembanding/(?P<tahun>\d{4})\.yaml$"), "pembanding"),
)
_NAMA_DIKENAL = ("organisasi.yaml, renstra.yaml, pk/<tahun>.yaml, dpa/<tahun>.yaml, "
                 "realisasi/status_desa.yaml, realisasi/<tahun>/laba_bumdes.yaml, "
                 "realisasi/<tahun>/ikm.yaml, realisasi/<tahun>/anggaran.yaml, "
                 "pembanding/<tahun>.yaml; laporan/<tahun>.yaml dibaca terpisah")

# Which field holds the data of each IKM level.
_FIELD_TINGKAT_IKM = {
    "jawaban": "jawaban",
    "unsur": "unsur",
    "nrr": "nrr",
    "jumlah_nrr": "jumlah_nrr",
    "nilai": "nilai",
}
assert tuple(_FIELD_TINGKAT_IKM) == m.TINGKAT_IKM


@lru_cache(maxsize=8)
def _skema_ikm(a: AturanIkm) -> dict:
    """schemas/ikm.json with the survey's shape filled in from the IKM rule: the store checks
    submissions against the same rule (model.aturan_ikm), so a folder and a report agree."""
    schema = copy.deepcopy(load_schema(_SCHEMA_PACKAGE, "schemas/ikm.json"))
    survei = schema["properties"]["survei"]["items"]["properties"]
    baris = survei["jawaban"]["items"]
    baris.update(minItems=a.unsur, maxItems=a.unsur)
    baris["items"].update(minimum=a.skor_min, maximum=a.skor_maks)
    survei["unsur"].update(minItems=a.unsur, maxItems=a.unsur)
    survei["nrr"].update(minItems=a.unsur, maxItems=a.unsur)
    survei["nrr"]["items"].update(minimum=a.skor_min, maximum=a.skor_maks)
    survei["jumlah_nrr"].update(minimum=a.unsur * a.skor_min, maximum=a.unsur * a.skor_maks)
    survei["nilai"].update(minimum=a.nilai_min, maximum=a.nilai_maks)
    return schema


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _daftar(items) -> str:
    items = list(items)
    return ", ".join(items) if items else "(tidak ada)"


class _Pemuat:
    def __init__(self, folder: Path, aturan: RuleSet | None):
        self.folder = folder
        self.aturan = aturan
        self.errors: list[SakipError] = []

    # -- helpers -----------------------------------------------------------
    def tampil(self, rel: str = "") -> str:
        """Path shown in messages and provenance: relative to the working directory if
        the file is below it, else as given."""
        p = self.folder / rel if rel else self.folder
        try:
            return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except (ValueError, OSError):
            return p.as_posix()

    def salah(self, message: str, doc: Located | None, path=(), *, file: str | None = None,
              key: str | None = None) -> None:
        path = tuple(path)
        if doc is not None:
            file = doc.file
            line = doc.line(path)
        else:
            line = None
        if key is None:
            key = ".".join(str(p) for p in path) or None
        self.errors.append(DataError(message, file=file, line=line, key=key))

    def asal(self, doc: Located, path) -> m.Asal:
        return m.Asal(saluran="berkas", keterangan=f"{doc.file}:{doc.line(tuple(path))}")

    def baca(self, rel: str, schema: str | dict) -> Located | None:
        try:
            doc = load_file(self.folder / rel, self.tampil(rel))
        except SakipError as exc:
            self.errors.append(DataError(exc.message, file=exc.file, line=exc.line, key=exc.key))
            return None
        if isinstance(schema, str):
            schema = load_schema(_SCHEMA_PACKAGE, f"schemas/{schema}.json")
        problems = validate(doc, schema)
        for p in problems:
            self.errors.append(DataError(p.message, file=p.file, line=p.line, key=p.key))
        return None if problems else doc

    def cek_tahun_berkas(self, doc: Located, tahun: int) -> None:
        if doc.data["tahun"] != tahun:
            self.salah(f"tahun {doc.data['tahun']} tidak sama dengan tahun pada nama "
                       f"berkas/folder ({tahun})", doc, ("tahun",))

    def bulan(self, doc: Located, path, teks: str) -> int | None:
        bulan = int(teks)
        if not 1 <= bulan <= 12:
            self.salah(f"bulan {teks} tidak ada; bulan ditulis 1 sampai 12", doc, path)
            return None
        return bulan

    # -- the folder --------------------------------------------------------
    def daftar_berkas(self) -> dict[str, list[tuple[str, int | None]]]:
        """Known files by kind: kind -> [(relative path, tahun)]; unknown files are errors."""
        found: dict[str, list[tuple[str, int | None]]] = {}
        for p in sorted(self.folder.rglob("*")):
            rel_parts = p.relative_to(self.folder).parts
            if any(part.startswith(".") for part in rel_parts) or not p.is_file():
                continue
            if p.suffix.lower() not in (".yaml", ".yml"):
                continue
            if rel_parts[0] == "laporan":  # report transcripts: read by sakip_rules.report, not here
                continue
            rel = "/".join(rel_parts)
            for pola, kind in _POLA_BERKAS:
                hit = pola.match(rel)
                if hit:
                    tahun = int(hit.group("tahun")) if "tahun" in pola.groupindex else None
                    if tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAKS:
                        self.salah(f"tahun {tahun} pada nama berkas di luar rentang "
                                   f"{TAHUN_MIN}–{TAHUN_MAKS}", None, file=self.tampil(rel))
                        break
                    found.setdefault(kind, []).append((rel, tahun))
                    break
            else:
                hint = " (pakai akhiran .yaml)" if p.suffix.lower() == ".yml" else ""
                self.salah(f"berkas tidak dikenal di folder data{hint}; nama yang dikenal: "
                           f"{_NAMA_DIKENAL}", None, file=self.tampil(rel))
        return found

    # -- organisasi.yaml ---------------------------------------------------
    def organisasi(self, doc: Located) -> m.Kecamatan:
        d = doc.data
        desa: list[m.Desa] = []
        kode_desa: dict[str, int] = {}
        nama_desa: dict[str, int] = {}
        for i, x in enumerate(d["desa"]):
            if x["kode"] in kode_desa:
                self.salah(f"kode desa '{x['kode']}' sudah dipakai desa ke-{kode_desa[x['kode']] + 1}",
                           doc, ("desa", i, "kode"))
                continue
            if x["nama"].casefold() in nama_desa:
                self.salah(f"nama desa '{x['nama']}' ditulis dua kali", doc, ("desa", i, "nama"))
            kode_desa[x["kode"]] = i
            nama_desa[x["nama"].casefold()] = i
            desa.append(m.Desa(kode=x["kode"], nama=x["nama"], catatan=x.get("catatan")))
        bumdes: list[m.Bumdes] = []
        kode_bumdes: dict[str, int] = {}
        for i, x in enumerate(d.get("bumdes") or []):
            if x["kode"] in kode_bumdes:
                self.salah(f"kode BUMDes '{x['kode']}' sudah dipakai BUMDes ke-"
                           f"{kode_bumdes[x['kode']] + 1}", doc, ("bumdes", i, "kode"))
                continue
            kode_bumdes[x["kode"]] = i
            if x["desa"] not in kode_desa:
                self.salah(f"desa '{x['desa']}' tidak ada di daftar desa; yang ada: "
                           f"{_daftar(kode_desa)}", doc, ("bumdes", i, "desa"))
            bumdes.append(m.Bumdes(kode=x["kode"], nama=x["nama"], desa=x["desa"],
                                   aktif=x.get("aktif", True),
                                   nama_di_rekap=x.get("nama_di_rekap"),
                                   catatan=x.get("catatan")))
        return m.Kecamatan(kode=d["kecamatan"]["kode"], nama=d["kecamatan"]["nama"],
                           kabupaten=d["kabupaten"], desa=tuple(desa), bumdes=tuple(bumdes))

    # -- renstra.yaml ------------------------------------------------------
    def renstra(self, doc: Located) -> m.Renstra:
        d = doc.data
        awal, akhir = d["periode"]["awal"], d["periode"]["akhir"]
        if awal > akhir:
            self.salah(f"periode berakhir ({akhir}) sebelum dimulai ({awal})", doc,
                       ("periode", "akhir"))
        indikator: list[m.IndikatorRenstra] = []
        ids: set[str] = set()
        nos: set[int] = set()
        for i, s in enumerate(d["sasaran"]):
            if s["nomor"] in nos:
                self.salah(f"nomor sasaran {s['nomor']} ditulis dua kali", doc,
                           ("sasaran", i, "nomor"))
            nos.add(s["nomor"])
            for j, x in enumerate(s["indikator"]):
                path = ("sasaran", i, "indikator", j)
                if x["id"] in ids:
                    self.salah(f"indikator '{x['id']}' ditulis dua kali", doc, path + ("id",))
                    continue
                ids.add(x["id"])
                bt = x["baseline"]["tahun"]
                if bt > awal:
                    self.salah(f"tahun baseline {bt} sesudah awal periode ({awal})", doc,
                               path + ("baseline", "tahun"))
                target: dict[int, Decimal] = {}
                for key, value in x["target"].items():
                    tahun = int(key)
                    if not awal <= tahun <= akhir:
                        self.salah(f"target tahun {tahun} di luar periode Renstra {awal}–{akhir}",
                                   doc, path + ("target", key))
                    target[tahun] = _dec(value)
                ka = x.get("kondisi_akhir")
                indikator.append(m.IndikatorRenstra(
                    indikator=x["id"], sasaran_no=s["nomor"], sasaran=s["sasaran"], nama=x["nama"],
                    satuan=x["satuan"], baseline_tahun=bt, baseline=_dec(x["baseline"]["nilai"]),
                    target=dict(sorted(target.items())),
                    kondisi_akhir=None if ka is None else _dec(ka)))
        return m.Renstra(periode_awal=awal, periode_akhir=akhir, tujuan=d["tujuan"],
                         indikator=tuple(indikator))

    def cek_indikator(self, doc: Located, path, ident: str, ids: set[str] | None) -> None:
        if ids is not None and ident not in ids:
            self.salah(f"indikator '{ident}' tidak ada di renstra.yaml; yang ada: {_daftar(sorted(ids))}",
                       doc, path)

    # -- dpa/<tahun>.yaml --------------------------------------------------
    def dpa(self, doc: Located, tahun: int, ids: set[str] | None) -> m.Dpa:
        self.cek_tahun_berkas(doc, tahun)
        program: list[m.Program] = []
        kegiatan: list[m.Kegiatan] = []
        sub: list[m.SubKegiatan] = []
        seen: dict[str, set[str]] = {"program": set(), "kegiatan": set(), "sub kegiatan": set()}

        def unik(jenis: str, kode: str, path) -> bool:
            if kode in seen[jenis]:
                self.salah(f"kode {jenis} '{kode}' sudah dipakai di DPA {tahun}", doc, path)
                return False
            seen[jenis].add(kode)
            return True

        for i, p in enumerate(doc.data["program"]):
            pp = ("program", i)
            if unik("program", p["kode"], pp + ("kode",)):
                program.append(m.Program(kode=p["kode"], nama=p["nama"]))
            for j, k in enumerate(p["kegiatan"]):
                kp = pp + ("kegiatan", j)
                if unik("kegiatan", k["kode"], kp + ("kode",)):
                    kegiatan.append(m.Kegiatan(kode=k["kode"], nama=k["nama"], program=p["kode"]))
                for n, s in enumerate(k["sub_kegiatan"]):
                    sp = kp + ("sub_kegiatan", n)
                    for q, ident in enumerate(s.get("mendukung") or []):
                        self.cek_indikator(doc, sp + ("mendukung", q), ident, ids)
                    if unik("sub kegiatan", s["kode"], sp + ("kode",)):
                        sub.append(m.SubKegiatan(kode=s["kode"], nama=s["nama"], program=p["kode"],
                                                 kegiatan=k["kode"], anggaran=_dec(s["anggaran"]),
                                                 mendukung=tuple(s.get("mendukung") or ())))
        return m.Dpa(tahun=tahun, program=tuple(program), kegiatan=tuple(kegiatan),
                     sub_kegiatan=tuple(sub))

    # -- pk/<tahun>.yaml ---------------------------------------------------
    @staticmethod
    def _urutan_versi(versi: str) -> int:
        if versi == "awal":
            return 0
        if versi == "perubahan":
            return 1
        return int(versi.split("-")[1])

    def pk(self, doc: Located, tahun: int, ids: set[str] | None, dpa: m.Dpa | None,
           dpa_ada: bool) -> list[m.PerjanjianKinerja]:
        self.cek_tahun_berkas(doc, tahun)
        out: list[tuple[int, int, m.PerjanjianKinerja]] = []
        versi_seen: set[str] = set()
        tanggal_seen: dict[dt.date, str] = {}
        program_dpa = {p.kode for p in dpa.program} if dpa else None
        for i, v in enumerate(doc.data["versi"]):
            vp = ("versi", i)
            ok = True
            if v["versi"] in versi_seen:
                self.salah(f"versi '{v['versi']}' ditulis dua kali", doc, vp + ("versi",))
                ok = False
            versi_seen.add(v["versi"])
            tanggal = v["tanggal"]
            if isinstance(tanggal, dt.datetime) or not isinstance(tanggal, dt.date):
                self.salah("tanggal harus berbentuk YYYY-MM-DD tanpa tanda kutip "
                           f"(mis. {tahun}-10-24)", doc, vp + ("tanggal",))
                ok = False
            else:
                if not tahun - 1 <= tanggal.year <= tahun + 1:
                    self.salah(f"tanggal {tanggal.isoformat()} terlalu jauh dari tahun PK {tahun}",
                               doc, vp + ("tanggal",))
                if tanggal in tanggal_seen:
                    self.salah(f"tanggal {tanggal.isoformat()} sama dengan versi "
                               f"'{tanggal_seen[tanggal]}'; versi yang berlaku tidak dapat "
                               "ditentukan", doc, vp + ("tanggal",))
                    ok = False
                tanggal_seen[tanggal] = v["versi"]
            for ident in v["target"]:
                self.cek_indikator(doc, vp + ("target", ident), ident, ids)
            anggaran = v.get("anggaran_program") or {}
            if anggaran and not dpa_ada:
                self.salah(f"dpa/{tahun}.yaml tidak ada, sehingga kode program anggaran PK "
                           "tidak dapat diperiksa", doc, vp + ("anggaran_program",))
            elif program_dpa is not None:
                for kode in anggaran:
                    if kode not in program_dpa:
                        self.salah(f"program '{kode}' tidak ada di dpa/{tahun}.yaml; yang ada: "
                                   f"{_daftar(sorted(program_dpa))}", doc,
                                   vp + ("anggaran_program", kode))
            if ok:
                out.append((self._urutan_versi(v["versi"]), i, m.PerjanjianKinerja(
                    tahun=tahun, versi=v["versi"], tanggal=tanggal,
                    target={k: _dec(x) for k, x in v["target"].items()},
                    anggaran_program={k: _dec(x) for k, x in anggaran.items()})))
        out.sort(key=lambda t: t[0])
        for (_, _, a), (_, i, b) in zip(out, out[1:]):
            if b.tanggal <= a.tanggal:
                self.salah(f"versi '{b.versi}' bertanggal {b.tanggal.isoformat()}, tidak sesudah "
                           f"versi '{a.versi}' ({a.tanggal.isoformat()})", doc,
                           ("versi", i, "tanggal"))
        return [t[2] for t in out]

    # -- realisasi/status_desa.yaml ----------------------------------------
    def status_desa(self, doc: Located, desa: set[str] | None) -> list[m.StatusDesa]:
        out: list[m.StatusDesa] = []
        for key, per_tahun in doc.data["status"].items():
            tahun = int(key)
            if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
                self.salah(f"tahun {key} di luar rentang {TAHUN_MIN}–{TAHUN_MAKS}", doc,
                           ("status", key))
                continue
            for kode, value in per_tahun["desa"].items():
                path = ("status", key, "desa", kode)
                if desa is not None and kode not in desa:
                    self.salah(f"desa '{kode}' tidak ada di organisasi.yaml; yang ada: "
                               f"{_daftar(sorted(desa))}", doc, path)
                    continue
                if isinstance(value, dict):
                    status, idm = value["status"], value.get("idm")
                else:
                    status, idm = value, None
                if status not in m.STATUS_IDM:
                    self.salah(f"status '{status}' tidak dikenal; yang dikenal: "
                               f"{_daftar(m.STATUS_IDM)}", doc, path)
                    continue
                out.append(m.StatusDesa(tahun=tahun, desa=kode, status=status,
                                        idm=None if idm is None else _dec(idm),
                                        asal=self.asal(doc, path)))
        return out

    # -- realisasi/<tahun>/laba_bumdes.yaml --------------------------------
    def laba_bumdes(self, doc: Located, tahun: int, bumdes: set[str] | None) -> list[m.LabaBumdes]:
        self.cek_tahun_berkas(doc, tahun)
        out: list[m.LabaBumdes] = []
        for kode, per_bulan in doc.data["laba"].items():
            if bumdes is not None and kode not in bumdes:
                self.salah(f"BUMDes '{kode}' tidak ada di organisasi.yaml; yang ada: "
                           f"{_daftar(sorted(bumdes))}", doc, ("laba", kode))
                continue
            seen: set[int] = set()
            for teks, jumlah in per_bulan.items():
                path = ("laba", kode, teks)
                bulan = self.bulan(doc, path, teks)
                if bulan is None:
                    continue
                if bulan in seen:
                    self.salah(f"bulan {bulan} untuk BUMDes '{kode}' ditulis dua kali", doc, path)
                    continue
                seen.add(bulan)
                if jumlah is None:
                    continue  # not reported: absent, not zero
                out.append(m.LabaBumdes(bumdes=kode, tahun=tahun, bulan=bulan, jumlah=_dec(jumlah),
                                        asal=self.asal(doc, path)))
        out.sort(key=lambda x: (list(doc.data["laba"]).index(x.bumdes), x.bulan))
        return out

    # -- realisasi/<tahun>/ikm.yaml ----------------------------------------
    def aturan_ikm(self, rel: str) -> AturanIkm | None:
        """The survey shape of the rule set given, else of the default one (read only when
        the folder has a survey)."""
        if self.aturan is None:
            from ..rules import load_rules
            from ..rules.paths import default_rules_dir

            self.aturan = load_rules(default_rules_dir())
        try:
            return aturan_ikm(self.aturan)
        except UsageError as exc:
            self.salah(exc.message, None, file=self.tampil(rel))
            return None

    def ikm(self, doc: Located, tahun: int, a: AturanIkm) -> list[m.SurveiIkm]:
        self.cek_tahun_berkas(doc, tahun)
        out: list[m.SurveiIkm] = []
        semester_seen: set[int] = set()
        for i, s in enumerate(doc.data["survei"]):
            sp = ("survei", i)
            if s["semester"] in semester_seen:
                self.salah(f"semester {s['semester']} tahun {tahun} ditulis dua kali", doc,
                           sp + ("semester",))
                continue
            semester_seen.add(s["semester"])
            tingkat = s["tingkat"]
            field = _FIELD_TINGKAT_IKM[tingkat]
            ok = True
            if field not in s:
                self.salah(f"tingkat '{tingkat}' membutuhkan kunci '{field}'", doc, sp + ("tingkat",))
                ok = False
            for other in _FIELD_TINGKAT_IKM.values():
                if other != field and other in s:
                    self.salah(f"kunci '{other}' bukan milik tingkat '{tingkat}'; tulis hanya "
                               f"'{field}' (atau ubah tingkat)", doc, sp + (other,))
                    ok = False
            if not ok:
                continue
            responden = s.get("responden")
            kw: dict = {}
            if tingkat == "jawaban":
                rows = s["jawaban"]
                if responden is not None and responden != len(rows):
                    self.salah(f"responden {responden} tidak sama dengan banyaknya baris jawaban "
                               f"({len(rows)})", doc, sp + ("responden",))
                    ok = False
                per_unsur = tuple(tuple(r[u] for r in rows if r[u] is not None)
                                  for u in range(a.unsur))
                for u, answers in enumerate(per_unsur):
                    if not answers:
                        self.salah(f"unsur ke-{u + 1} tidak punya satu pun jawaban terisi", doc,
                                   sp + ("jawaban",))
                        ok = False
                kw = {"jawaban": per_unsur}
                responden = len(rows) if responden is None else responden
            elif tingkat == "unsur":
                jumlah, terisi = [], []
                for u, x in enumerate(s["unsur"]):
                    up = sp + ("unsur", u)
                    j, t = _dec(x["jumlah"]), x["terisi"]
                    if t < 1:
                        self.salah(f"unsur ke-{u + 1}: terisi harus sedikitnya 1", doc, up + ("terisi",))
                        ok = False
                    elif (mustahil := a.jumlah_mustahil(j, t)) is not None:
                        self.salah(f"unsur ke-{u + 1}: jumlah {mustahil}", doc, up + ("jumlah",))
                        ok = False
                    if responden is not None and t > responden:
                        self.salah(f"unsur ke-{u + 1}: terisi {t} melebihi responden {responden}",
                                   doc, up + ("terisi",))
                        ok = False
                    jumlah.append(j)
                    terisi.append(t)
                kw = {"jumlah_unsur": tuple(jumlah), "terisi_unsur": tuple(terisi)}
            elif tingkat == "nrr":
                kw = {"nrr": tuple(_dec(x) for x in s["nrr"])}
            elif tingkat == "jumlah_nrr":
                kw = {"jumlah_nrr": _dec(s["jumlah_nrr"])}
            else:
                kw = {"nilai": _dec(s["nilai"])}
            if ok:
                out.append(m.SurveiIkm(tahun=tahun, semester=s["semester"], tingkat=tingkat,
                                       responden=responden, asal=self.asal(doc, sp), **kw))
        out.sort(key=lambda x: x.semester)
        return out

    # -- realisasi/<tahun>/anggaran.yaml -----------------------------------
    def anggaran(self, doc: Located, tahun: int, dpa: m.Dpa | None,
                 dpa_ada: bool) -> list[m.RealisasiAnggaran]:
        self.cek_tahun_berkas(doc, tahun)
        if not dpa_ada:
            self.salah(f"dpa/{tahun}.yaml tidak ada, sehingga kode sub kegiatan tidak dapat "
                       "diperiksa", doc, ("realisasi",))
        sub = {s.kode for s in dpa.sub_kegiatan} if dpa else None
        out: list[m.RealisasiAnggaran] = []
        for kode, value in doc.data["realisasi"].items():
            path = ("realisasi", kode)
            if sub is not None and kode not in sub:
                self.salah(f"sub kegiatan '{kode}' tidak ada di dpa/{tahun}.yaml; yang ada: "
                           f"{_daftar(sorted(sub))}", doc, path)
                continue
            if isinstance(value, dict):
                seen: set[int] = set()
                for teks, jumlah in value.items():
                    bulan = self.bulan(doc, path + (teks,), teks)
                    if bulan is None:
                        continue
                    if bulan in seen:
                        self.salah(f"bulan {bulan} untuk sub kegiatan '{kode}' ditulis dua kali",
                                   doc, path + (teks,))
                        continue
                    seen.add(bulan)
                    out.append(m.RealisasiAnggaran(sub_kegiatan=kode, tahun=tahun, bulan=bulan,
                                                   jumlah=_dec(jumlah),
                                                   asal=self.asal(doc, path + (teks,))))
            else:
                out.append(m.RealisasiAnggaran(sub_kegiatan=kode, tahun=tahun, bulan=None,
                                               jumlah=_dec(value), asal=self.asal(doc, path)))
        return out

    # -- pembanding/<tahun>.yaml -------------------------------------------
    def pembanding(self, doc: Located, tahun: int, ids: set[str] | None) -> list[m.Pembanding]:
        self.cek_tahun_berkas(doc, tahun)
        out: list[m.Pembanding] = []
        nama_seen: set[str] = set()
        sumber_berkas = doc.data.get("sumber")
        for i, k in enumerate(doc.data["kecamatan"]):
            kp = ("kecamatan", i)
            if k["nama"].casefold() in nama_seen:
                self.salah(f"kecamatan '{k['nama']}' ditulis dua kali", doc, kp + ("nama",))
                continue
            nama_seen.add(k["nama"].casefold())
            for ident, x in k["indikator"].items():
                ip = kp + ("indikator", ident)
                if ids is not None and ident not in ids:
                    self.cek_indikator(doc, ip, ident, ids)
                    continue
                out.append(m.Pembanding(
                    kecamatan=k["nama"], tahun=tahun, indikator=ident,
                    target=_dec(x["target"]), realisasi=_dec(x["realisasi"]),
                    sumber=x.get("sumber") or sumber_berkas or f"{doc.file}:{doc.line(ip)}"))
        return out

    # -- everything --------------------------------------------------------
    def muat(self) -> m.Dataset:
        folder = self.folder
        if not folder.exists():
            raise ErrorList([DataError("folder data tidak ditemukan", file=self.tampil())])
        if not folder.is_dir():
            raise ErrorList([DataError("ini bukan folder; folder data berisi organisasi.yaml, "
                                       "renstra.yaml, dst.", file=self.tampil())])
        berkas = self.daftar_berkas()
        for wajib in ("organisasi", "renstra"):
            if wajib not in berkas:
                self.salah(f"berkas wajib '{wajib}.yaml' tidak ada di folder data ini", None,
                           file=self.tampil())

        kecamatan = renstra = None
        if "organisasi" in berkas:
            doc = self.baca(berkas["organisasi"][0][0], "organisasi")
            if doc:
                kecamatan = self.organisasi(doc)
        if "renstra" in berkas:
            doc = self.baca(berkas["renstra"][0][0], "renstra")
            if doc:
                renstra = self.renstra(doc)
        desa = {d.kode for d in kecamatan.desa} if kecamatan else None
        bumdes = {b.kode for b in kecamatan.bumdes} if kecamatan else None
        ids = {i.indikator for i in renstra.indikator} if renstra else None

        dpa: dict[int, m.Dpa] = {}
        dpa_ada = {tahun for _, tahun in berkas.get("dpa", [])}
        for rel, tahun in berkas.get("dpa", []):
            doc = self.baca(rel, "dpa")
            if doc:
                dpa[tahun] = self.dpa(doc, tahun, ids)

        pk: list[m.PerjanjianKinerja] = []
        for rel, tahun in berkas.get("pk", []):
            doc = self.baca(rel, "pk")
            if doc:
                pk.extend(self.pk(doc, tahun, ids, dpa.get(tahun), tahun in dpa_ada))

        status: list[m.StatusDesa] = []
        for rel, _ in berkas.get("status_desa", []):
            doc = self.baca(rel, "status_desa")
            if doc:
                status.extend(self.status_desa(doc, desa))

        laba: list[m.LabaBumdes] = []
        ikm: list[m.SurveiIkm] = []
        anggaran: list[m.RealisasiAnggaran] = []
        pembanding: list[m.Pembanding] = []
        for rel, tahun in berkas.get("laba_bumdes", []):
            doc = self.baca(rel, "laba_bumdes")
            if doc:
                laba.extend(self.laba_bumdes(doc, tahun, bumdes))
        for rel, tahun in berkas.get("ikm", []):
            a = self.aturan_ikm(rel)
            doc = a and self.baca(rel, _skema_ikm(a))
            if doc:
                ikm.extend(self.ikm(doc, tahun, a))
        for rel, tahun in berkas.get("anggaran", []):
            doc = self.baca(rel, "anggaran")
            if doc:
                anggaran.extend(self.anggaran(doc, tahun, dpa.get(tahun), tahun in dpa_ada))
        for rel, tahun in berkas.get("pembanding", []):
            doc = self.baca(rel, "pembanding")
            if doc:
                pembanding.extend(self.pembanding(doc, tahun, ids))

        if self.errors:
            raise ErrorList(self.errors)
        assert kecamatan is not None and renstra is not None
        pk.sort(key=lambda p: (p.tahun, p.tanggal))
        return m.Dataset(kecamatan=kecamatan, renstra=renstra, pk=pk,
                         dpa=dict(sorted(dpa.items())), status_desa=status, laba_bumdes=laba,
                         ikm=ikm, realisasi_anggaran=anggaran, pembanding=pembanding,
                         sumber=self.tampil())


def load_folder(path: Path | str, aturan: RuleSet | None = None) -> m.Dataset:
    """Read, validate and cross-check a data folder; raise ErrorList with every problem.

    IKM surveys are checked against the shape ``aturan`` declares (model.aturan_ikm), as the
    store checks them; without it, against the default rule set (rules.paths)."""
    return _Pemuat(Path(path), aturan).muat()
