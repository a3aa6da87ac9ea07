"""The launcher's screens: clients, exercise list, instructions, play, results."""
