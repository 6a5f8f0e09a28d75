"""The Telegram adapter of sakip-rules: a thin layer over the core.

parse -> authorise (the store's users and roles) -> call the core -> render.
No rule, threshold or formula lives here; ``sakip_rules`` never imports this package.
"""
