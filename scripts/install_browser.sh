#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the end-to-end web tests (tests/test_web_e2e.py drives them through
# Playwright's Python package with executable_path; Playwright's own browser download is never used).
# Idempotent: does nothing when both are already installed. Needs root (or sudo) for apt-get.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "install_browser: chromium and chromedriver already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium chromium-driver
command -v chromium >/dev/null && echo "install_browser: installed $(command -v chromium)"
