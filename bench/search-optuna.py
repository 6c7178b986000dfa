"""Optuna's TPESampler on the functions of bench/search-functions.ts, for bench/search-tpe.ts.

Runs TPESampler(seed=seed) with default settings for --trials trials from --seeds seeds
(0..seeds-1) on each function and prints one JSON object on stdout:
  {"version": optuna.__version__, "checkpoints": [...],
   "rows": [{"fn": name, "method": label, "bests": [[best per seed] per checkpoint], "seconds": s}]}
With --fixed-logpdf it also runs a second row with Optuna issue #5109 fixed in place
(optuna/optuna PR #5110, released after 3.4): before it, _truncnorm.logpdf left out
-log(scale), so continuous kernels' densities were not normalized. Debian's python3-optuna
3.1.0 has the bug; the patched row is what newer Optuna computes for continuous parameters.
Keep the functions in step with bench/search-functions.ts.
"""
import argparse
import json
import math
import time

import numpy as np
import optuna
from optuna.samplers._tpe import _truncnorm


def branin(x):
    x1, x2 = x
    b = 5.1 / (4 * math.pi**2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


H6_ALPHA = [1.0, 1.2, 3.0, 3.2]
H6_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
H6_P = [
    [v * 1e-4 for v in row]
    for row in [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
]


def hartmann6(x):
    total = 0.0
    for i in range(4):
        inner = sum(H6_A[i][j] * (x[j] - H6_P[i][j]) ** 2 for j in range(6))
        total += H6_ALPHA[i] * math.exp(-inner)
    return -total


LOG_D = 10
LOG_C = [10 ** -(1 + 4 * i / (LOG_D - 1)) for i in range(LOG_D)]


def log_ellipsoid10(x):
    u = [math.log10(xi / LOG_C[i]) for i, xi in enumerate(x)]
    s = sum((1 + i / (LOG_D - 1)) * u[i] * u[i] for i in range(LOG_D))
    s += sum(0.5 * u[i] * u[i + 1] for i in range(0, LOG_D - 1, 2))
    return s


# name -> (function, [(low, high, log)] per parameter x0, x1, ...)
FUNCTIONS = {
    "branin": (branin, [(-5, 10, False), (0, 15, False)]),
    "hartmann6": (hartmann6, [(0, 1, False)] * 6),
    "log-ellipsoid-10": (log_ellipsoid10, [(1e-6, 1, True)] * LOG_D),
}


def fixed_logpdf(x, a, b, loc=0, scale=1):
    """_truncnorm.logpdf as Optuna computes it since PR #5110: with -log(scale)."""
    z = (x - loc) / scale
    z, a, b = np.atleast_1d(z, a, b)
    out = _truncnorm._norm_logpdf(z) - _truncnorm._log_gauss_mass(a, b) - np.log(scale)
    z, a, b = np.broadcast_arrays(z, a, b)
    out[(z < a) | (b < z)] = -np.inf
    out[a == b] = math.nan
    return out


def run(fn, domains, seed, trials, checkpoints):
    def objective(trial):
        x = [trial.suggest_float(f"x{i}", lo, hi, log=log) for i, (lo, hi, log) in enumerate(domains)]
        return fn(x)

    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=trials)
    values = [t.value for t in study.trials]
    return [min(values[:c]) for c in checkpoints]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--fixed-logpdf", action="store_true")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    checkpoints = [c for c in (20, 50, 100) if c <= args.trials]
    variants = [("optuna %s tpe" % optuna.__version__, _truncnorm.logpdf)]
    if args.fixed_logpdf:
        variants.append(("optuna %s tpe, #5110 fix" % optuna.__version__, fixed_logpdf))
    rows = []
    original = _truncnorm.logpdf
    try:
        for label, logpdf in variants:
            _truncnorm.logpdf = logpdf
            for name, (fn, domains) in FUNCTIONS.items():
                t0 = time.perf_counter()
                per_seed = [run(fn, domains, s, args.trials, checkpoints) for s in range(args.seeds)]
                rows.append({
                    "fn": name,
                    "method": label,
                    "bests": [[b[c] for b in per_seed] for c in range(len(checkpoints))],
                    "seconds": time.perf_counter() - t0,
                })
    finally:
        _truncnorm.logpdf = original
    print(json.dumps({"version": optuna.__version__, "checkpoints": checkpoints, "rows": rows}))


if __name__ == "__main__":
    main()
