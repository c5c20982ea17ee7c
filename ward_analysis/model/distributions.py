"""Small distributions the kinds need, vectorised: negative binomial tail and quantiles,
and the Beta–Binomial chance that the next years all pass."""

from __future__ import annotations

import numpy as np
from scipy.special import betainc, gammaln, nbdtrik


def nbinom_sf(k: np.ndarray, r: np.ndarray, q: np.ndarray) -> np.ndarray:
    """P(X > k) for a negative binomial X (r successes, success probability q); X ≥ 0."""
    k = np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(k < 0, 1.0, betainc(np.floor(k) + 1, r, 1 - q))


def nbinom_quantiles(levels: tuple[float, ...], r: np.ndarray, q: np.ndarray) -> list[np.ndarray]:
    """For each level, the smallest k with P(X ≤ k) ≥ level (negative binomial), as scipy.stats
    computes it (an inverse of the incomplete beta, then one step of correction)."""
    out = []
    for level in levels:
        with np.errstate(invalid="ignore"):
            k = np.ceil(nbdtrik(level, r, q))
            below = np.clip(k - 1, 0, None)
            out.append(np.where(1 - nbinom_sf(below, r, q) >= level, below, k))
    return out


def p_all_pass(passes, fails, remaining, prior: tuple[float, float]) -> np.ndarray:
    """P(the next ``remaining`` years all pass): Beta prior updated with the history (Beta–Binomial)."""
    a, b = prior[0] + passes, prior[1] + fails
    m = remaining
    return np.exp(gammaln(a + m) - gammaln(a) + gammaln(a + b) - gammaln(a + b + m))
