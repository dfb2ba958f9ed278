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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
