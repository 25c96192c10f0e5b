"""newscrawl: crawl newspapers into static-site archives."""

__version__ = "0.1.0"
