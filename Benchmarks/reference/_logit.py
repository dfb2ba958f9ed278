"""Exact penalised logistic regression helpers shared by the reference scripts.

Objective (scikit-learn's parameterisation, intercept b never penalised):
    F(b, beta) = C * sum_i w_i * logloss_i + 0.5*(1-r)*||beta||^2 + r*||beta||_1
    logloss_i  = log(1 + exp(eta_i)) - y_i*eta_i,   eta_i = b + x_i . beta
Gradients and objective values are accumulated in numpy.longdouble (80-bit
extended precision on x86-64) so the optimum is resolved below float64
rounding; the Newton linear solves use float64 (iterative refinement).
"""
from __future__ import annotations

import math

import numpy as np
from scipy import stats

LD = np.longdouble
Z975 = float(stats.norm.ppf(0.975))


def softplus(eta):
    return np.maximum(eta, 0) + np.log1p(np.exp(-np.abs(eta)))


def sigmoid(eta):
    out = np.empty_like(eta)
    pos = eta >= 0
    out[pos] = 1 / (1 + np.exp(-eta[pos]))
    e = np.exp(eta[~pos])
    out[~pos] = e / (1 + e)
    return out


def design(X):
    X = np.asarray(X, dtype=np.float64)
    return np.hstack([np.ones((X.shape[0], 1)), X])


def objective(theta, X, y, C=1.0, w=None, l1_ratio=0.0, penalized=True):
    """theta = [b, beta...]; X without intercept column. Returns float (computed in long double)."""
    A = design(X).astype(LD)
    th = np.asarray(theta, dtype=LD)
    eta = A @ th
    yl = np.asarray(y, dtype=LD)
    wl = np.ones_like(yl) if w is None else np.asarray(w, dtype=LD)
    data = LD(C) * np.sum(wl * (softplus(eta) - yl * eta))
    if not penalized:
        return float(data)
    beta = th[1:]
    r = LD(l1_ratio)
    return float(data + LD(0.5) * (1 - r) * np.sum(beta * beta) + r * np.sum(np.abs(beta)))


def log_likelihood(theta, X, y):
    A = design(X).astype(LD)
    eta = A @ np.asarray(theta, dtype=LD)
    yl = np.asarray(y, dtype=LD)
    return float(-np.sum(softplus(eta) - yl * eta))


def _grad_hess(th, A_ld, A64, yl, wl, C, lam, lin):
    """Gradient (long double) and Hessian (float64) of the smooth objective
    C*sum w*logloss + 0.5*lam*||beta||^2 + lin.beta (lin = r*sign for fixed-sign L1)."""
    eta = A_ld @ th
    p = sigmoid(eta)
    g = LD(C) * (A_ld.T @ (wl * (p - yl)))
    g[1:] += LD(lam) * th[1:] + lin
    d = (C * np.asarray(wl * p * (1 - p), dtype=np.float64))
    H = A64.T @ (A64 * d[:, None])
    H[1:, 1:] += lam * np.eye(len(th) - 1)
    return g, H


