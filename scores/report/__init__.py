"""The therapist's progress report: the HTML page, its charts, axes and home practice."""
