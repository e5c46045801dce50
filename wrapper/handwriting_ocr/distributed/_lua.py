"""The shared token bucket: one Lua script, run atomically by Redis, with pacing/bucket.py's arithmetic.

State (a hash at ``KEYS[1]``)::

    tat       theoretical arrival time of the next request (GCRA), on the script's clock
    rate      requests per second paced at now (the configured rate, lowered on throttling)
    ceiling   the configured rate the bucket was last given
    burst     the burst (requests that may go at once after idling)
    epoch     bumped by every pause and every decrease: the "regime" of a Permit
    paused    the shared "back off until" time (a Retry-After), if any
    tick      when the rate last grew (recovery)

The clock is Redis's own (``TIME``), one clock for every worker on every machine; tests pass ``now``
instead, to compare the script with :class:`~handwriting_ocr.pacing.bucket.TokenBucket` step by step.
Numbers travel as ``%.17g`` text, which round-trips a double exactly, so the script computes the same
floating-point values as the Python bucket for the same sequence.

Operations (``ARGV[1]``):

``reserve``
    :meth:`TokenBucket.reserve`, preceded by the recovery step of
    :meth:`~handwriting_ocr.pacing.adaptive.AdaptiveRate.tick` (while requests wait for the bucket, the
    rate grows by ``recovery`` of itself per second, up to the ceiling). Answers the wait in seconds
    (or ``none`` when it would exceed ``max_wait``; nothing is reserved then), the epoch and the rate.
``throttle``
    :meth:`~handwriting_ocr.pacing.limiter.LocalLimiter.on_throttled` for every worker at once: a
    throttle of a request paced under the current epoch lowers the shared rate (times ``decrease``,
    at least ``min_rate``); a ``retry_after`` moves the shared pause (at most ``max_pause`` ahead);
    either way the bucket restarts behind the pause at the (lower) rate and the epoch moves on, so
    every waiter on every worker queues again. A throttle of an older epoch with no later pause says
    nothing new (``stale``).
``restart``
    :meth:`TokenBucket.restart_at` (``ARGV[7]`` is the time), bumping the epoch.
"""

from __future__ import annotations

from typing import Final

__all__ = ["BUCKET_SCRIPT"]

BUCKET_SCRIPT: Final = r"""
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local ceiling = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local ttl = tonumber(ARGV[12])

local state = redis.call('HMGET', key, 'tat', 'rate', 'ceiling', 'burst', 'epoch', 'paused', 'tick')
local tat = tonumber(state[1])
local rate = tonumber(state[2])
local epoch = tonumber(state[5]) or 0
local paused = tonumber(state[6])
local tick = tonumber(state[7]) or now
if rate == nil or tonumber(state[3]) ~= ceiling then
  rate = ceiling  -- a new bucket, or a newly configured rate
end

local function fmt(x)
  return string.format('%.17g', x)
end

local function save()
  redis.call('HSET', key, 'rate', fmt(rate), 'ceiling', fmt(ceiling), 'burst', fmt(burst),
             'epoch', fmt(epoch), 'tick', fmt(tick))
  if tat ~= nil then
    redis.call('HSET', key, 'tat', fmt(tat))
  end
  if paused ~= nil then
    redis.call('HSET', key, 'paused', fmt(paused))
  end
  redis.call('PEXPIRE', key, ttl)
end

if op == 'reserve' then
  local max_wait = tonumber(ARGV[5])
  local recovery = tonumber(ARGV[9])
  local interval = 1 / rate
  local start = now
  if tat ~= nil and tat > now then
    start = tat
  end
  -- Demand: this request would wait at the current rate (AdaptiveRate.tick's "waiting").
  local waiting = start - (burst - 1) * interval - now > 0
  local elapsed = now - tick
  if elapsed < 0 then
    elapsed = 0
  end
  if waiting and elapsed > 0 and recovery > 0 and rate < ceiling then
    rate = math.min(ceiling, rate * (1 + recovery) ^ elapsed)
    interval = 1 / rate
  end
  tick = now
  local wait = start - (burst - 1) * interval - now
  if wait < 0 then
    wait = 0
  end
  if max_wait ~= nil and wait > max_wait then
    save()
    return {'none', fmt(epoch), fmt(rate)}
  end
  tat = start + interval
  save()
  return {fmt(wait), fmt(epoch), fmt(rate)}
end

if op == 'throttle' then
  local regime = tonumber(ARGV[6])
  local retry_after = tonumber(ARGV[7])
  local decrease = tonumber(ARGV[8])
  local max_pause = tonumber(ARGV[10])
  local min_rate = tonumber(ARGV[11])
  local fresh = regime == epoch
  local pause = nil
  if retry_after ~= nil and retry_after > 0 then
    pause = now + math.min(retry_after, max_pause)
  end
  if not fresh and (pause == nil or (paused ~= nil and pause <= paused)) then
    return {'stale', fmt(epoch), fmt(rate)}
  end
  if fresh and decrease < 1 then
    rate = math.max(min_rate, rate * decrease)
  end
  if pause ~= nil and (paused == nil or pause > paused) then
    paused = pause
  end
  local interval = 1 / rate
  local restart = now + interval
  if paused ~= nil and paused > restart then
    restart = paused
  end
  tat = restart + (burst - 1) * interval
  epoch = epoch + 1
  save()
  return {'ok', fmt(epoch), fmt(rate)}
end

if op == 'restart' then
  local until_time = tonumber(ARGV[7])
  tat = until_time + (burst - 1) * (1 / rate)
  epoch = epoch + 1
  save()
  return {'ok', fmt(epoch), fmt(rate)}
end

return redis.error_reply('unknown bucket operation ' .. tostring(op))
"""