def newton(X, y, C=1.0, w=None, lam=1.0, lin=None, cols=None, tol=1e-13, max_iter=200):
    """Minimise C*sum w*logloss + 0.5*lam*||beta||^2 + lin.beta over [b, beta[cols]]
    (other coefficients fixed at 0). Returns (theta_full_float64, info)."""
    X = np.asarray(X, dtype=np.float64)
    k = X.shape[1]
    cols = list(range(k)) if cols is None else list(cols)
    A64 = design(X[:, cols])
    A_ld = A64.astype(LD)
    yl = np.asarray(y, dtype=LD)
    wl = np.ones_like(yl) if w is None else np.asarray(w, dtype=LD)
    linl = np.zeros(len(cols), dtype=LD) if lin is None else np.asarray(lin, dtype=LD)
    th = np.zeros(len(cols) + 1, dtype=LD)
    history = []
    for it in range(max_iter):
        g, H = _grad_hess(th, A_ld, A64, yl, wl, C, lam, linl)
        gmax = float(np.max(np.abs(g)))
        history.append(gmax)
        if gmax < tol:
            break
        step = np.linalg.solve(H, -np.asarray(g, dtype=np.float64))
        th = th + step.astype(LD)
    else:
        raise RuntimeError(f"Newton did not converge: {history[-5:]}")
    full = np.zeros(k + 1, dtype=LD)
    full[0] = th[0]
    for j, c in enumerate(cols):
        full[c + 1] = th[j + 1]
    theta64 = np.asarray(full, dtype=np.float64)
    # gradient of the same objective at the float64-rounded optimum
    g64, _ = _grad_hess(np.asarray(theta64[[0] + [c + 1 for c in cols]], dtype=LD),
                        A_ld, A64, yl, wl, C, lam, linl)
    info = {
        "iterations": it,
        "grad_max_abs_long_double_optimum": float(np.max(np.abs(g))),
        "grad_max_abs_at_float64_rounded_coefficients": float(np.max(np.abs(g64))),
        "grad_max_abs_history": history,
    }
    return theta64, info


def penalized_hessian(theta, X, y, C=1.0, w=None, lam=1.0):
    A = design(X)
    p = sigmoid(A @ np.asarray(theta, dtype=np.float64))
    ww = np.ones(len(y)) if w is None else np.asarray(w, dtype=np.float64)
    H = A.T @ (A * (C * ww * p * (1 - p))[:, None])
    H[1:, 1:] += lam * np.eye(A.shape[1] - 1)
    return H


def inference(theta, cov, names):
    theta = np.asarray(theta, dtype=np.float64)
    se = np.sqrt(np.diag(cov))
    z = theta / se
    pv = 2 * stats.norm.sf(np.abs(z))
    return {
        "names": names,
        "estimate": theta.tolist(),
        "std_error": se.tolist(),
        "z": z.tolist(),
        "p_value": pv.tolist(),
        "ci95_lower": (theta - Z975 * se).tolist(),
        "ci95_upper": (theta + Z975 * se).tolist(),
        "z_critical": Z975,
    }


def elastic_net_exact(X, y, C, l1_ratio, w=None, start=None, max_rounds=20):
    """Exact minimiser of C*sum w*logloss + 0.5*(1-r)||beta||^2 + r||beta||_1 by
    active-set Newton: fix the support and signs, solve the smooth problem, check
    KKT (|C * x_j.(p-y)| <= r on zero coefficients, signs kept on the support)."""
    X = np.asarray(X, dtype=np.float64)
    k = X.shape[1]
    r = float(l1_ratio)
    lam = 1.0 - r
    if start is None:
        support, signs = [], {}
    else:
        support = [j for j in range(k) if start[j] != 0]
        signs = {j: float(np.sign(start[j])) for j in support}
    for _ in range(max_rounds):
        lin = [r * signs[j] for j in support]
        theta, info = newton(X, y, C=C, w=w, lam=lam, lin=lin, cols=support)
        beta = theta[1:]
        flipped = [j for j in support if np.sign(beta[j]) != signs[j]]
        # KKT on the zero set
        A = design(X)
        p = sigmoid(A @ theta)
        ww = np.ones(len(y)) if w is None else np.asarray(w, dtype=np.float64)
        gdata = C * (X.T @ (ww * (p - np.asarray(y, dtype=np.float64))))
        violators = [j for j in range(k) if j not in support and abs(gdata[j]) > r]
        if not flipped and not violators:
            kkt = {"zero_coefficients": [j for j in range(k) if j not in support],
                   "abs_smooth_gradient_on_zero_set": [abs(float(gdata[j])) for j in range(k)
                                                       if j not in support],
                   "threshold_l1_ratio": r}
            info["kkt"] = kkt
            return theta, info
        for j in flipped:
            support.remove(j)
            del signs[j]
        for j in violators:
            support.append(j)
            signs[j] = -float(np.sign(gdata[j]))
        support.sort()
    raise RuntimeError("active set did not settle")
