"""The pygame side every screen shares: scenes, theme, widgets, sound and keys."""
