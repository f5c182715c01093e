# supsim — GNU make.  Targets: all test bench check-layers check-asan check-valgrind fuzz
# run install uninstall clean.  Outputs go under build/ (build/san/ for the
# sanitizer build).  DEBUG=1 (and SAN=1) define SUPSIM_DEBUG: the engine's
# hot-path invariants are checked (ENGINE_ASSERT, sim/engine/queue.h); and
# SUPSIM_FAULT: SUPSIM_FAIL_ALLOC=N makes the Nth allocation fail (sim/mem.h).
# The library (everything in sim/ but main.c) is built once per variant and
# linked into the program and into every test binary.

BUILD  ?= build
CC     ?= cc
SAN    ?=
PKGS   := gsl inih
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lm -linih)

WARN   := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE $(WARN) -ffp-contract=off -pthread -Isim $(PKG_CFLAGS) -MMD -MP
LDLIBS += $(PKG_LIBS) -lcsv -lglpk -lm -pthread
ifeq ($(SAN),1)
# SUPSIM_DEBUG: the engine's hot-path invariants too (ENGINE_ASSERT, queue.h)
# and the calendar's heap order now and then (run.c's loop)
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS  += -DSUPSIM_DEBUG -DSUPSIM_FAULT
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(DEBUG),1)
CFLAGS  += -DSUPSIM_DEBUG -DSUPSIM_FAULT
endif
# Link-time optimisation in the normal build: the engine's files (run.c,
# route.c, agents.c, record.c, sla.c) and model.c, dist.c, tally.c call one
# another on every event, and LTO inlines across them (M/M/50 of `make
# bench`: about 10 % less time per event; docs/bench.md).  The sanitizer
# and debug builds keep plain objects (SAN=1, DEBUG=1); LTO= turns it off.
# GCC's -Wmaybe-uninitialized runs after inlining, at the link when LTO is
# on, where it also sees across files and guesses wrong (a variable set by
# the callee on success: tables.c, erlang.c): it is off at that link; the
# sanitizer build of `make test` compiles without LTO and keeps it an error.
ifeq ($(SAN)$(DEBUG),)
LTO ?= -flto=auto
endif
CFLAGS  += $(LTO)
LDFLAGS += $(if $(LTO),$(LTO) $(filter -O%,$(CFLAGS)) -Wno-maybe-uninitialized)

LIB_SRC  := $(filter-out sim/main.c,$(sort $(shell find sim -name '*.c')))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all test tests check-layers check-asan check-valgrind bench fuzz run install uninstall clean
all: $(BUILD)/supsim

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libsupsim.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/supsim: $(BUILD)/obj/sim/main.o $(BUILD)/libsupsim.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/%.c $(BUILD)/libsupsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests $(LDFLAGS) $< $(BUILD)/libsupsim.a $(LDLIBS) -lcmocka -o $@

$(BUILD)/bench/%: bench/%.c $(BUILD)/libsupsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(BUILD)/libsupsim.a $(LDLIBS) -o $@

# Everything one variant needs for the test suite.
tests: $(BUILD)/supsim $(TEST_BIN)

# The test command: the suite in the normal build, then under ASan + UBSan,
# then one total line "N passed, N failed" over both.
test:
	$(MAKE) --no-print-directory BUILD=build tests
	$(MAKE) --no-print-directory BUILD=build check-layers
	$(MAKE) --no-print-directory BUILD=build/san SAN=1 tests
	sh tests/run.sh build build/san

# The layers of sim/ (docs/architecture.md, "Layers"): no include against
# the flow, no cycle of includes or calls, every header compiles alone.
check-layers: $(BUILD)/libsupsim.a
	sh scripts/check-layers.sh --objs $(BUILD)/obj/sim --cc "$(CC)" \
		--cflags "$(filter-out -MMD -MP,$(CFLAGS))"

check-asan:
	$(MAKE) --no-print-directory BUILD=build/san SAN=1 tests
	sh tests/run.sh build/san

check-valgrind: tests
	VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full" sh tests/run.sh $(BUILD)

bench: $(BUILD)/supsim $(BENCH_BIN)
	sh bench/run.sh $(BUILD)

fuzz:
	$(MAKE) --no-print-directory -C tests/fuzz

# The main job: the shipped spring-2020 scenario.
run: $(BUILD)/supsim
	$(BUILD)/supsim run scenarios/spring-2020.ini

# make install [PREFIX=/usr/local] [DESTDIR=]: the program, its manual page,
# and under share/supsim/ the gnuplot scripts (`supsim plot` finds them
# there from bin/supsim: sim/cli/plot.c) and the scenarios with their
# tables.  DESTDIR stages the tree elsewhere (packaging, tests/cli/install.sh).
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL ?= install
bindir  := $(PREFIX)/bin
mandir  := $(PREFIX)/share/man/man1
datadir := $(PREFIX)/share/supsim

install: $(BUILD)/supsim
	$(INSTALL) -d '$(DESTDIR)$(bindir)' '$(DESTDIR)$(mandir)' '$(DESTDIR)$(datadir)/scripts'
	$(INSTALL) -m 755 $(BUILD)/supsim '$(DESTDIR)$(bindir)/supsim'
	$(INSTALL) -m 644 man/supsim.1 '$(DESTDIR)$(mandir)/supsim.1'
	$(INSTALL) -m 644 scripts/*.gp '$(DESTDIR)$(datadir)/scripts/'
	cd scenarios && find . -type f ! -name '.*' | while IFS= read -r f; do \
		$(INSTALL) -D -m 644 "$$f" '$(DESTDIR)$(datadir)/scenarios/'"$$f" || exit 1; \
	done

# Everything install wrote: share/supsim/ is supsim's own.
uninstall:
	rm -f '$(DESTDIR)$(bindir)/supsim' '$(DESTDIR)$(mandir)/supsim.1'
	rm -rf '$(DESTDIR)$(datadir)'

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
