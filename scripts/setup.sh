#!/usr/bin/env bash
# Installs what libr57 needs on Debian or Ubuntu (only what is missing) and
# builds it into ./build.  Safe to run again: it does nothing it need not.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential pkg-config meson ninja-build libsqlite3-dev libjansson-dev
          nettle-dev libutf8proc-dev check swig python3 python3-venv chromium openjdk-17-jdk-headless maven)
# Hardening (docs/hardening.md): clang with its libFuzzer runtime, valgrind,
# gcovr (scripts/coverage.sh).
packages+=(clang libclang-rt-14-dev valgrind gcovr)
# The habits (scripts/tidy.sh, .clang-tidy, .clang-format): clang-tidy and
# clang-format of the same clang.
packages+=(clang-tidy clang-format)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python packages for the tests (requirements-dev.txt), in a virtual
# environment of the project's own so nothing is installed system-wide.
if [ ! -x .venv/bin/python3 ]; then
    python3 -m venv .venv
fi
stamp=.venv/.requirements.sha1
if [ "$(sha1sum requirements-dev.txt)" != "$(cat "$stamp" 2>/dev/null)" ]; then
    echo "setup: installing Python packages into .venv"
    .venv/bin/python3 -m pip install -q --disable-pip-version-check -r requirements-dev.txt
    sha1sum requirements-dev.txt > "$stamp"
fi

if [ ! -f build/build.ninja ]; then
    meson setup build --werror -Djava=enabled >/dev/null
elif ! grep -q libr57jni.so build/build.ninja; then
    meson configure build -Djava=enabled >/dev/null
fi
ninja -C build >/dev/null

# Java: Maven's plugins and JUnit go into ~/.m2 once per version of the poms
# (a run of one quick test also fetches Surefire's JUnit provider), so that
# `mvn test` afterwards needs no network.
stamp=build/.maven-poms.sha1
poms="$(cat bindings/java/pom.xml examples/java/pom.xml | sha1sum)"
if [ "$poms" != "$(cat "$stamp" 2>/dev/null)" ]; then
    echo "setup: fetching Maven plugins and JUnit into ~/.m2"
    mvn -q -B -f bindings/java/pom.xml -Dtest=NativeLibraryTest install >/dev/null
    mvn -q -B -f examples/java/pom.xml -DskipTests test-compile >/dev/null
    echo "$poms" > "$stamp"
fi
