"""Scrapy extensions: live progress and the run report."""
