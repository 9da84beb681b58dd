# The two quick-start commands are `make demo` and `make test`; `.ci/run` runs `make test`.
SWIFT ?= swift
SAMPLE ?= Corpus/rfc/nested-multipart.eml
# Debian packages the project needs: OpenSSL and GPGME development files for the crypto
# modules, the gpg/gpgsm/openssl tools the interoperability tests use as peers.
APT_PACKAGES = pkg-config libssl-dev openssl libgpgme-dev gnupg gpgsm gpg-agent python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test release

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

release: deps
	$(SWIFT) build -c release --product mimekit

demo: release
	.build/release/mimekit dump $(SAMPLE)

test: deps
	$(SWIFT) test
