# The two commands of the README: `make demo` and `make test`. Both install OpenBLAS first
# when it is missing.
SWIFT ?= swift
CHURN := .build/release/churn
CDNOW := datasets/cdnow/transactions.csv
TELCO := datasets/telco/wa_churn.csv

.PHONY: deps build demo test models clean

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
	SWIFT=$(SWIFT) ./scripts/test-engines.sh

clean:
	rm -rf .build
