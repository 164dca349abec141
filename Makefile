# digiplan — two commands on a fresh machine: `make` (set up and build everything) and `make test`.
# The `## …` texts are what `make help` shows: Finnish, like everything a user sees.
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

all: build ## Asenna (.venv) ja rakenna kaikki tuotokset kansion input_workbooks/ tietopohjista kansioon output/

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## Luo .venv ja asenna digiplan riippuvuuksineen

build: $(STAMP) ## Tarkista tietopohjat ja kirjoita muuttuneet: asiakirjat, PDF-kopiot (LibreOfficella) ja paketit
	$(BIN)/digiplan build $(INPUT) -o $(OUTPUT) $(PDF) $(if $(AS_OF),--as-of $(AS_OF))

test: $(STAMP) ## Aja testit rinnakkain (LibreOffice-testit, kun soffice on asennettu)
	$(BIN)/pytest -n auto --dist loadfile

lint: $(STAMP) ## Tarkista koodi (ruff ja mypy)
	$(BIN)/ruff check pipeline tests tools
	$(BIN)/mypy

intake: $(STAMP) ## Kirjoita esimerkkityökirjat kansioon input_workbooks/ (ei palvelulinjojen omien työkirjojen sekaan)
	$(BIN)/digiplan intake samples -o $(INPUT)

validate: $(STAMP) ## Tarkista kansion input_workbooks/ työkirjat ja tulosta raportti
	$(BIN)/digiplan validate $(INPUT) $(if $(AS_OF),--as-of $(AS_OF))

docs: $(STAMP) ## Kirjoita docs/tietopohja.md uudelleen (välilehdet, sarakkeet, jäljitettävyys ohjeeseen)
	$(BIN)/digiplan intake docs

bench: $(STAMP) ## Tulosta ajat: vaiheittain, 15 esimerkkiä, hyvinvointialueen mittakaava (15 ja 300 linjaa), PDF-vaihe
	$(BIN)/python -m pipeline.bench $(BENCH)

clean: ## Tyhjennä kansio output/ (.venv ja new_workbooks/ säilyvät)
	@if [ -d $(OUTPUT) ]; then find $(OUTPUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +; fi

help: ## Näytä make-kohteet
	@echo 'Make-kohteet (make KOHDE):'
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12
