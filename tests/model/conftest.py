"""The model crawls on Redis use the distributed tests' own redis-server (tests/distributed/conftest.py)."""

from tests.distributed.conftest import redis_server, redis_url  # noqa: F401 (pytest fixtures)
