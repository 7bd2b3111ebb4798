#!/usr/bin/env bash
# Type-checks (and lints) the iOS Keychain item of the vault's device secret
# for aarch64-apple-ios. Only that crate: the device crate's C dependencies
# (ring, SQLite) need Apple's SDK, which these machines do not have, and
# nothing here links or runs for iOS. What that leaves unproven: crate README.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target list --installed | grep -q '^aarch64-apple-ios$' || rustup target add aarch64-apple-ios
cargo clippy --target aarch64-apple-ios -p samenop-keychain --quiet -- -D warnings
echo "ios check: ok (samenop-keychain)"
