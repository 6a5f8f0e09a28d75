"""The data sources a rule's input may name (``masukan.<x>.sumber``) and what each supplies.

This is the contract between rule files and the data: an auditor reads it in
docs/aturan.md; the engine's source adapters implement it.
"""

SUMBER = {
    "status_desa": "daftar desa dengan status IDM resmi tahun berjalan: kode, nama, status, idm",
    "bumdes": "daftar BUMDes: kode, nama, desa, aktif, laba (keuntungan bulan yang dilaporkan), "
              "bulan (nomor bulan yang dilaporkan)",
    "ikm": "survei kepuasan masyarakat satu semester, pada tingkat yang dimiliki petugas",
}

# Names the ``ikm`` source supplies, by level (data.model.TINGKAT_IKM). A rule that
# reads the ikm source must accept each name as an input or a ``dapat_diberikan`` step.
IKM_TINGKAT_NAMA = {
    "jawaban": ("jawaban",),
    "unsur": ("jumlah_unsur", "terisi_unsur"),
    "nrr": ("nrr",),
    "jumlah_nrr": ("jumlah_nrr",),
    "nilai": ("ikm",),
}

# Names every indicator may use besides its own: the year's target (for rounding to its precision).
NAMA_KHUSUS = ("target",)

# What the engine hands each formula pengukuran.yaml names: a formula put in that place must
# declare exactly these inputs (checked at load), and is given nothing else.
MASUKAN_RUMUS_PENGUKURAN = {
    "rumus_capaian": ("target", "realisasi", "polaritas"),
    "rumus_rata_rata": ("daftar_capaian",),
    "rumus_realisasi_anggaran": ("anggaran", "realisasi"),
    "rumus_efisiensi": ("capaian", "persentase_anggaran"),
    "rumus_rata_rata_efisiensi": ("daftar_rasio",),
}


def masukan_rumus(tempat: str, *nilai) -> dict:
    """The inputs for the formula in ``tempat`` of pengukuran.yaml, named as declared above."""
    return dict(zip(MASUKAN_RUMUS_PENGUKURAN[tempat], nilai, strict=True))
