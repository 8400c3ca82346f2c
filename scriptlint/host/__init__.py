"""Hosting plugins: the plugin manager, entry points and the core plugin."""
