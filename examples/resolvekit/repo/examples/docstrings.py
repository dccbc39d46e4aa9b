"""Signatures from docstrings, and an inherited constructor."""
from pkg.docs_styles import Child, google_style, numpy_style, rest_style

data = google_style("data.bin", retries=5)
scaled = numpy_style([1.0, 2.0], scale=2.0)
value = rest_style("key", strict=True)
child = Child(3, name="c")
child.grow()
