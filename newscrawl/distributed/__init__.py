"""Crawls on Redis: one writer owns the archive, workers anywhere fetch and extract for it."""
