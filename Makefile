# kmap - competence-mapping analyzer. Plain GNU make.
#
#   make              build build/kmap
#   make demo         install missing Debian packages (as root), build, run
#   make deps         just the packages (tools/deb-packages); as a user, it
#                     prints the apt-get line; make print-deb-packages
#   make check        all tests; ends with "N passed, N failed, N skipped"
#   make cli CASES='tests/cli/summary/0003-*'   some golden cases (default
#                     all); UPDATE_GOLDEN=1 rewrites their expectations
#   make SANITIZE=address,undefined check   the same under ASan/UBSan
#                     (in build-address-undefined/; SANITIZE=thread works too)
#   make install PREFIX=/usr/local DESTDIR=   make uninstall
#                     the binary, the man page, the bash completion,
#                     the scale files and the message catalogues
#   make pot          po/kmap.pot from the sources; make po-update merges
#                     it into po/*.po (msgmerge)
#   make dist         kmap-VERSION.tar.gz from the committed tree
#   make fmt / check-fmt / check-headers / clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
# the message catalogues: LOCALEDIR/sv/LC_MESSAGES/kmap.mo (compiled in)
LOCALEDIR ?= $(DATADIR)/locale
# where bash-completion looks for a command's completion on first use
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
DESTDIR ?=
CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
LDFLAGS ?=
CSV_LIBS ?= -lcsv
PYTHON ?= /usr/bin/python3

VERSION := $(shell sed -n 's/^\#define KMAP_VERSION "\(.*\)"/\1/p' include/kmap/kmap.h)

# The Debian packages the build and the tests need (SPEC §8) are listed
# in one place, tools/deb-packages ("build PACKAGE" or "test PACKAGE" a
# line); make deps and .ci/run install from it.
DEB_LIST = tools/deb-packages
deb_kind = $(shell awk '$$1 == "$(1)" { print $$2 }' $(DEB_LIST))
DEB_BUILD_PACKAGES = $(call deb_kind,build)
DEB_TEST_PACKAGES = $(call deb_kind,test)
DEB_PACKAGES = $(DEB_BUILD_PACKAGES) $(DEB_TEST_PACKAGES)

# What pkg-config must find (module:Debian package that ships its .pc),
# and libcsv's header, which has no .pc; CSV_H= skips that check.
PC_BUILD = libcjson:libcjson-dev libutf8proc:libutf8proc-dev \
	xlsxwriter:libxlsxwriter-dev libzip:libzip-dev expat:libexpat1-dev
PC_TEST = cmocka:libcmocka-dev
CSV_H ?= /usr/include/csv.h
PKGS = $(foreach m,$(PC_BUILD),$(firstword $(subst :, ,$(m))))
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

WARN = -Wall -Wextra -Wpedantic -Wformat=2 -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wwrite-strings -Wvla \
	-Wshadow -fno-common -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN += -Werror
endif

comma := ,
BUILD = build
ifneq ($(SANITIZE),)
# one directory per set of sanitizers: their objects do not mix
BUILD = build-$(subst $(comma),-,$(SANITIZE))
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif

KMAP_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude $(PKG_CFLAGS) $(WARN) -MMD -MP $(SAN_FLAGS) -pthread
KMAP_LDFLAGS = $(SAN_FLAGS) -pthread
LIBS = $(PKG_LIBS) $(CSV_LIBS) -lm

Q = @
ifeq ($(V),1)
Q =
endif

LIB_SRCS = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(BUILD)/obj/main.o
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
KMAP = $(BUILD)/kmap

.PHONY: all kmap demo check test unit cli install uninstall clean fmt \
	check-fmt check-headers deps bench bench-smoke fuzz coverage \
	screenshots man dist print-deb-packages pot po-update FORCE

# Messages (i18n.h): the languages of po/, compiled by msgfmt into
# $(BUILD)/locale, the tree the tests point KMAP_LOCALEDIR at.
LINGUAS = sv
MO_FILES = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/kmap.mo)

all: $(KMAP) $(BUILD)/kmap.1 $(MO_FILES)
kmap: $(KMAP)
man: $(BUILD)/kmap.1

