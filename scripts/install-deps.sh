#!/usr/bin/env bash
# Installs the system libraries ChurnKit links against, only when they are missing:
# OpenBLAS (BLAS + LAPACK) and zlib (gzip-compressed logs), both found through pkg-config, on
# Debian/Ubuntu.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openblas zlib; then
  exit 0
fi
echo "Installing libopenblas-dev, zlib1g-dev and pkg-config with apt-get…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libopenblas-dev zlib1g-dev pkg-config >/dev/null
pkg-config --exists openblas || { echo "OpenBLAS is still not visible to pkg-config" >&2; exit 1; }
pkg-config --exists zlib || { echo "zlib is still not visible to pkg-config" >&2; exit 1; }
