#!/usr/bin/env bash
# Refresh the Vega libraries the site ships in _static/vendor/ from the npm registry.
# Versions must match the Vega-Lite schema of the pinned Altair (altair.SCHEMA_VERSION).
set -euo pipefail
VEGA=5.33.0 VEGA_LITE=5.20.1 VEGA_EMBED=6.29.0
out="$(cd "$(dirname "$0")/.." && pwd)/_ext/ddsite/static/vega"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
for spec in "vega@$VEGA" "vega-lite@$VEGA_LITE" "vega-embed@$VEGA_EMBED"; do
  name=${spec%@*}
  npm pack --silent "$spec" >/dev/null
  mkdir "$name" && tar xzf "$name"-*.tgz -C "$name"
  cp "$name/package/build/$name.min.js" "$out/$name.min.js"
  cp "$name/package/LICENSE" "$out/LICENSE.$name.txt"
done
printf 'vega %s\nvega-lite %s\nvega-embed %s\n' "$VEGA" "$VEGA_LITE" "$VEGA_EMBED" > "$out/VERSIONS.txt"
