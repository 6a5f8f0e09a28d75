"""The `sakip` command line: the same core functions the bot calls, rendered for a terminal."""
