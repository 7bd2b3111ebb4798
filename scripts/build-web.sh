#!/usr/bin/env bash
# Builds the web version of the field app into target/web (wasm + JS glue +
# index.html), without dx: cargo for wasm32, then wasm-bindgen.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi
flag=--release; [ "$profile" = debug ] && flag=
# getrandom 0.3 needs its web backend chosen explicitly on wasm32-unknown-unknown.
RUSTFLAGS='--cfg getrandom_backend="wasm_js"' \
  cargo build $flag --target wasm32-unknown-unknown --features web -p samenop --bin samenop
out=target/web
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "target/wasm32-unknown-unknown/$profile/samenop.wasm"
# No inline script or style (CSP): the boot script and the stylesheet are files.
cp web/index.html web/boot.js web/browser.js web/manifest.webmanifest "$out/"
# The home-screen icons (scripts/make-icons.py writes them).
cp -r web/icons "$out/"
cp assets/app.css "$out/"
# The offline shell lists every file of this build.
files=$(cd "$out" && find . -type f ! -name sw.js | sort | sed 's|^\./|"./|; s|$|"|' | paste -sd, -)
version=$(cat "$out"/samenop_bg.wasm "$out"/samenop.js | sha256sum | cut -c1-12)
sed -e "s|/\*FILES\*/|$files|" -e "s|/\*VERSION\*/|$version|" web/sw.js > "$out/sw.js"
gzip -9 -c "$out/samenop_bg.wasm" | wc -c | awk '{printf "web bundle: samenop_bg.wasm %.0f KiB gzipped\n", $1/1024}'
