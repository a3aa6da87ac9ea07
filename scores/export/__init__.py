"""Exports: the declared columns, the CSV writer, the workbook and the data dictionary."""