# The man page carries the version from the one place it is kept.
$(BUILD)/kmap.1: doc/kmap.1 include/kmap/kmap.h
	@mkdir -p $(@D)
	$(Q)sed 's/@VERSION@/$(VERSION)/' doc/kmap.1 >$@

# A missing -dev package stops the build at once with one line naming it,
# not with a compile error later. The check runs (once) only when
# something is compiled, so an up-to-date make costs nothing.
missing_debs = $(shell \
	if ! command -v $(firstword $(PKG_CONFIG)) >/dev/null 2>&1; then \
		echo pkg-config; exit 0; fi; \
	for m in $(1); do \
		$(PKG_CONFIG) --exists $${m%%:*} 2>/dev/null || echo $${m#*:}; \
	done; \
	$(if $(2),[ -z "$(CSV_H)" ] || [ -f "$(CSV_H)" ] || echo libcsv-dev))
sudo = $(if $(filter 0,$(shell id -u)),,sudo )
need_debs = $(if $(strip $(1)),$(error missing Debian \
	package$(if $(word 2,$(1)),s) $(strip $(1)) \
	(run: $(sudo)apt-get install -y $(strip $(1)))))
BUILD_DEBS = $(eval BUILD_DEBS := \
	$(call missing_debs,$(PC_BUILD),csv))$(BUILD_DEBS)
TEST_DEBS = $(eval TEST_DEBS := $(call missing_debs,$(PC_TEST)))$(TEST_DEBS)
NEED_BUILD_DEBS = $(call need_debs,$(BUILD_DEBS))
NEED_TEST_DEBS = $(call need_debs,$(TEST_DEBS))

$(BUILD)/obj/%.o: src/%.c
	@$(NEED_BUILD_DEBS)mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(KMAP_CFLAGS) $(CFLAGS) -c $< -o $@

# LOCALEDIR is compiled into i18n.o; the file $(BUILD)/localedir changes,
# and i18n.o is compiled again, only when LOCALEDIR does (make install
# PREFIX=... after a make).
$(BUILD)/localedir: FORCE
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' >$@
$(BUILD)/obj/i18n.o: $(BUILD)/localedir
$(BUILD)/obj/i18n.o: KMAP_CFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'

# Every function that takes a message's English text, and which argument:
# xgettext finds each message there, so none is missed (tests/i18n.sh
# checks po/kmap.pot is current and po/sv.po translates all of it). A
# literal hint is marked N_() where a call has a message too.
XGETTEXT_KEYWORDS = _ N_ NN_:1,2 i18n_ngettext:1,2 kmap_error:1 kmap_error_at:2 \
	kmap_warn:1 kmap_warn_at:2 kmap_note:1 kmap_note_at:2 kmap_info:1 \
	diag_report:4 diag_vreport:4 diag_report_n:5,6 diag_report_values:4 \
	diag_report_values_n:5,6 \
	diag_hintf:1 \
	cli_usage_error:3 report:5 lreport:5 value_error:4 header_error:4 \
	cell_error:4 xp_fail:2 fail:3
XGETTEXT = xgettext --from-code=UTF-8 --language=C --no-wrap \
	--package-name=kmap --package-version=$(VERSION) \
	--msgid-bugs-address="the kmap maintainers" --sort-by-file \
	--add-location=file --add-comments=TRANSLATORS: \
	$(XGETTEXT_KEYWORDS:%=--keyword=%) --flag=diag_hintf:1:c-format
POT_SRCS = $(sort $(wildcard src/*.c src/*.h))
POT ?= po/kmap.pot

pot:
	$(Q)$(XGETTEXT) -o $(POT) $(POT_SRCS)

po-update: pot
	$(Q)for l in $(LINGUAS); do \
	  msgmerge -q --update --backup=none --no-wrap po/$$l.po po/kmap.pot; \
	done

$(BUILD)/locale/%/LC_MESSAGES/kmap.mo: po/%.po
	@command -v msgfmt >/dev/null || { echo "missing Debian package" \
	  "gettext (run: $(sudo)apt-get install -y gettext)"; exit 1; }
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check -o $@ $<

$(BUILD)/libkmap.a: $(LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $(LIB_OBJS)

$(KMAP): $(MAIN_OBJ) $(BUILD)/libkmap.a
	@echo "  LD      $@"
	$(Q)$(CC) $(KMAP_LDFLAGS) $(LDFLAGS) $(CFLAGS) -o $@ $^ $(LIBS)

# A test is compiled and linked in one step; its dependency file is named
# here (build/tests/test_x.d) so that gcc and clang agree on where it goes.
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libkmap.a
	@$(NEED_TEST_DEBS)mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(KMAP_CFLAGS) -MF $@.d -MT $@ $(CMOCKA_CFLAGS) $(CFLAGS) \
		$(KMAP_LDFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkmap.a $(LIBS) \
		$(CMOCKA_LIBS)

# Installs the missing packages of tools/deb-packages when run as root;
# otherwise prints the one apt-get line that installs them, and fails only
# when a build package is among them (make check then names what it could
# not run).
deps:
	@build="$(DEB_BUILD_PACKAGES)"; all="$$build $(DEB_TEST_PACKAGES)"; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "not a Debian system; kmap needs:" $$all; exit 0; fi; \
	have=" $$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' \
	  $$all 2>/dev/null | awk '$$1 == "ii" { printf "%s ", $$2 }')"; \
	missing=""; for p in $$all; do case "$$have" in *" $$p "*) ;; \
	  *) missing="$$missing $$p" ;; esac; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Missing Debian packages. Run:"; \
	  echo "  sudo apt-get install -y$$missing"; \
	  for p in $$build; do case "$$missing " in *" $$p "*) exit 1 ;; \
	    esac; done; \
	  echo "(the build has what it needs; the tests need the rest)"; \
	fi

print-deb-packages:
	@echo $(DEB_PACKAGES)

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	@echo
	@echo '$$ build/kmap summary data/orebro-2021.csv'
	@./$(KMAP) summary data/orebro-2021.csv

unit: $(UNIT_BINS)

# Golden CLI cases by path (default: all of them), e.g.
#   make cli CASES='tests/cli/summary/0003-*'
#   UPDATE_GOLDEN=1 make cli CASES=tests/cli/heatmap   rewrites just those
cli: $(KMAP) $(MO_FILES)
	$(Q)KMAP=$(KMAP) UPDATE_GOLDEN=$(UPDATE_GOLDEN) sh tests/run-cli.sh $(CASES)

# The README's pictures, from real output, by headless Chromium.
screenshots: $(KMAP)
	$(Q)KMAP=$(KMAP) PYTHON=$(PYTHON) sh tools/screenshots.sh

check test: $(KMAP) $(BUILD)/kmap.1 $(MO_FILES) $(UNIT_BINS)
	$(Q)KMAP=$(KMAP) BUILD=$(BUILD) PYTHON=$(PYTHON) sh tests/run-all.sh

# Benchmarks (bench/README.md): no timing in make check.
build/bench/csvcount: bench/csvcount.c
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -o $@ $< $(CSV_LIBS)

bench: $(KMAP) build/bench/csvcount
	$(Q)KMAP=$(KMAP) $(PYTHON) bench/run.py
	$(Q)sh bench/limits.sh $(KMAP)
	$(Q)KMAP=$(KMAP) sh bench/workbook.sh

bench-smoke: $(KMAP)
	$(Q)KMAP=$(KMAP) RUNS=1 $(PYTHON) bench/run.py --smoke
	$(Q)sh bench/limits.sh $(KMAP)

# Branch coverage of the tests (gcc --coverage, gcov -b).
coverage:
	rm -rf build-coverage
	$(MAKE) --no-print-directory BUILD=build-coverage \
		CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" check
	$(Q)sh tests/coverage.sh

# Fuzzing (libFuzzer, clang-14, ASan+UBSan): make fuzz FUZZ_SECONDS=N.
# A crash stops it; its input is left in build-fuzz/crash-* and belongs
# in tests/fuzz/corpus/ once fixed.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_BUILD = build-fuzz
FUZZ_SAN = -g -O1 -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-D_GNU_SOURCE -Iinclude $(PKG_CFLAGS) -pthread $(FUZZ_SAN)
FUZZ_OBJS = $(LIB_SRCS:src/%.c=$(FUZZ_BUILD)/obj/%.o)
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@$(NEED_BUILD_DEBS)mkdir -p $(@D)
	@echo "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	@echo "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-MMD -MP -MF $@.d -MT $@ -o $@ $< $(FUZZ_OBJS) $(LIBS)

FUZZ_TARGETS = reader summary scale workbook differential
fuzz: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
	$(Q)for t in $(FUZZ_TARGETS); do \
	  dict=tests/fuzz/$$t.dict; [ -f $$dict ] || dict=tests/fuzz/csv.dict; \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=5 -rss_limit_mb=1024 \
	    -malloc_limit_mb=256 -print_final_stats=1 \
	    -dict=$$dict \
	    -artifact_prefix=$(FUZZ_BUILD)/crash-$$t- \
	    $(FUZZ_BUILD)/corpus-$$t tests/fuzz/corpus/$$t 2>&1 | \
	    grep -E '^#[0-9]+ +DONE|^stat::number_of_executed_units|ERROR|SUMMARY|Test unit written'; \
	  [ -z "$$(ls $(FUZZ_BUILD)/crash-$$t-* 2>/dev/null)" ] || exit 1; \
	done

SCALES = $(wildcard data/scale-*.json)

install: $(KMAP) $(BUILD)/kmap.1 $(MO_FILES)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
		"$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(DATADIR)/kmap"
	for l in $(LINGUAS); do \
	  install -d "$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES" && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/kmap.mo \
	    "$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/kmap.mo" || exit 1; \
	done
	install -m 755 $(KMAP) "$(DESTDIR)$(BINDIR)/kmap"
	install -m 644 $(BUILD)/kmap.1 "$(DESTDIR)$(MANDIR)/man1/kmap.1"
	install -m 644 completions/kmap.bash "$(DESTDIR)$(BASHCOMPDIR)/kmap"
	install -m 644 $(SCALES) "$(DESTDIR)$(DATADIR)/kmap/"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/kmap" "$(DESTDIR)$(MANDIR)/man1/kmap.1" \
		"$(DESTDIR)$(BASHCOMPDIR)/kmap"
	rm -f $(SCALES:data/%="$(DESTDIR)$(DATADIR)/kmap/%")
	rm -f $(LINGUAS:%="$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/kmap.mo")
	rmdir "$(DESTDIR)$(DATADIR)/kmap" 2>/dev/null || true

# A release tarball of the committed tree (git archive): it builds and
# passes 'make check' on its own (.ci/run tries that).
DIST = kmap-$(VERSION)
dist:
	$(Q)git archive --format=tar.gz --prefix=$(DIST)/ -o $(DIST).tar.gz HEAD
	@echo "$(DIST).tar.gz"

# Every header compiles on its own: the public ones and src/'s private
# ones (cmd.h, opt.h, the *_internal.h of a module's files).
check-headers:
	$(Q)$(NEED_BUILD_DEBS)for h in include/kmap/*.h src/*.h; do \
	  case $$h in include/*) inc=$${h#include/} ;; *) inc=$${h#src/} ;; esac; \
	  echo "#include \"$$inc\"" | \
	    $(CC) $(filter-out -MMD -MP,$(KMAP_CFLAGS)) -Isrc $(CFLAGS) \
	      -x c -fsyntax-only - || { echo "header $$h"; exit 1; }; \
	done; echo "headers: ok"

# The one formatting authority is .clang-format; CI runs check-fmt.
CLANG_FORMAT ?= clang-format
FMT_FILES = $(wildcard src/*.c src/*.h include/kmap/*.h tests/unit/*.c \
	tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h)
fmt:
	$(CLANG_FORMAT) -i $(FMT_FILES)

check-fmt:
	$(Q)$(CLANG_FORMAT) --dry-run --Werror $(FMT_FILES)

clean:
	rm -rf build build-*

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d)
-include $(wildcard $(FUZZ_BUILD)/obj/*.d $(FUZZ_BUILD)/*.d)
