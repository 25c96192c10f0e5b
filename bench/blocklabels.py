"""Walk the development pages as the extractor does and label each block body or not (issue 22).

See ``bench/train_blocks.py`` for how the labels are read off the truth and used.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sites  # noqa: E402
from accuracy import load_set  # noqa: E402

from newscrawl.extract import blockmodel  # noqa: E402
from newscrawl.extract.article import build_page  # noqa: E402
from newscrawl.extract.body import _title_index, find_text, furniture, walk_page  # noqa: E402
from newscrawl.extract.title import find_title  # noqa: E402

BODY_SETS = ("zh-news", "aeb-dev", "fundus-dev", "trafilatura-dev")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PUNCT = re.compile(r"[^\w]+")
SHORT_TOKENS = 6  # a block this short found in the truth is left unlabelled


def token_seq(text: str) -> list[str]:
    """Return the scoring tokens of ``text`` in order (as ``scoring.tokens`` counts them)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    out = []
    for piece in re.split(r"(\s+)", text):
        for part in re.split(f"({_CJK.pattern})", piece):
            if _CJK.fullmatch(part or " "):
                out.append(part)
            else:
                word = _PUNCT.sub("", part)
                if word:
                    out.append(word)
    return out


def trigrams(seq: list[str]) -> list[tuple]:
    """Return the token trigrams of a sequence."""
    return [tuple(seq[i:i + 3]) for i in range(len(seq) - 2)]


def label_full(texts: list[str], truth: str) -> list[int]:
    """Return 1/0 per block: is it in the truth's text (half its trigrams, or all of a short block)."""
    seq = token_seq(truth)
    grams = set(trigrams(seq))
    joined = " " + " ".join(seq) + " "
    labels = []
    for text in texts:
        own = token_seq(text)
        if len(own) >= 3:
            mine = trigrams(own)
            labels.append(int(sum(g in grams for g in mine) * 2 >= len(mine)))
        else:
            labels.append(0 if not own or f" {' '.join(own)} " not in joined else -1)
        if labels[-1] == 1 and len(own) < SHORT_TOKENS:
            labels[-1] = -1  # a few words found in the truth may be there by chance: not labelled
    return labels


def label_snippets(texts: list[str], with_: list[str], without: list[str]) -> list[int]:
    """Return 1 (holds a wanted snippet), 0 (holds an unwanted one) or -1 (unknown) per block."""
    wanted = [" ".join(s.split()) for s in with_ if s.strip()]
    unwanted = [" ".join(s.split()) for s in without if s.strip()]
    labels = []
    for text in texts:
        norm = " ".join(text.split())

        def hit(snippets: list[str]) -> bool:
            return any(s in norm or (len(norm) >= 20 and norm in s) for s in snippets)

        yes, no = hit(wanted), hit(unwanted)
        labels.append(1 if yes and not no else 0 if no and not yes else -1)
    return labels


def walk_record(set_name: str, truth: dict, html: bytes) -> dict:
    """Return one page's blocks, the rules' choice, features and labels."""
    page, _ = build_page(html, sites.extractor_url(truth))
    page.learned_blocks = False  # the rules' own choice: what the model learns to second
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked[1])
    text = find_text(page, walked)
    blocks = walked.blocks
    from_data = any(a is None for a in text.anchors) or text.blocks is not blocks
    kept = [] if from_data else [blocks[a] for a in text.anchors]
    title_index = _title_index(blocks, walked.headings, page.title_node)
    junk = furniture(blocks)
    context = blockmodel.page_context(blocks, text.node, kept, junk, title_index)
    texts = [b.text for b in blocks]
    if truth.get("body"):
        labels = label_full(texts, truth["body"])
    else:
        labels = label_snippets(texts, truth.get("body_with") or [], truth.get("body_without") or [])
    return {
        "set": set_name, "truth": truth, "texts": texts, "labels": np.array(labels),
        "dense": np.array([blockmodel.block_features(blocks, i, context) for i in range(len(blocks))]).reshape(
            len(blocks), len(blockmodel.feature_names())),
        "words": [blockmodel.block_words(b) for b in blocks],
        "lengths": np.array([len(t) for t in texts]),
        "rules": text.paragraphs, "from_data": from_data,
        "kept": np.array([i in context["kept"] for i in range(len(blocks))], dtype=bool),
        "candidate": np.isin(np.arange(len(blocks)), blockmodel.candidates(blocks, text.node, title_index)),
        "live": (blocks, text.node, kept, junk, title_index),
    }


def load_records(limit: int | None) -> list[dict]:
    """Return the records of every open-fold page with a body truth, with its site and fold."""
    records = []
    for set_name in BODY_SETS:
        pages = load_set(set_name, limit)
        fold_of = sites.split_folds(set_name, [row for row, _ in pages])
        for truth, html in pages:
            if fold_of[truth["id"]] == sites.LAST_FOLD:
                continue  # the last fold stays closed
            record = walk_record(set_name, truth, html)
            record["fold"] = fold_of[truth["id"]]
            record["site"] = set_name + ":" + sites.site_key(set_name, truth)
            records.append(record)
    return records
