"""sakip-rules: aturan kinerja SAKIP kecamatan sebagai kode yang dapat diaudit.

Layers, one way only: ``bot`` -> ``sakip_rules`` (engine, store, cli) -> ``rules/`` (data).
"""

__version__ = "0.1.0"
