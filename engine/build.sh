#!/usr/bin/env bash
# Builds the engine the tests run: the Pulumi CLI at the version engine/go.mod
# pins, and this repository's Node.js language host (engine/langhost), into
# .engine/bin (git-ignored). Nothing is downloaded at run time but Go modules,
# through the Go module proxy.
#
#   engine/build.sh            build, or do nothing when the inputs are unchanged
#   ENGINE_FROM=path engine/build.sh
#                              use the `pulumi` already on PATH (with its own
#                              pulumi-language-nodejs beside it) instead of building
#
# A second run with nothing changed takes well under a second: the inputs'
# hash is kept in .engine/stamp. Built binaries are also cached per hash in
# ${ENGINE_CACHE:-$HOME/.cache/ml-model-governance/engine}, so a fresh clone on
# the same machine (CI) copies them instead of linking again. Measured on 2
# cores: 1.5 min of module downloads and 6.5 min of building from cold, about
# 20 s to relink with a warm Go build cache (docs/engine-tests.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.engine/bin
mkdir -p "$out"

if [ "${ENGINE_FROM:-build}" = path ]; then
    cli=$(command -v pulumi) || { echo "engine/build.sh: ENGINE_FROM=path, but no pulumi on PATH" >&2; exit 1; }
    host="$(dirname "$cli")/pulumi-language-nodejs"
    [ -x "$host" ] || host=$(command -v pulumi-language-nodejs) || { echo "engine/build.sh: no pulumi-language-nodejs beside $cli or on PATH" >&2; exit 1; }
    ln -sf "$cli" "$out/pulumi"
    ln -sf "$host" "$out/pulumi-language-nodejs"
    echo "engine: using $cli ($("$cli" version))"
    rm -f .engine/stamp
    exit 0
fi

command -v go >/dev/null || { echo "engine/build.sh: Go is needed to build the engine (or set ENGINE_FROM=path to use an installed pulumi)" >&2; exit 1; }
# The toolchain as it builds in engine/ (go.mod's `go` line may switch it) and the settings that change the binaries.
stamp=$( { (cd engine && go version && go env GOOS GOARCH CGO_ENABLED GOFLAGS); cat engine/go.mod engine/go.sum engine/build.sh; find engine/langhost -type f -name '*.go' | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-16)
if [ "$(cat .engine/stamp 2>/dev/null)" = "$stamp" ] && [ -x "$out/pulumi" ] && [ -x "$out/pulumi-language-nodejs" ] && [ ! -L "$out/pulumi" ]; then
    echo "engine: up to date ($stamp)"
    exit 0
fi

cache="${ENGINE_CACHE:-${HOME:-/tmp}/.cache/ml-model-governance/engine}/$stamp"
if [ -x "$cache/pulumi" ] && [ -x "$cache/pulumi-language-nodejs" ]; then
    rm -f "$out/pulumi" "$out/pulumi-language-nodejs"
    cp "$cache/pulumi" "$cache/pulumi-language-nodejs" "$out/"
    echo "$stamp" > .engine/stamp
    echo "engine: copied from cache $cache"
    exit 0
fi

cd engine
version=$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3)
stampflag="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
start=$SECONDS
echo "engine: building the Pulumi CLI $version and the language host (from cold: about 8 minutes on 2 cores)"
rm -f "../$out/pulumi" "../$out/pulumi-language-nodejs"
go build -trimpath -ldflags "$stampflag=$version" -o "../$out/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
# Our own host, not Pulumi's: the version says so.
go build -trimpath -ldflags "$stampflag=$version+ml-model-governance" -o "../$out/pulumi-language-nodejs" ./langhost
cd ..
# Into a temporary directory first, then renamed: an interrupted copy never looks like a
# cached build, and one left by a concurrent build (same stamp, same binaries) is kept.
mkdir -p "$(dirname "$cache")"
partial="$cache.partial.$$"
trap 'rm -rf "$partial"' EXIT
rm -rf "$partial" && mkdir "$partial"
cp "$out/pulumi" "$out/pulumi-language-nodejs" "$partial/"
rm -rf "$cache"
mv -T "$partial" "$cache" 2>/dev/null || true
echo "$stamp" > .engine/stamp
echo "engine: built in $((SECONDS - start)) s: $("$out/pulumi" version)"
