"""Item pipelines, in order: clean, validate, de-duplicate, decide (state), write, site pages."""
