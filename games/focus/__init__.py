"""Focus exercises: attention and inhibition."""
