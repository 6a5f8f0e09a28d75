"""One module per command; each has ``register(subparsers)``."""

from . import anggaran, capaian, jelaskan, pembanding, periksa, periksa_aturan
from . import db, ekspor, impor, lapor, pengguna, riwayat, tarik

ALL = [capaian, jelaskan, periksa_aturan, periksa, anggaran, pembanding]
ALL += [lapor, tarik, impor, ekspor, riwayat, pengguna, db]
