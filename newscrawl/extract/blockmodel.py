"""Score text blocks as article text or not with a small learned model, and trim the text's tail by it.

Each block of the walk (``blocks.py``) is described by what the walk and the
rules already know: link and prose shares, length, tag path, class and id
words of the block's owner and its two parents (and a short block's own
words), place among the page's blocks, beside the headline and against the
rules' text, punctuation, CJK and digit shares, the rules' line tests. Boosted
trees read from ``blockmodel.json`` (written by ``bench/train_blocks.py``)
give the probability a block is article text, in pure Python. At run time the
body finder asks only about the last paragraphs it kept: trailing ones the
model scores under the file's ``drop_below`` are end-of-article furniture
(``trim_tail``). The other uses (``revise``, ``trim_edges``, ``add_only``)
are what the experiment compared; see ``bench/RULES.md``.
"""

from __future__ import annotations

import json
import math
import pkgutil
import re
from functools import lru_cache
from pathlib import Path

from lxml.html import HtmlElement

from newscrawl.extract.blocks import Block, Walk
from newscrawl.extract.bodytext import BodyText
from newscrawl.extract.lines import is_bare_date, is_caption, is_meta_line, is_promo_label, is_related_heading
from newscrawl.extract.text import SENTENCE_END, cjk_ratio, punctuation_count

