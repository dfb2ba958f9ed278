#!/usr/bin/env python3
"""CDNOW churn logistic regression golden values -> output/cdnow_logistic.json.

Features frequency, recency, T, monetary_value (see cdnow_features.py), target
is_churn. Each feature is standardised with its mean and population standard
deviation (ddof=0). Main fit: minimise C*sum logloss + 0.5*||beta||^2 with C=1,
intercept unpenalised, by scikit-learn (newton-cholesky) and by an exact Newton
iteration (long-double gradient, stopped when max|grad| < 1e-13).
Inference treats the penalised Hessian H = C*X'DX + diag(0,1,..,1) (X with an
intercept column, D = p(1-p)) as the Fisher information: cov = H^-1.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import sklearn
import statsmodels.api as sm
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

import _common
import _logit
from cdnow_features import CORE, SPOT_IDS, compute_features, load_transactions

FEATURES = CORE  # frequency, recency, T, monetary_value
NAMES = ["intercept"] + FEATURES


def standardize(F):
    F = np.asarray(F, dtype=np.float64)
    n = F.shape[0]
    means = np.array([math.fsum(F[:, j]) / n for j in range(F.shape[1])])
    stds = np.array([math.sqrt(math.fsum((F[:, j] - means[j]) ** 2) / n) for j in range(F.shape[1])])
    return (F - means) / stds, means, stds


def to_original_scale(theta, means, stds):
    b, beta = theta[0], np.asarray(theta[1:])
    coef = beta / stds
    intercept = b - math.fsum(beta * means / stds)
    return coef, intercept


def sk_fit(X, y, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = LogisticRegression(**kw).fit(X, y)
    conv = [str(w.message) for w in caught if issubclass(w.category, ConvergenceWarning)]
    theta = np.concatenate([[m.intercept_[0]], m.coef_[0]])
    return m, theta, conv


def fit_block(theta, X, y, C, w=None, l1_ratio=0.0):
    return {
        "intercept": float(theta[0]),
        "coefficients": dict(zip(FEATURES, map(float, theta[1:]))),
        "coefficients_list": [float(v) for v in theta[1:]],
        "objective": _logit.objective(theta, X, y, C=C, w=w, l1_ratio=l1_ratio),
    }


def main() -> None:
    args = _common.parse_args(__doc__.splitlines()[0])
    path = _common.data_file(args.data_dir, "cdnow/transactions.csv")
    feats = compute_features(load_transactions(path))
    F = feats[FEATURES].to_numpy(dtype=np.float64)
    y = feats["is_churn"].to_numpy(dtype=np.float64)
    X, means, stds = standardize(F)
    n = len(y)

    # ---- main L2 fit, C = 1 ------------------------------------------------
    C = 1.0
    sk_model, th_sk, sk_warn = sk_fit(X, y, solver="newton-cholesky", C=C, tol=1e-12, max_iter=1000)
    th_nt, nt_info = _logit.newton(X, y, C=C, lam=1.0, tol=1e-13)
    assert np.max(np.abs(th_sk - th_nt)) < 1e-8, (th_sk, th_nt)

    H = _logit.penalized_hessian(th_nt, X, y, C=C, lam=1.0)
    cov = np.linalg.inv(H)
    coef_orig, b_orig = to_original_scale(th_nt, means, stds)
    # linear map theta_std -> theta_orig, for the original-scale covariance
    M = np.zeros((5, 5))
    M[0, 0] = 1.0
    M[0, 1:] = -means / stds
    M[1:, 1:] = np.diag(1 / stds)
    cov_orig = M @ cov @ M.T
    th_orig = np.concatenate([[b_orig], coef_orig])

    p_spot = _logit.sigmoid(_logit.design(X) @ th_nt)
    pos = {cid: i for i, cid in enumerate(feats.index)}

    # ---- statsmodels unpenalised Logit -------------------------------------
    sm_res = sm.Logit(y, sm.add_constant(X, has_constant="add")).fit(
        method="newton", maxiter=100, tol=1e-14, disp=0)
    th_unpen, unpen_info = _logit.newton(X, y, C=1.0, lam=0.0, tol=1e-13)
    assert np.max(np.abs(sm_res.params - th_unpen)) < 1e-8

    # ---- class_weight='balanced', C = 1 ------------------------------------
    n_pos, n_neg = y.sum(), n - y.sum()
    w_bal = np.where(y == 1, n / (2 * n_pos), n / (2 * n_neg))
    _, th_bal_sk, bal_warn = sk_fit(X, y, solver="newton-cholesky", C=1.0, tol=1e-12,
                                    max_iter=1000, class_weight="balanced")
    th_bal, bal_info = _logit.newton(X, y, C=1.0, w=w_bal, lam=1.0, tol=1e-13)
    assert np.max(np.abs(th_bal_sk - th_bal)) < 1e-8

    # ---- L1 (saga), smallest-first search for a C with an exact zero -------
    saga_kw = dict(solver="saga", tol=1e-12, max_iter=200_000, random_state=0)
    l1_tried = []
    for C_l1 in [0.001, 0.0005, 0.0002, 0.0001]:
        _, th_l1_sk, l1_warn = sk_fit(X, y, C=C_l1, l1_ratio=1.0, **saga_kw)
        zeros = [FEATURES[j] for j in range(4) if th_l1_sk[j + 1] == 0.0]
        l1_tried.append({"C": C_l1, "exact_zeros": zeros})
        if zeros:
            break
    else:
        raise RuntimeError("no exact zero found for L1")
    th_l1, l1_info = _logit.elastic_net_exact(X, y, C_l1, 1.0, start=th_l1_sk[1:])
    l1_exact_zeros = [FEATURES[j] for j in l1_info["kkt"]["zero_coefficients"]]

    # ---- elastic net, saga, l1_ratio = 0.5, C = 0.001 ----------------------
    C_en, r_en = 0.001, 0.5
    _, th_en_sk, en_warn = sk_fit(X, y, C=C_en, l1_ratio=r_en, **saga_kw)
    th_en, en_info = _logit.elastic_net_exact(X, y, C_en, r_en, start=th_en_sk[1:])

    payload = {
        "generated_by": _common.generated_by("cdnow_logistic.py", {"transactions": path}),
        "description": __doc__,
        "data": {
            "n": n, "n_churned": int(y.sum()),
            "features": FEATURES, "target": "is_churn",
            "standardization": {"means": dict(zip(FEATURES, means)),
                                "stds_population": dict(zip(FEATURES, stds)),
                                "means_list": means, "stds_list": stds, "ddof": 0},
        },
        "objective_definition": "C*sum_i w_i*logloss_i + 0.5*(1-l1_ratio)*||beta||^2 + l1_ratio*||beta||_1; "
                                "intercept unpenalised; w_i = 1 unless stated; evaluated in long double",
        "l2_C1": {
            "C": C,
            "newton": {**fit_block(th_nt, X, y, C), **{k: v for k, v in nt_info.items()}},
            "sklearn": {**fit_block(th_sk, X, y, C),
                        "params": {"solver": "newton-cholesky", "C": C, "tol": 1e-12, "max_iter": 1000},
                        "n_iter": int(sk_model.n_iter_[0]), "convergence_warnings": sk_warn},
            "max_abs_diff_sklearn_vs_newton": float(np.max(np.abs(th_sk - th_nt))),
            "objective": _logit.objective(th_nt, X, y, C=C),
            "log_likelihood": _logit.log_likelihood(th_nt, X, y),
            "original_scale": {"intercept": float(b_orig),
                               "coefficients": dict(zip(FEATURES, map(float, coef_orig))),
                               "coefficients_list": coef_orig,
                               "formula": "beta_j/std_j; intercept b - sum_j beta_j*mean_j/std_j"},
            "inference": {
                "method": "cov = inverse of penalised Hessian C*X'DX + diag(0,1,1,1,1) at the optimum",
                "hessian": H, "covariance": cov,
                "standardized": _logit.inference(th_nt, cov, NAMES),
                "original_scale": _logit.inference(th_orig, cov_orig, NAMES),
            },
            "predicted_probability_spot": [
                {"customer_id": cid, "p": float(p_spot[pos[cid]])} for cid in SPOT_IDS],
        },
        "statsmodels_logit_unpenalized": {
            "params": dict(zip(NAMES, sm_res.params)),
            "bse": dict(zip(NAMES, sm_res.bse)),
            "zvalues": dict(zip(NAMES, sm_res.tvalues)),
            "pvalues": dict(zip(NAMES, sm_res.pvalues)),
            "conf_int_95": {nm: list(ci) for nm, ci in zip(NAMES, sm_res.conf_int(0.05))},
            "llf": float(sm_res.llf), "llnull": float(sm_res.llnull),
            "converged": bool(sm_res.mle_retvals["converged"]),
            "exact_newton_params": dict(zip(NAMES, th_unpen)),
            "exact_newton_log_likelihood": _logit.log_likelihood(th_unpen, X, y),
            "exact_newton_grad_max_abs": unpen_info["grad_max_abs_long_double_optimum"],
        },
        "class_weight_balanced_C1": {
            "C": 1.0,
            "weights": {"positive_churn_1": float(n / (2 * n_pos)), "negative_0": float(n / (2 * n_neg)),
                        "formula": "n / (2 * n_class)"},
            "newton": {**fit_block(th_bal, X, y, 1.0, w=w_bal),
                       "grad_max_abs_long_double_optimum": bal_info["grad_max_abs_long_double_optimum"]},
            "sklearn": {**fit_block(th_bal_sk, X, y, 1.0, w=w_bal), "convergence_warnings": bal_warn,
                        "params": {"solver": "newton-cholesky", "tol": 1e-12, "class_weight": "balanced"}},
            "objective": _logit.objective(th_bal, X, y, C=1.0, w=w_bal),
        },
        "l1": {
            "C": C_l1, "l1_ratio": 1.0, "C_search": l1_tried,
            "zero_coefficients": l1_exact_zeros,
            "sklearn_saga": {**fit_block(th_l1_sk, X, y, C_l1, l1_ratio=1.0),
                             "params": {**saga_kw, "C": C_l1, "l1_ratio": 1.0},
                             "exact_zeros": [FEATURES[j] for j in range(4) if th_l1_sk[j + 1] == 0.0],
                             "convergence_warnings": l1_warn},
            "exact": {**fit_block(th_l1, X, y, C_l1, l1_ratio=1.0),
                      "method": "active-set Newton with KKT check", "kkt": l1_info["kkt"],
                      "grad_max_abs_long_double_optimum": l1_info["grad_max_abs_long_double_optimum"]},
            "objective": _logit.objective(th_l1, X, y, C=C_l1, l1_ratio=1.0),
        },
        "elastic_net": {
            "C": C_en, "l1_ratio": r_en,
            "sklearn_saga": {**fit_block(th_en_sk, X, y, C_en, l1_ratio=r_en),
                             "params": {**saga_kw, "C": C_en, "l1_ratio": r_en},
                             "exact_zeros": [FEATURES[j] for j in range(4) if th_en_sk[j + 1] == 0.0],
                             "convergence_warnings": en_warn},
            "exact": {**fit_block(th_en, X, y, C_en, l1_ratio=r_en),
                      "method": "active-set Newton with KKT check", "kkt": en_info["kkt"],
                      "grad_max_abs_long_double_optimum": en_info["grad_max_abs_long_double_optimum"]},
            "objective": _logit.objective(th_en, X, y, C=C_en, l1_ratio=r_en),
        },
    }
    _common.write_json(args.output_dir, "cdnow_logistic.json", payload)
    print("newton ", th_nt.tolist(), nt_info["grad_max_abs_long_double_optimum"],
          nt_info["grad_max_abs_at_float64_rounded_coefficients"])
    print("sklearn", th_sk.tolist())
    print("objective", payload["l2_C1"]["objective"])
    print("balanced", th_bal.tolist(), th_bal_sk.tolist())
    print("l1 C", C_l1, th_l1.tolist(), th_l1_sk.tolist(), l1_exact_zeros)
    print("en", th_en.tolist(), th_en_sk.tolist())
    print("sm", sm_res.params.tolist())


if __name__ == "__main__":
    main()
