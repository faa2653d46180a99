#!/usr/bin/env bash
# Debian packages pierce needs beside PyPI: ICU headers (pyicu builds against them), Pango
# (WeasyPrint renders PDF reports), PostgreSQL 15 (the ledger's server backend, used by the
# tests) and openssl (a local RFC 3161 time-stamp authority in the tests). Installs only what
# is missing, so a prepared machine pays nothing.
set -euo pipefail
wanted=(libicu-dev pkg-config libpango-1.0-0 libpangoft2-1.0-0 postgresql openssl)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
