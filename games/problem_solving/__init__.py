"""Problem-solving and decision-making exercises."""
