# claimlint: build, test and install. Plain GNU make with pkg-config.
#   make run      install missing packages, build, check corpus/ with the shipped rules
#   make test     install missing packages, build, run every test
# See README.md and docs/development.md for the other targets.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/claimlint
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = libpcre2-8 yaml-0.1 opencc libcmark libxml-2.0
# Evaluated when used, so a recursive make after scripts/install-deps.sh sees new packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null)

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
WARN    := -std=gnu11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wvla
ALL_CFLAGS = $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -Isrc $(PKG_CFLAGS) \
             -DCL_VERSION='"$(VERSION)"' -DCL_DATADIR='"$(DATADIR)"'
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

LIB_SRCS  := $(sort $(wildcard src/*/*.c))
LIB_SRCS  := $(filter-out src/cli/%,$(LIB_SRCS))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
CLI_SRCS  := $(wildcard src/cli/*.c)
CLI_OBJS  := $(CLI_SRCS:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAYS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%-replay)
FUZZ_COMMON := tests/fuzz/common.c tests/fuzz/common.h
# Every engine of a fuzz target shares one fold table (tests/fuzz/common.c):
# building it from OpenCC per input would make the fuzzers measure OpenCC.
FUZZ_LDFLAGS := -Wl,--wrap=cl_fold_new -Wl,--wrap=cl_fold_free

LIB := $(BUILD)/libclaimlint.a
BIN := $(BUILD)/claimlint

.PHONY: all run test deps deps-test check unit golden cli rule-tests seeds fuzz-replay \
        update-golden asan valgrind fuzz fuzz-bins fuzz-run install uninstall clean lint bench editors

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJS) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJS) $(LIB) $(PKG_LIBS) -lpthread $(ALL_LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.c tests/unit/unit.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests/unit -o $@ $< tests/unit/unit.c $(LIB) $(TEST_LIBS) $(PKG_LIBS) $(ALL_LDFLAGS)

$(BUILD)/fuzz/%-replay: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/replay.c tests/fuzz/common.c $(LIB) $(PKG_LIBS) \
	  $(ALL_LDFLAGS) $(FUZZ_LDFLAGS)

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

# ---- The two commands of the README -------------------------------------

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh build test

run: deps
	@$(MAKE) --no-print-directory all
	@echo "== claimlint corpus/ (shipped rules and reference table)"
	@$(BIN) corpus/; status=$$?; \
	 echo "== exit status $$status (1: findings at or above the fail level)"; \
	 test $$status -le 1

test: deps-test
	@$(MAKE) --no-print-directory check

# Everything `make test` runs once the packages are there.
check: all unit rule-tests fuzz-replay golden cli seeds editors lint asan valgrind
	@echo "== all tests passed"

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

rule-tests: $(BIN)
	@echo "== claimlint --test-rules"
	@$(BIN) --test-rules

fuzz-replay: $(FUZZ_REPLAYS)
	@set -e; for r in $(FUZZ_REPLAYS); do \
	  name=$$(basename $$r -replay); \
	  echo "== $$r tests/fuzz/corpus/$$name"; \
	  $$r tests/fuzz/corpus/$$name; done

cli: $(BIN) $(BUILD)/tests/nojit.so
	@tests/cli/run.sh $(BIN)

golden: $(BIN)
	@tests/golden/run.sh $(BIN)

seeds: $(BIN)
	@tests/seeds/run.sh $(BIN)

# Vim, Neovim, Emacs and VS Code's problem matcher on real output
# (docs/editors.md); an editor that is not installed is skipped.
editors: $(BIN)
	@tests/editors/run.sh $(BIN)

# Regenerate the expected output of the golden tests on purpose; review the
# diff (git diff tests/golden) before committing it.
update-golden: $(BIN)
	@tests/golden/run.sh --update $(BIN)

lint:
	@scripts/check-layers.sh

# Throughput and memory on a generated corpus against ripgrep with the same
# patterns (docs/performance.md). Not part of `make check`: it takes minutes.
#   make bench BENCH_MB=200 BENCH_RG_MB=25 BENCH_RUNS=3
# ripgrep and GNU time come from scripts/install-deps.sh's bench set; the
# build is the default -O2 one (a different CFLAGS rebuilds nothing: run
# `make clean` first to measure another).
BENCH_ENV = $(foreach v,BENCH_MB BENCH_RUNS BENCH_RG_MB BENCH_RG_RUNS BENCH_RSS_MB BENCH_DATA BENCH_STORE,$(if $($(v)),$(v)=$($(v))))
bench:
	@scripts/install-deps.sh bench
	@$(MAKE) --no-print-directory all CFLAGS="$(CFLAGS)"
	@$(BENCH_ENV) scripts/bench.sh

# The unit, rule, fuzz-replay and golden tests again under AddressSanitizer,
# UBSan and LeakSanitizer; any report fails the run. docs/reliability.md
# says what runs where.
SAN_FLAGS    = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_ENV      = ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
               UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Once UBSan has instrumented the calls GCC 12 sees null formats and
# destinations in vsnprintf and sprintf that cannot be null (false positives).
ASAN_CFLAGS  = -O1 -g $(SAN_FLAGS) -Wno-format-truncation -Wno-format-overflow
asan: deps-test
	@$(SAN_ENV) $(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(ASAN_CFLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined" unit rule-tests fuzz-replay golden

# A subset under valgrind memcheck (no sanitizer build: the plain one):
# zero errors, zero definite or indirect leaks (tests/valgrind/run.sh).
# PCRE2's JIT is turned off there by a preloaded shim (tests/valgrind/nojit.c).
valgrind: all $(UNIT_BINS) $(FUZZ_REPLAYS) $(BUILD)/tests/nojit.so
	@tests/valgrind/run.sh $(BUILD)

$(BUILD)/tests/nojit.so: tests/valgrind/nojit.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O1 -o $@ $<

# ---- Fuzzing with libFuzzer: clang (scripts/install-deps.sh fuzz) ------------
#   make fuzz                         build build-fuzz/fuzz_<target>
#   make fuzz-run FUZZ_SECONDS=600    run each for that long (FUZZ_TARGETS: a subset;
#                                     FUZZ_PARALLEL: how many at once, default 1)
# tests/fuzz/run.sh: the corpus grows in build-fuzz/work/<target>/corpus;
# tests/fuzz/corpus/ is only read. Crashes land in build-fuzz/work/<target>/: minimise one
# (build-fuzz/<target> -minimize_crash=1 FILE), fix it, and add it by hand
# to tests/fuzz/corpus/<target>/ under a name that says what it was.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= $(FUZZ_SRCS:tests/fuzz/%.c=%)
FUZZ_PARALLEL ?= 1
FUZZ_FLAGS   ?= -timeout=10 -rss_limit_mb=2048 -max_len=8192
FUZZ_BINS    := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/%)

fuzz:
	@scripts/install-deps.sh build fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(SAN_FLAGS)" \
	  LDFLAGS="-fsanitize=fuzzer,address,undefined" fuzz-bins

fuzz-bins: $(FUZZ_BINS)

$(FUZZ_BINS): $(BUILD)/%: tests/fuzz/%.c $(FUZZ_COMMON) $(LIB)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/common.c $(LIB) $(PKG_LIBS) $(ALL_LDFLAGS) $(FUZZ_LDFLAGS)

fuzz-run: fuzz
	@FUZZ_FLAGS="$(FUZZ_FLAGS)" $(SAN_ENV) tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_PARALLEL) $(FUZZ_TARGETS)

# The binary looks for its data beside it (BINDIR/../share/claimlint), then in
# DATADIR as compiled in. The installed copy is linked from a main.c compiled
# with this DATADIR, so that `make install DATADIR=...` after a plain `make`
# installs a binary that finds its rules, and build/claimlint is left alone.
INSTALL_BIN := $(BUILD)/install/claimlint

install: all
	@mkdir -p $(BUILD)/install
	$(CC) $(ALL_CFLAGS) -c src/cli/main.c -o $(BUILD)/install/main.o
	$(CC) $(ALL_CFLAGS) -o $(INSTALL_BIN) $(BUILD)/install/main.o $(filter-out $(BUILD)/obj/cli/main.o,$(CLI_OBJS)) \
	  $(LIB) $(PKG_LIBS) -lpthread $(ALL_LDFLAGS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/claimlint
	cp -R rules $(DESTDIR)$(DATADIR)/
	@if [ -f docs/claimlint.1 ]; then install -d $(DESTDIR)$(MANDIR)/man1 && \
	  install -m 644 docs/claimlint.1 $(DESTDIR)$(MANDIR)/man1/claimlint.1; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/claimlint $(DESTDIR)$(MANDIR)/man1/claimlint.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz
