"""Trial templates: the timing of a trial, written once for the exercises that share its shape."""
