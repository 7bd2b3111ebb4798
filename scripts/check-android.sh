#!/usr/bin/env bash
# Type-checks the app for Android (aarch64) with the `mobile` feature.
# No Android NDK exists on these machines, so C build scripts (ring,
# libsqlite3-sys) compile against glibc's arm64 headers with clang: good
# for checking only, never for shipping. Real bundles: see README.
set -euo pipefail
cd "$(dirname "$0")/.."
# The bundle configuration first: manifest, backup rules, network config, iOS
# plist and entitlements (no APK/IPA is built here, so this is their check).
python3 scripts/check-platforms.py
need=()
command -v clang >/dev/null || need+=(clang)
command -v ld.lld >/dev/null || need+=(lld)
[ -d /usr/aarch64-linux-gnu/include ] || need+=(libc6-dev-arm64-cross)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
rustup target list --installed | grep -q '^aarch64-linux-android$' || rustup target add aarch64-linux-android
ar=$(command -v llvm-ar || ls /usr/bin/llvm-ar-* 2>/dev/null | sort -V | tail -n 1)
export CC_aarch64_linux_android=clang
export AR_aarch64_linux_android=$ar
export CFLAGS_aarch64_linux_android="--target=aarch64-linux-android24 --sysroot=/usr/aarch64-linux-gnu -isystem /usr/aarch64-linux-gnu/include"
cargo check --target aarch64-linux-android --features mobile -p samenop --quiet
echo "android check: ok"
