#!/bin/sh
# Brings the JNI library and the SWIG-generated classes up to date in a meson
# build directory (the pom's generate-sources step): sets the directory up,
# or turns its `java` option on, and builds only the Java binding's target.
set -eu
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$src" --werror -Djava=enabled >/dev/null
elif ! grep -q 'libr57jni.so' "$build/build.ninja"; then
    meson configure "$build" -Djava=enabled >/dev/null
fi
ninja -C "$build" -j2 bindings/java/libr57jni.so bindings/java/TaskStatus.java >/dev/null
