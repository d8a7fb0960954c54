#!/usr/bin/env bash
# Installs the pinned Pulumi CLI into $PULUMI_INSTALL_DIR (default .pulumi/) once;
# a later job whose cache holds that version uses it as it is. The release
# tarball is checked against the release's published SHA-256 before use.
#
#   PULUMI_VERSION        the CLI version (the one engine/go.mod builds for the tests)
#   PULUMI_INSTALL_DIR    where to install (cached between jobs by .gitlab-ci.yml)
set -euo pipefail
version="${PULUMI_VERSION:?set PULUMI_VERSION}"
dir="${PULUMI_INSTALL_DIR:-.pulumi}"
if [ -x "$dir/bin/pulumi" ] && [ "$("$dir/bin/pulumi" version)" = "v$version" ]; then
    echo "Pulumi CLI v$version: cached in $dir"
    exit 0
fi
base="https://get.pulumi.com/releases/sdk"
tarball="pulumi-v$version-linux-x64.tar.gz"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL --retry 3 -o "$tmp/$tarball" "$base/$tarball"
curl -fsSL --retry 3 -o "$tmp/checksums.txt" "$base/pulumi-$version-checksums.txt"
(cd "$tmp" && grep " $tarball\$" checksums.txt | sha256sum -c -)
rm -rf "$dir/bin"
mkdir -p "$dir/bin"
tar -xzf "$tmp/$tarball" -C "$dir/bin" --strip-components=1
echo "Pulumi CLI v$version: installed in $dir"
