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

demo: build
	@echo "== 1. Features on CDNOW (cut-off 1997-09-30, 273-day holdout)"
	$(CHURN) features $(CDNOW) --cutoff 1997-09-30 --horizon 273 --output features.csv
	@echo
	@echo "== 2. Train the default recipe, 5-fold cross-validated, into models/cdnow.json"
	$(CHURN) train $(CDNOW) --cutoff 1997-09-30 --horizon 273 --cv 5 --output models/cdnow.json --quiet
	@echo
	@echo "== 3. Evaluate models/cdnow.json (in-sample gains and calibration)"
	$(CHURN) evaluate --model models/cdnow.json $(CDNOW) --cutoff 1997-09-30 --quiet
	@echo
	@echo "== 4. Risk list: every CDNOW customer as of the log's last date, riskiest first"
	$(CHURN) score --model models/cdnow.json $(CDNOW) --output risk.csv
	@echo "Full risk list: $(CURDIR)/risk.csv"

# Regenerates the committed models (deterministic: same data, same seed, same coefficients).
models: build
	$(CHURN) train $(CDNOW) --cutoff 1997-09-30 --horizon 273 --cv 5 --output models/cdnow.json --quiet
	$(CHURN) train $(TELCO) --label churn --positive Yes --cv 5 --output models/telco.json --quiet

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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
