"""A pipeline with a bug, for the test that a pipeline's exception fails its item and the run."""

from __future__ import annotations


class BrokenPipeline:
    """Raise RuntimeError for the article whose title starts with 第2条; pass every other."""

    def process_item(self, item):
        """Return ``item``, or raise for story number 2."""
        if item.title.startswith("第2条"):
            raise RuntimeError("a bug in a pipeline")
        return item
