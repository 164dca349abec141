# digiplan — two commands on a fresh machine: `make` (set up and build everything) and `make test`.
# The `## …` texts are what `make help` shows: Finnish, like everything a user sees.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Folders may hold spaces ("…/Yhteinen levy/…"): every use below is quoted.
INPUT ?= input_workbooks
OUTPUT ?= output
AS_OF ?=
# PDF copies (and page numbers in the Word plans' contents) when LibreOffice is installed; `make PDF=` builds without
PDF ?= $(if $(shell command -v soffice 2>/dev/null),--pdf)
# The language of the outputs and messages: `make LANG=sv` (or DIGIPLAN_LANG=sv) for Swedish, Finnish otherwise.
# LANG is also the shell's locale (C.UTF-8, fi_FI.UTF-8 …): only the values fi and sv choose the language, and the
# programs then run with the locale C.UTF-8 (a locale named "sv" does not exist).
ifneq ($(filter fi sv,$(LANG)),)
DIGIPLAN_LANG := $(LANG)
override LANG := C.UTF-8
export LANG
endif
DIGIPLAN_LANG ?= fi
LANG_OPTION := --lang $(DIGIPLAN_LANG)

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
	PYTHONDONTWRITEBYTECODE= $(BIN)/digiplan $(LANG_OPTION) build "$(INPUT)" -o "$(OUTPUT)" $(PDF) $(if $(AS_OF),--as-of "$(AS_OF)")

# Bytecode is written even where the shell sets PYTHONDONTWRITEBYTECODE (here and in `build`): without pytest's cached
# rewrite of the test modules and the compiled program, every test process (and each build the tests start) compiles
# them again, about 2 CPU seconds each, and each build about 0.3 s (the __pycache__ folders are ignored by git).
test: $(STAMP) ## Aja testit rinnakkain (LibreOffice-testit, kun soffice on asennettu)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n auto --dist loadgroup --no-loadscope-reorder

lint: $(STAMP) ## Tarkista koodi (ruff ja mypy)
	$(BIN)/ruff check pipeline tests tools
	$(BIN)/mypy

intake: $(STAMP) ## Kirjoita esimerkkityökirjat kansioon input_workbooks/ (ei palvelulinjojen omien työkirjojen sekaan)
	$(BIN)/digiplan $(LANG_OPTION) intake samples -o "$(INPUT)"

validate: $(STAMP) ## Tarkista kansion input_workbooks/ työkirjat ja tulosta raportti
	$(BIN)/digiplan $(LANG_OPTION) validate "$(INPUT)" $(if $(AS_OF),--as-of "$(AS_OF)")

docs: $(STAMP) ## Kirjoita docs/tietopohja.md uudelleen (välilehdet, sarakkeet, jäljitettävyys ohjeeseen)
	$(BIN)/digiplan $(LANG_OPTION) intake docs

bench: $(STAMP) ## Tulosta ajat: vaiheittain, 15 esimerkkiä, hyvinvointialueen mittakaava (15 ja 300 linjaa), PDF-vaihe
	$(BIN)/python -m tools.bench $(BENCH)

clean: ## Tyhjennä kansio output/ (.venv, new_workbooks/ ja koontien historia output/historia/ säilyvät)
	@if [ -d "$(OUTPUT)" ]; then find "$(OUTPUT)" -mindepth 1 -maxdepth 1 ! -name .gitkeep ! -name historia \
		! -name historik -exec rm -rf {} +; fi

help: ## Näytä make-kohteet
	@echo 'Make-kohteet (make KOHDE):'
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12
