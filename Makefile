# The two commands of the README: `make demo` and `make test`. Both install OpenBLAS first
# when it is missing.
SWIFT ?= swift
CHURN := .build/release/churn
CDNOW := datasets/cdnow/transactions.csv
TELCO := datasets/telco/wa_churn.csv

.PHONY: deps build demo test models clean fuzz fuzz-build fuzz-run-%

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product churn

# The demo trains where scoring stays inside the training range: rolling snapshots every 30 days
# up to 1998-04-01, the latest cut-off whose 90-day horizon the log (ending 1998-06-30) covers, and
# T entered as log1p(T) like the other durations, so the customers' ages at 1998-06-30 are within
# what the model saw (no extrapolation warning). Everything goes to out/ (git-ignored); the
# committed models are only rewritten by `make models`.
OUT := out
DEMO_FEATURES := log1p(frequency),log1p(recency),log1p(T),log1p(monetary_value),log1p(days_since_last),log1p(n_transactions),log1p(monetary_total),log1p(mean_gap_days),log1p(overdue_ratio),log1p(purchases_30d),log1p(spend_30d),log1p(purchases_90d),log1p(spend_90d),log1p(purchases_180d),log1p(spend_180d),spend_trend_90d
DEMO_RECIPE := --horizon 90 --every 30d --features '$(DEMO_FEATURES)'

demo: build
	@mkdir -p $(OUT)
	@echo "== 1. Train on CDNOW: snapshots every 30 days up to 1998-04-01 (the latest cut-off"
	@echo "      with a full 90-day horizon), churn = no purchase in the next 90 days; the terms"
	@echo "      (linear, additive shapes, shapes + pairs) chosen by 5-fold cross-validation"
	@$(CHURN) train $(CDNOW) $(DEMO_RECIPE) --terms auto --cv 5 --output $(OUT)/cdnow.json --quiet
	@echo
	@echo "== 2. Score every customer as of the log's last date, 1998-06-30"
	@$(CHURN) score --model $(OUT)/cdnow.json $(CDNOW) --output $(OUT)/risk.csv
	@echo
	@echo "== 3. The HTML report: model, cross-validated evaluation, risk list, retention, cohorts"
	@$(CHURN) report --model $(OUT)/cdnow.json $(CDNOW) $(DEMO_RECIPE) --cv 5 --output $(OUT)/report.html --quiet
	@echo
	@echo "Risk list: $(CURDIR)/$(OUT)/risk.csv"
	@echo "Report:    $(CURDIR)/$(OUT)/report.html"

# Regenerates the committed models (deterministic: same data, same seed, same coefficients).
# They are the linear reference models the tests and README compare against (--terms linear).
models: build
	$(CHURN) train $(CDNOW) --cutoff 1997-09-30 --horizon 273 --terms linear --cv 5 --output models/cdnow.json --quiet
	$(CHURN) train $(TELCO) --label churn --positive Yes --terms linear --cv 5 --output models/telco.json --quiet

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 scripts/check-layers.py
	SWIFT=$(SWIFT) python3 scripts/public-api.py --check
	$(SWIFT) package generate-documentation --target ChurnKit --warnings-as-errors
	./scripts/test-report-browser.sh
	SWIFT=$(SWIFT) ./scripts/test-engines.sh

# libFuzzer targets for the input parsers (Fuzz/, its own package and scratch path; not part of
# `make test` or CI). Each target runs FUZZ_RUNS executions on one core, one after the other,
# starting from the committed seed corpus Fuzz/corpus/<target>; new inputs and any crash go to
# Fuzz/findings/<target>/ (git-ignored).
FUZZ_TARGETS := FuzzCSV FuzzDate FuzzAmount FuzzModel FuzzTableEncoding FuzzTransactionLog
FUZZ_RUNS ?= 1000000
FUZZ_FLAGS := -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing

# (The cached build description is dropped first: SwiftPM does not notice files added to the
# ChurnKit path dependency without it.)
fuzz-build: deps
	rm -f .build-fuzz/release/description.json
	$(SWIFT) build --package-path Fuzz --scratch-path .build-fuzz $(FUZZ_FLAGS)

fuzz: fuzz-build
	@$(MAKE) --no-print-directory $(addprefix fuzz-run-,$(FUZZ_TARGETS))

# Model files are larger than the other inputs, and JSON needs its tokens to get past the syntax.
FUZZ_OPTIONS_FuzzModel := -max_len=65536 -dict=Fuzz/json.dict
FUZZ_OPTIONS_FuzzTableEncoding := -max_len=8192
# The whole ingestion path reads each input up to six times (two bad-row policies × date range,
# main pass, recount): a few hundred executions a second, so it runs for a stated 10 minutes.
FUZZ_OPTIONS_FuzzTransactionLog := -max_len=4096 -max_total_time=600

fuzz-run-%:
	@mkdir -p Fuzz/findings/$*/corpus
	@echo "== $*: up to $(FUZZ_RUNS) executions $(FUZZ_OPTIONS_$*)"
	@.build-fuzz/release/$* -runs=$(FUZZ_RUNS) $(or $(FUZZ_OPTIONS_$*),-max_len=4096) -print_final_stats=1 \
		-artifact_prefix=Fuzz/findings/$*/ Fuzz/findings/$*/corpus Fuzz/corpus/$* > Fuzz/findings/$*/log.txt 2>&1 \
		|| { tail -n 40 Fuzz/findings/$*/log.txt; echo "$*: crash, input saved in Fuzz/findings/$*/"; exit 1; }
	@grep -E "^Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" Fuzz/findings/$*/log.txt
	@grep -E "DONE" Fuzz/findings/$*/log.txt | sed 's/^/   /'

clean:
	rm -rf .build .build-fuzz
