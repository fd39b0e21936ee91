#!/usr/bin/env bash
# Installs the Debian 12 packages Nusqa builds, runs and tests with; skips
# the download when everything is already there. Run as root.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config python3
    libpoco-dev libxml2-dev libxml2-utils libxslt1-dev libssl-dev libsqlite3-dev
    libmysqlcppconn-dev libargon2-dev libpodofo-dev libpodofo-utils libboost-test-dev
    mariadb-server poppler-utils qpdf fonts-dejavu-core fonts-liberation2 clang-16 libclang-rt-16-dev
    libqrencode-dev zbar-tools
    # Hyphenation of printed text: libhyphen and Debian's Russian patterns.
    libhyphen-dev hyphen-ru
    libpoppler-cpp-dev
    clang-format-16
    # The cluster and backup tests: mariadb-server already brings galera-4,
    # rsync and socat (Galera's provider and its state transfer).
    haproxy mariadb-backup sqlite3
    # cluster_load moves the Nusqa nodes' clocks ahead (LD_PRELOAD).
    libfaketime
    chromium
)
# The web pages build with Node.js and npm (Node 18 or newer). Debian's
# nodejs and npm packages conflict with a Node.js installed from elsewhere
# (NodeSource's nodejs bundles npm): ask only for what is missing.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi
if [ "$#" -gt 0 ]; then packages+=("$@"); fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages (${missing[*]}); run as root to install them" >&2
    exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# mariadb-server's post-install tries to start a service; the tests start
# their own throwaway server, so a refused service start is harmless.
apt-get install -y -qq --no-install-recommends "${missing[@]}"
