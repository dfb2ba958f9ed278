# The two commands of the README: `make demo` and `make test`. Both install OpenBLAS first
# when it is missing.
SWIFT ?= swift
CHURN := .build/release/churn
CDNOW := datasets/cdnow/transactions.csv

.PHONY: deps build demo test clean

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product churn

demo: build
	@echo "== Features on CDNOW (cut-off 1997-09-30, 273-day holdout)"
	$(CHURN) features $(CDNOW) --cutoff 1997-09-30 --horizon 273 --output features.csv
	@echo "== Model on CDNOW (same cut-off and horizon)"
	@mkdir -p models
	$(CHURN) train $(CDNOW) --cutoff 1997-09-30 --horizon 273 --output models/cdnow.json --quiet
	@echo "== Risk list: every CDNOW customer as of the log's last date, riskiest first"
	$(CHURN) score --model models/cdnow.json $(CDNOW) --output risk.csv
	@echo "Full risk list: $(CURDIR)/risk.csv"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
