"""Reading the records: progress series, trends, levels and session summaries."""