MODEL_FILE = Path(__file__).with_name("blockmodel.json")
_OWNER_TAGS = ("p", "div", "li", "td", "h2", "h3", "h4", "blockquote", "figcaption", "pre", "dd", "span", "section")
_PATH_TAGS = ("article", "main", "ul", "table", "header", "footer", "aside", "nav", "form", "figure", "blockquote")
_WORD = re.compile(r"[a-z]{3,}")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = tuple(SENTENCE_END)
_NAMED_DEPTH = 3  # the owner and its two parents lend their class and id words
_SHORT_TEXT = 80  # a block this short lends the words of its text too (labels, widget lines)
_TEXT_WORD = re.compile(r"[^\W\d_]{3,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def feature_names() -> list[str]:
    """Return the names of the dense features, in the order ``block_features`` gives them."""
    return ["log_len", "link_share", "prose_share", "has_prose", "heading", "caption", "after_image", "bold",
            "boilerplate", "junk", "depth", "position", "after_title", "title_distance", "no_title",
            "in_container", "kept", "punct_share", "cjk_share", "digit_share", "sentence_end",
            "meta_line", "related_heading", "promo_label", "caption_line", "bare_date",
            "prev_prose", "next_prose", "prev_kept", "next_kept", "long_share",
            "before_kept", "after_kept", "kept_distance",
            *(f"owner_{tag}" for tag in _OWNER_TAGS), *(f"path_{tag}" for tag in _PATH_TAGS)]


def block_words(block: Block) -> set[str]:
    """Return the class and id words of the block's owner and its two parents ("post-body" -> post, body),
    and the words of a short block's own text, marked ``t:`` (a CJK text gives its character pairs)."""
    words: set[str] = set()
    text = block.text
    if len(text) <= _SHORT_TEXT:
        low = text.lower()
        words.update("t:" + word for word in _TEXT_WORD.findall(low))
        for run in _CJK_RUN.findall(text):
            words.update("t:" + run[i:i + 2] for i in range(len(run) - 1))
    for el in block.stack[-_NAMED_DEPTH:]:
        for name in (el.get("class"), el.get("id")):
            if name:
                words.update(_WORD.findall(name.lower()))
    return words


def _around(blocks: list[Block], index: int, kept: set[int]) -> list[float]:
    """Return the neighbour features of the block at ``index``: prose and rules' choice before and after."""
    prev = blocks[index - 1] if index > 0 else None
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    return [float(prev is not None and prev.prose > 0), float(after is not None and after.prose > 0),
            float(index - 1 in kept), float(index + 1 in kept)]


def block_features(blocks: list[Block], index: int, context: dict) -> list[float]:
    """Return the dense features of ``blocks[index]`` in the page ``context`` (see ``page_context``)."""
    block = blocks[index]
    text = block.text
    length = len(text)
    title = context["title_index"]
    owner = block.stack[-1].tag if block.stack else ""
    path = {el.tag for el in block.stack}
    distance = 0.0 if title is None else max(-1.0, min(1.0, (block.index - title) / 30))
    return [
        math.log1p(length) / 8, block.link_chars / length, block.prose / length, float(block.prose > 0),
        float(block.heading), float(block.caption), float(block.after_image), float(block.bold),
        float(bool(block.boilerplate)), float(not context["junk"].isdisjoint(block.boilerplate)),
        min(len(block.stack), 30) / 30, block.index / max(1, context["count"]),
        float(title is not None and block.index > title), distance, float(title is None),
        float(context["container"] is not None and context["container"] in block.stack),
        float(block.index in context["kept"]),
        min(1.0, punctuation_count(text) * 20 / length), cjk_ratio(text),
        len(_DIGIT.findall(text)) / length, float(text.endswith(_SENTENCE_END)),
        float(is_meta_line(text)), float(is_related_heading(text)), float(is_promo_label(text)),
        float(is_caption(block)), float(is_bare_date(text)),
        *_around(blocks, index, context["kept"]),
        min(1.0, block.prose / max(1, context["longest"])), *_beside_kept(block.index, context["kept_span"]),
        *(float(owner == tag) for tag in _OWNER_TAGS), *(float(tag in path) for tag in _PATH_TAGS),
    ]


def page_context(blocks: list[Block], container: HtmlElement | None, kept: list[Block], junk: set,
                 title_index: int | None) -> dict:
    """Return what every block's features are measured against on one page."""
    return {"count": len(blocks), "container": container, "kept": {b.index for b in kept}, "junk": junk,
            "title_index": title_index, "longest": max((b.prose for b in blocks), default=0),
            "kept_span": (kept[0].index, kept[-1].index) if kept else None}


def _beside_kept(index: int, span: tuple[int, int] | None) -> list[float]:
    """Return where a block lies against the rules' text: before it, after it, and how far (in blocks)."""
    if span is None:
        return [0.0, 0.0, 1.0]
    first, last = span
    distance = first - index if index < first else index - last if index > last else 0
    return [float(index < first), float(index > last), min(1.0, distance / 10)]


class BlockModel:
    """A trained block scorer read from its JSON form: logistic weights, or boosted trees."""

    def __init__(self, data: dict) -> None:
        if data["features"] != feature_names():
            raise ValueError("block model was trained on other features; rerun bench/train_blocks.py")
        self.data = data
        self.drop_below: float = data["drop_below"]
        self.add_above: float = data["add_above"]
        self.vocab = {word: column for column, word in enumerate(data.get("vocab", []))}

    def score(self, blocks: list[Block], index: int, context: dict) -> float:
        """Return the probability that ``blocks[index]`` is article text."""
        dense = block_features(blocks, index, context)
        words = block_words(blocks[index])
        data = self.data
        if data["kind"] == "linear":
            known = data["words"]
            total = data["bias"] + sum(w * x for w, x in zip(data["weights"], dense))
            total += sum(known.get(word, 0.0) for word in words)
        else:
            row = dense + [0.0] * len(self.vocab)
            for word in words:
                if word in self.vocab:
                    row[len(dense) + self.vocab[word]] = 1.0
            total = data["base"] + sum(_leaf(tree, row) for tree in data["trees"])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def _leaf(tree: list, row: list[float]) -> float:
    """Return the value of the leaf ``row`` falls in (a node is [column, cut, below, at or above])."""
    while len(tree) == 4:
        tree = tree[3] if row[tree[0]] >= tree[1] else tree[2]
    return tree[0]


def candidates(blocks: list[Block], container: HtmlElement | None, title_index: int | None) -> list[int]:
    """Return the indexes of the blocks a second opinion may keep: the container's, and any between
    the headline and the container (a standfirst)."""
    if container is None:
        return []
    inside = [b.index for b in blocks if container in b.stack]
    if inside and title_index is not None and title_index < inside[0]:
        inside = list(range(title_index, inside[0])) + inside
    return inside


def revise(model: BlockModel, blocks: list[Block], container: HtmlElement | None, kept: list[Block],
           junk: set, title_index: int | None) -> list[Block]:
    """Return the rules' ``kept`` blocks as the model would have them: the ones it scores low dropped,
    the candidates it scores high added, in page order."""
    context = page_context(blocks, container, kept, junk, title_index)
    chosen = context["kept"]
    out = []
    for index in candidates(blocks, container, title_index):
        probability = model.score(blocks, index, context)
        if probability >= (model.drop_below if index in chosen else model.add_above):
            out.append(blocks[index])
    return out


def trim_edges(model: BlockModel, blocks: list[Block], container: HtmlElement | None, kept: list[Block],
               junk: set, title_index: int | None) -> list[Block]:
    """Return the rules' ``kept`` blocks with the model's say at the edges only: leading and trailing
    ones it scores low dropped, candidates next to them it scores high added; only those are scored."""
    if not kept:
        return kept
    context = page_context(blocks, container, kept, junk, title_index)
    allowed = set(candidates(blocks, container, title_index))
    chosen = [b.index for b in kept]
    while chosen and model.score(blocks, chosen[0], context) < model.drop_below:
        chosen.pop(0)
    while chosen and model.score(blocks, chosen[-1], context) < model.drop_below:
        chosen.pop()
    if not chosen:
        return []
    first, last = chosen[0], chosen[-1]
    before = []
    while first - 1 in allowed and first - 1 not in context["kept"] and \
            model.score(blocks, first - 1, context) >= model.add_above:
        first -= 1
        before.insert(0, first)
    after = []
    while last + 1 in allowed and last + 1 not in context["kept"] and \
            model.score(blocks, last + 1, context) >= model.add_above:
        last += 1
        after.append(last)
    return [blocks[i] for i in before + chosen + after]


def add_only(model: BlockModel, blocks: list[Block], container: HtmlElement | None, kept: list[Block],
             junk: set, title_index: int | None) -> list[Block]:
    """Return the rules' ``kept`` blocks plus the candidates they left out that the model scores high;
    only those left out are scored."""
    if not kept or model.add_above > 1.0:
        return kept
    context = page_context(blocks, container, kept, junk, title_index)
    chosen = context["kept"]
    return [blocks[i] for i in candidates(blocks, container, title_index)
            if i in chosen or model.score(blocks, i, context) >= model.add_above]


#: A block ending as a sentence ends ("…阅读。", "…confidence.", "…“quoted.”") is never trimmed: the
#: model may call a story's last sentence furniture, and a sentence lost is worse than a promo kept.
_ENDS_AS_SENTENCE = re.compile(r"[。！？!?.…][\"'”’）)」』]*$")


@lru_cache(maxsize=1)
def shipped_model() -> BlockModel:
    """Return the model shipped beside this module (read once).

    Read as package data, not as a file: scrapyd runs the project from a zipped egg.
    """
    return BlockModel(json.loads(pkgutil.get_data(__package__, MODEL_FILE.name)))


def trim_tail(blocks: list[Block], container: HtmlElement | None, kept: list[Block], junk: set,
              title_index: int | None, model: BlockModel | None = None) -> list[Block]:
    """Return ``kept`` without the trailing blocks the model scores under its ``drop_below``
    (end-of-article furniture: share lines, sign-offs, promos); the first block always stays."""
    if len(kept) < 2:
        return kept
    model = model or shipped_model()
    context = page_context(blocks, container, kept, junk, title_index)
    end = len(kept)
    while end > 1 and not _ENDS_AS_SENTENCE.search(kept[end - 1].text) \
            and model.score(blocks, kept[end - 1].index, context) < model.drop_below:
        end -= 1
    return kept[:end]


def tail_trimmed(found: BodyText, walked: Walk, junk: set, title_index: int | None) -> BodyText:
    """Return the body finder's ``found`` text less the trailing paragraphs the model calls furniture;
    text not shown in ``walked`` (from data, from a hidden copy) is returned as it is."""
    anchors = found.anchors
    if len(anchors) < 2 or found.blocks is not walked.blocks or None in anchors:
        return found
    kept = [walked.blocks[a] for a in anchors]
    left = len(trim_tail(walked.blocks, found.node, kept, junk, title_index))
    return found if left == len(kept) else found._replace(paragraphs=found.paragraphs[:left], anchors=anchors[:left])
