"""The shared engine every exercise uses: clock, actions, scenes, adaptive levels, theme, widgets."""
