"""Item pipelines: validate, clean, de-duplicate, write the archive."""
