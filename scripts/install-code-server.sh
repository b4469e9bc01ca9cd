#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into a git-ignored
# folder, outside the project's own dependency tree so that `npm ci` stays fast. Works offline but for
# the npm registry and Debian packages; see the workarounds below.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/.vscode-test/code-server"
version="4.100.3"
if [ -x "$dest/node_modules/.bin/code-server" ] && grep -q "\"version\": \"$version\"" "$dest/node_modules/code-server/package.json" 2>/dev/null; then
  echo "code-server $version already installed in $dest"
  exit 0
fi
need=()
for p in chromium ripgrep libkrb5-dev; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# @vscode/ripgrep downloads a musl build of ripgrep 13 at install; its downloader first looks in this
# cache, and accepts a tarball holding Debian's rg (also 13.0.0) at its root.
tmp="$(node -p 'require("os").tmpdir()')"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$tarball" ]; then
  work="$(mktemp -d)"; cp "$(command -v rg)" "$work/rg"; tar -czf "$tarball" -C "$work" rg; rm -rf "$work"
fi
mkdir -p "$dest"
cd "$dest"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
# As root the postinstall refuses without unsafe-perm; node-pty runs `npx node-gyp`, which needs yes=true.
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --no-save "code-server@$version" 2>&1 | grep -v 'Unknown user config' | tail -5
test -x "$dest/node_modules/.bin/code-server"
echo "code-server $version installed in $dest"
