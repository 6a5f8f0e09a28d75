"""The report checks (``rules/pemeriksaan/``) at run time.

- :mod:`.tahunan`: ``periksa`` — every check of one year on a transcript and the data (``sakip periksa``).
- :mod:`.jalan`: one check over its places, findings (:class:`Temuan`) and their explanations;
  the worked examples (``jalankan_contoh``).
- :mod:`.sumber`: the records a run reads, from a transcript, the data or an example.
- :mod:`.rekaman`: those records (:class:`Rekaman`) and where each value came from (:class:`AsalNilai`).
- :mod:`.fungsi`: what the functions check formulas call do (their signatures are declared in
  ``rules/fungsi_pemeriksaan.py``), and the evaluation context (:class:`KonteksJalan`).
- :mod:`.tampil`: values and message templates as text.
"""

from .jalan import TINGKAT_TIDAK_DAPAT, URUTAN_TINGKAT, Temuan, daftar_pemeriksaan, jalankan, jalankan_contoh
from .sumber import SumberJalan, sumber_dari_contoh, sumber_dari_dataset
from .tahunan import HasilPeriksa, periksa

__all__ = ["periksa", "HasilPeriksa", "Temuan", "jalankan", "jalankan_contoh", "daftar_pemeriksaan", "SumberJalan",
           "sumber_dari_dataset", "sumber_dari_contoh", "URUTAN_TINGKAT", "TINGKAT_TIDAK_DAPAT"]
