"""imgtool: batch image operations."""
