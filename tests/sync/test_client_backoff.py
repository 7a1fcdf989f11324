"""The back-off policy: exponential bound, full jitter, cap, Retry-After never cut short."""

from __future__ import annotations

import random

import pytest

from sync.backoff import Backoff


def fixed(value: float) -> Backoff:
    return Backoff(base=2.0, cap=300.0, floor=0.5, random_source=lambda: value)


def test_bound_doubles_and_is_capped() -> None:
    policy = fixed(1.0)
    assert [policy.bound(n) for n in range(5)] == [2.0, 4.0, 8.0, 16.0, 32.0]
    assert policy.bound(9) == 300.0
    assert policy.bound(10_000) == 300.0


def test_full_jitter_spans_zero_to_bound_with_a_floor() -> None:
    assert fixed(1.0).delay(3) == 16.0
    assert fixed(0.5).delay(3) == 8.0
    # A zero draw would retry at once; the floor prevents a tight loop.
    assert fixed(0.0).delay(3) == 0.5


def test_retry_after_is_never_cut_short() -> None:
    assert fixed(0.0).delay(0, retry_after=7.0) == 7.0
    assert fixed(1.0).delay(0, retry_after=7.0) == 7.0
    # Past the cap too: the server said so.
    assert fixed(1.0).delay(20, retry_after=900.0) == 900.0
    # A longer jittered wait stands when Retry-After is shorter.
    assert fixed(1.0).delay(5, retry_after=3.0) == 64.0


def test_seeded_random_source_gives_spread_within_bounds() -> None:
    rng = random.Random(20261129)
    policy = Backoff(base=1.0, cap=60.0, floor=0.0, random_source=rng.random)
    delays = [policy.delay(4) for _ in range(200)]
    assert all(0.0 <= d <= 16.0 for d in delays)
    # Full jitter spreads the herd: the draws are not all the same.
    assert max(delays) - min(delays) > 8.0


def test_invalid_settings_and_sources_are_refused() -> None:
    with pytest.raises(ValueError):
        Backoff(base=0)
    with pytest.raises(ValueError):
        Backoff(cap=1.0, floor=2.0)
    with pytest.raises(ValueError):
        fixed(1.0).delay(-1)
    with pytest.raises(ValueError):
        fixed(1.5).delay(0)
