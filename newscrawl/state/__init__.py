"""State for scheduled crawls: what was seen, written, pruned, and who is running.

Public surface: :func:`canonical_url`, :func:`content_fingerprint`,
:class:`StateStore`, :class:`RunLock` / :class:`LockBusy`,
:func:`decide_write`, :func:`plan_fetch`, :class:`RunSummary` and :func:`prune_archive`.
"""

from newscrawl.state.canonical import canonical_url, content_fingerprint
from newscrawl.state.decide import WriteDecision, decide_write
from newscrawl.state.lock import LockBusy, RunLock, default_lock_path
from newscrawl.state.prune import prune_archive
from newscrawl.state.rechecks import FetchPlan, plan_fetch
from newscrawl.state.records import ArticleRecord, RunRecord
from newscrawl.state.schema import SCHEMA_VERSION, StateError
from newscrawl.state.store import StateStore, default_state_path
from newscrawl.state.summary import KINDS, RunSummary

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "ArticleRecord",
    "FetchPlan",
    "LockBusy",
    "RunLock",
    "RunRecord",
    "RunSummary",
    "StateError",
    "StateStore",
    "WriteDecision",
    "canonical_url",
    "content_fingerprint",
    "decide_write",
    "default_lock_path",
    "default_state_path",
    "plan_fetch",
    "prune_archive",
]
