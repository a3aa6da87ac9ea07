"""The pure engine every exercise uses: clock, actions, adaptive levels, runs, sessions, trial templates; no pygame."""
