"""Memory exercises."""
