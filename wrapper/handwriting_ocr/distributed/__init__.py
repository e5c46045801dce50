"""Beyond one machine: one provider quota shared by every worker, batches on a Dask cluster.

Needs the ``distributed`` extra (``pip install 'handwriting-ocr[distributed]'``: redis-py and Dask
distributed); the rest of the SDK never imports this package.

- :class:`RedisLimiter`: a :class:`~handwriting_ocr.pacing.Limiter` whose token bucket, pause and rate
  live in Redis (one Lua script), for any facade's ``rate_limit=``; falls back to local pacing while
  Redis is unreachable.
- :class:`RedisJournal`: a :class:`~handwriting_ocr.batch.Journal` in Redis, so an Azure operation one
  process started is finished by another.
- :func:`recognize_on_cluster` / :class:`ClusterBatch`: ``recognize_many`` on a Dask cluster, built from
  a :class:`ClientSpec` on each worker, with a run manifest on the driver.
- :func:`bucket_key`: a bucket name for a provider, endpoint and account that shows no credential.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handwriting_ocr._lazy import lazy_exports

if TYPE_CHECKING:
    from handwriting_ocr.distributed._redis import mask_redis_url as mask_redis_url
    from handwriting_ocr.distributed.cluster import ClusterBatch as ClusterBatch
    from handwriting_ocr.distributed.cluster import ClusterStats as ClusterStats
    from handwriting_ocr.distributed.cluster import recognize_on_cluster as recognize_on_cluster
    from handwriting_ocr.distributed.journal import JournalEntry as JournalEntry
    from handwriting_ocr.distributed.journal import RedisJournal as RedisJournal
    from handwriting_ocr.distributed.limiter import LimiterStats as LimiterStats
    from handwriting_ocr.distributed.limiter import RedisLimiter as RedisLimiter
    from handwriting_ocr.distributed.spec import CLUSTER_PROVIDERS as CLUSTER_PROVIDERS
    from handwriting_ocr.distributed.spec import ClientSpec as ClientSpec
    from handwriting_ocr.distributed.spec import ClusterProvider as ClusterProvider
    from handwriting_ocr.distributed.spec import bucket_key as bucket_key

_LAZY: dict[str, str] = {
    "CLUSTER_PROVIDERS": "handwriting_ocr.distributed.spec",
    "ClientSpec": "handwriting_ocr.distributed.spec",
    "ClusterBatch": "handwriting_ocr.distributed.cluster",
    "ClusterProvider": "handwriting_ocr.distributed.spec",
    "ClusterStats": "handwriting_ocr.distributed.cluster",
    "JournalEntry": "handwriting_ocr.distributed.journal",
    "LimiterStats": "handwriting_ocr.distributed.limiter",
    "RedisJournal": "handwriting_ocr.distributed.journal",
    "RedisLimiter": "handwriting_ocr.distributed.limiter",
    "bucket_key": "handwriting_ocr.distributed.spec",
    "mask_redis_url": "handwriting_ocr.distributed._redis",
    "recognize_on_cluster": "handwriting_ocr.distributed.cluster",
}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
