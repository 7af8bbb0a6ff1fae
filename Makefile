# Two commands do everything on a fresh machine: `make run` and `make test`.
# Both create the virtual environment and install the project from pyproject.toml first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bundle icons system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,events,spark]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/relmap

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	@# mypy --strict on the Qt-free floors (core, io, layout, viewer; see pyproject.toml): a finding fails the build.
	$(VENV)/bin/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,events,spark,bench]'
	@for script in tests/benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# A one-folder application that runs without Python: dist/relmap/relmap (see README, "A bundle").
bundle: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller resources/bundle/relmap.spec

# The icon's PNG sizes are committed; re-render them after editing resources/icons/relmap.svg.
icons: $(STAMP)
	$(PY) resources/icons/render_pngs.py

# Debian packages a Qt app needs for a real window (offscreen rendering needs none of them).
system-deps:
	apt-get update -qq
	apt-get install -y -qq xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 \
		libxcb-shape0 libxcb-render-util0 libxcb-image0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
		fonts-dejavu-core imagemagick desktop-file-utils
	# Spark (relmap aggregate --engine pyspark, and its test) needs a Java 17 runtime
	command -v java >/dev/null || apt-get install -y -qq openjdk-17-jre-headless

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
