#!/usr/bin/env bash
# One command for a newcomer: builds the web app and the backend, then
# starts the backend with demo data, serving the app at the printed URL.
# Pass e.g. --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem to
# reach it from a phone on the same network (plain HTTP is loopback only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-web.sh
cargo build --release -p samenop-server
exec target/release/samenop-server serve --demo --web-dir target/web "$@"
