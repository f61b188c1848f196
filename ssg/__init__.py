"""ssg: a static site generator for brand community hubs."""

__version__ = "0.1.0"
