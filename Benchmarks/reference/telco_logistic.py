#!/usr/bin/env python3
"""IBM telco churn (modeldata::wa_churn) logistic regression -> output/telco.json.

Label: churn == "Yes". Encoding, column order = file order (churn excluded):
  * numeric column -> itself; if the column has any NA in the full data, a 0/1
    indicator "<name>_missing" follows it and NA is filled with the median;
  * text column    -> one 0/1 column "<name>=<level>" per level, all levels,
    none dropped, levels in sorted (code-point) order.
Every encoded column is then standardised with its mean and population std
(ddof=0; a zero std is replaced by 1). The schema (levels, indicator columns)
comes from the full file; medians, means and stds are fitted on the training
data only (inside each fold for cross-validation).
Model: LogisticRegression(C=1, solver='newton-cholesky', tol=1e-12), i.e.
minimise sum logloss + 0.5*||beta||^2, intercept unpenalised; cross-checked by
an exact Newton iteration on the full data.
CV: StratifiedKFold(n_splits=5, shuffle=True, random_state=0); out-of-fold
probabilities are pooled for one AUC (also per-fold AUCs and their mean).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

import _common
import _logit

SK_PARAMS = dict(C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000)


def load(path):
    df = pd.read_csv(path, na_values=["NA"], keep_default_na=False)
    y = (df["churn"] == "Yes").astype(int).to_numpy()
    return df.drop(columns=["churn"]), y


class Encoder:
    def __init__(self, df: pd.DataFrame):
        self.spec = []  # (column, kind, levels)
        for col in df.columns:
            s = df[col]
            if pd.api.types.is_numeric_dtype(s):
                self.spec.append((col, "numeric", bool(s.isna().any())))
            else:
                assert not s.isna().any(), col
                self.spec.append((col, "categorical", sorted(s.unique().tolist())))
        self.names = []
        for col, kind, extra in self.spec:
            if kind == "numeric":
                self.names.append(col)
                if extra:
                    self.names.append(f"{col}_missing")
            else:
                self.names += [f"{col}={lv}" for lv in extra]

    def fit(self, df):
        self.medians = {col: float(df[col].median()) for col, kind, has_na in self.spec
                        if kind == "numeric" and has_na}
        Z = self._raw(df)
        n = Z.shape[0]
        self.means = np.array([math.fsum(Z[:, j]) / n for j in range(Z.shape[1])])
        stds = np.array([math.sqrt(math.fsum((Z[:, j] - self.means[j]) ** 2) / n)
                         for j in range(Z.shape[1])])
        self.stds = np.where(stds == 0, 1.0, stds)
        return self

    def _raw(self, df):
        cols = []
        for col, kind, extra in self.spec:
            s = df[col]
            if kind == "numeric":
                v = s.to_numpy(dtype=np.float64)
                if extra:
                    miss = np.isnan(v)
                    cols.append(np.where(miss, self.medians[col], v))
                    cols.append(miss.astype(np.float64))
                else:
                    assert not np.isnan(v).any(), col
                    cols.append(v)
            else:
                for lv in extra:
                    cols.append((s == lv).to_numpy(dtype=np.float64))
        return np.column_stack(cols)

    def transform(self, df):
        return (self._raw(df) - self.means) / self.stds


def main() -> None:
    args = _common.parse_args(__doc__.splitlines()[0])
    path = _common.data_file(args.data_dir, "telco/wa_churn.csv")
    df, y = load(path)
    enc = Encoder(df)

    # ---- cross-validation ---------------------------------------------------
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    oof = np.full(len(y), np.nan)
    fold_of_row = np.full(len(y), -1)
    folds = []
    for k, (tr, te) in enumerate(skf.split(np.zeros(len(y)), y)):
        e = Encoder(df).fit(df.iloc[tr])
        m = LogisticRegression(**SK_PARAMS).fit(e.transform(df.iloc[tr]), y[tr])
        oof[te] = m.predict_proba(e.transform(df.iloc[te]))[:, 1]
        fold_of_row[te] = k
        folds.append({"fold": k, "n_train": len(tr), "n_test": len(te),
                      "n_test_positive": int(y[te].sum()),
                      "auc": roc_auc_score(y[te], oof[te]),
                      "train_medians": e.medians, "n_iter": int(m.n_iter_[0])})
    assert not np.isnan(oof).any()
    auc_pooled = roc_auc_score(y, oof)

    # ---- full-data fit --------------------------------------------------------
    enc.fit(df)
    X = enc.transform(df)
    m = LogisticRegression(**SK_PARAMS).fit(X, y)
    th_sk = np.concatenate([[m.intercept_[0]], m.coef_[0]])
    th_nt, info = _logit.newton(X, y, C=1.0, lam=1.0, tol=1e-13)
    diff = float(np.max(np.abs(th_sk - th_nt)))
    assert diff < 1e-7, diff
    p_full = _logit.sigmoid(_logit.design(X) @ th_nt)

    payload = {
        "generated_by": _common.generated_by("telco_logistic.py", {"wa_churn": path}),
        "description": __doc__,
        "data": {"n": len(y), "n_churn": int(y.sum()), "n_missing_by_column":
                 {c: int(v) for c, v in df.isna().sum().items() if v}},
        "encoding": {
            "columns": enc.names,
            "n_columns": len(enc.names),
            "source_columns": [{"name": c, "kind": k,
                                **({"levels": e} if k == "categorical" else {"has_missing": e})}
                               for c, k, e in enc.spec],
            "full_data_medians": enc.medians,
            "full_data_means": dict(zip(enc.names, enc.means)),
            "full_data_stds_population": dict(zip(enc.names, enc.stds)),
        },
        "model": {"sklearn_params": SK_PARAMS,
                  "objective": "sum logloss + 0.5*||beta||^2 (C=1), intercept unpenalised"},
        "cv": {
            "splitter": "StratifiedKFold(n_splits=5, shuffle=True, random_state=0)",
            "oof_auc": auc_pooled,
            "fold_auc_mean": float(np.mean([f["auc"] for f in folds])),
            "folds": folds,
            "fold_of_row": fold_of_row,
            "oof_probability": oof,
        },
        "full_fit": {
            "intercept": float(th_nt[0]),
            "coefficients": dict(zip(enc.names, map(float, th_nt[1:]))),
            "coefficients_list": th_nt[1:],
            "objective": _logit.objective(th_nt, X, y, C=1.0),
            "log_likelihood": _logit.log_likelihood(th_nt, X, y),
            "train_auc": roc_auc_score(y, p_full),
            "newton": {k: v for k, v in info.items()},
            "sklearn": {"intercept": float(th_sk[0]), "coefficients_list": th_sk[1:],
                        "objective": _logit.objective(th_sk, X, y, C=1.0),
                        "n_iter": int(m.n_iter_[0])},
            "max_abs_diff_sklearn_vs_newton": diff,
            "predicted_probability_first_20_rows": p_full[:20],
        },
    }
    _common.write_json(args.output_dir, "telco.json", payload)
    print("columns", len(enc.names), enc.names)
    print("oof auc", auc_pooled, "fold mean", payload["cv"]["fold_auc_mean"])
    print("objective", payload["full_fit"]["objective"], "intercept", th_nt[0], "diff", diff)


if __name__ == "__main__":
    main()
