#!/usr/bin/env bash
# The one test command: installs what is missing (JDK 17, Maven, socat, curl), then builds every bundle and image
# and runs the whole suite — unit tests in each bundle and the Pax Exam tests that boot real images.
set -euo pipefail
cd "$(dirname "$0")"

need_install=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -qE 'javac (1[7-9]|2[0-9])'; then
  need_install+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || need_install+=(maven)
# socat links two pseudo-terminals: the Modbus bus is tested over RTU on a real serial line (driver.modbus-meters).
command -v socat >/dev/null 2>&1 || need_install+=(socat)
# itest's ReadmeTest runs the README's curl lines against ./run.sh.
command -v curl >/dev/null 2>&1 || need_install+=(curl)
# feature.ocpp's tests run an independent OCPP 1.6J central system: the npm package ocpp-rpc, on node.
command -v node >/dev/null 2>&1 || need_install+=(nodejs)
command -v npm >/dev/null 2>&1 || need_install+=(npm)
# itest's WebInterfaceTest walks the web pages in Debian's chromium, driven by the npm package playwright-core (which
# downloads no browser of its own).
[ -x /usr/bin/chromium ] || need_install+=(chromium)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_install[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_install[@]}"
fi

# The central system's npm package, pinned by its package-lock.json (the tests also install it when missing).
central_system=feature.ocpp/src/test/central-system
if [ ! -d "$central_system/node_modules/ocpp-rpc" ]; then
  echo "test.sh: installing the test central system's npm packages"
  npm ci --prefix "$central_system" --no-audit --no-fund
fi

# The browser walkthrough's npm package (playwright-core), pinned by its package-lock.json (the test also installs it).
walkthrough=itest/src/test/browser
if [ ! -d "$walkthrough/node_modules/playwright-core" ]; then
  echo "test.sh: installing the web walkthrough's npm packages"
  npm ci --prefix "$walkthrough" --no-audit --no-fund
fi

# install, not verify: the Pax Exam tests load the images through Maven URLs, which read ~/.m2.
exec mvn -B -ntp install "$@"
