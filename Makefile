# digiplan — two commands on a fresh machine: `make` (set up and build everything) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
INPUT ?= input_workbooks
OUTPUT ?= output
AS_OF ?=
# PDF copies (and page numbers in the Word plans' contents) when LibreOffice is installed; `make PDF=` builds without
PDF ?= $(if $(shell command -v soffice 2>/dev/null),--pdf)

.DEFAULT_GOAL := all
.PHONY: all install build test lint intake validate docs bench clean help

all: build ## Set up (venv + install) and build every deliverable from input_workbooks/ into output/

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install digiplan with its dependencies

build: $(STAMP) ## Validate the workbooks; write what changed: documents, PDF copies (with LibreOffice), packages
	$(BIN)/digiplan build $(INPUT) -o $(OUTPUT) $(PDF) $(if $(AS_OF),--as-of $(AS_OF))

test: $(STAMP) ## Run the test suite in parallel (LibreOffice tests run when soffice is installed)
	$(BIN)/pytest -n auto --dist loadfile

lint: $(STAMP) ## Check the code with ruff and mypy
	$(BIN)/ruff check pipeline tests tools
	$(BIN)/mypy

intake: $(STAMP) ## Regenerate the sample workbooks in input_workbooks/ from templates/samples/
	$(BIN)/digiplan intake samples -o $(INPUT)

validate: $(STAMP) ## Validate every workbook in input_workbooks/ and print the report
	$(BIN)/digiplan validate $(INPUT) $(if $(AS_OF),--as-of $(AS_OF))

docs: $(STAMP) ## Regenerate docs/tietopohja.md (sheets, columns, traceability to the guide)
	$(BIN)/digiplan intake docs

bench: $(STAMP) ## Print timing figures: per step, the 15 samples, county scale (15 and 300 lines), the PDF pass
	$(BIN)/python -m pipeline.bench $(BENCH)

clean: ## Remove generated output (keeps .venv)
	@if [ -d $(OUTPUT) ]; then find $(OUTPUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +; fi

help: ## List the make targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12
