"""One module per command; each has ``register(subparsers)``."""

from . import anggaran, capaian, jelaskan, pembanding, periksa_aturan

ALL = [capaian, jelaskan, periksa_aturan, anggaran, pembanding]
