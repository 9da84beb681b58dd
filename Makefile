# The two quick-start commands are `make demo` and `make test`; `.ci/run` runs `make test`.
SWIFT ?= swift
SAMPLE ?= Corpus/rfc/nested-multipart.eml
# Debian packages the project needs: OpenSSL and GPGME development files for the crypto
# modules, the gpg/gpgsm/openssl tools the interoperability tests use as peers.
APT_PACKAGES = pkg-config libssl-dev openssl libgpgme-dev gnupg gpgsm gpg-agent python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test release sanitize tsan fuzz

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

# The Swift runtime is linked into the binary (--static-swift-stdlib): no Swift libraries to
# load and bind at each start, which halves what a run on one small message costs (a mail
# filter starts mimekit once a message). OpenSSL and GPGME stay shared system libraries.
release: deps
	$(SWIFT) build -c release --product mimekit --static-swift-stdlib

demo: release
	.build/release/mimekit dump $(SAMPLE)

test: deps
	$(SWIFT) test

# The test suite built with AddressSanitizer (and LeakSanitizer), in its own build folder;
# .ci/run runs it after `make test`. Swift's backtracer is off so a sanitizer report is the
# last word of a failing run; leaks inside the toolchain's libraries are suppressed by name.
# The CLI tests look for `mimekit` in the folders above their bundle's and fall back to
# .build/debug; the link lets them find the sanitized one.
sanitize: deps
	bin=$$($(SWIFT) build --sanitize=address --scratch-path .build-asan --show-bin-path) && \
	  mkdir -p "$$bin" && ln -sfn "$$(basename "$$bin")/mimekit" "$$(dirname "$$bin")/mimekit"
	SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan-suppressions.txt \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan

# The tests of code that runs on several threads, built with ThreadSanitizer in .build-tsan;
# .ci/run runs them after `make sanitize`: stat and scan with --jobs (mbox, Maildir, S/MIME
# and OpenPGP keys), S/MIME identities and one OpenPGP context shared by threads, one mapped
# mbox parsed and read by threads, charset conversion on threads. Such a test says so in its
# name (a Concurrency suite, a concurrent… test) or is one of the CLI's "for any jobs" tests.
# The CLI tests run the sanitized `mimekit` (linked as for `sanitize`) and fail on anything it
# writes to stderr; a report in the test process fails the run (exit status 66). Not the whole
# suite: under TSan it takes six minutes more. `make tsan TSAN_TESTS=.` runs it all anyway.
TSAN_TESTS = [Cc]oncurren|ForAnyJobs|ForAnyNumberOfJobs
tsan: deps
	bin=$$($(SWIFT) build --sanitize=thread --scratch-path .build-tsan --show-bin-path) && \
	  mkdir -p "$$bin" && ln -sfn "$$(basename "$$bin")/mimekit" "$$(dirname "$$bin")/mimekit"
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	SWIFT_BACKTRACE=enable=no $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan \
	  --filter '$(TSAN_TESTS)'

# The libFuzzer targets of Tests/Fuzz, each for SECONDS (default 120), or one: `make fuzz
# TARGET=ParserChunks SECONDS=600`. Crashes land in .build-fuzz/crashes/.
fuzz:
	Tests/Fuzz/fuzz.sh $(if $(TARGET),$(TARGET),--all) $(if $(SECONDS),$(SECONDS),120)
