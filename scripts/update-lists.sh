#!/bin/sh
# Regenerate the four Russian lists in rules/lists/ from the registry snapshots in ../shared.
#
#   scripts/update-lists.sh [SNAPSHOTS]     (default: ../shared/data/registries)
#
# Each `checker lists import` keeps the hand-written aliases, exclusions and domains already in
# the list file, takes names, dates, decisions and websites from the export, and prints what was
# added, removed and changed. Review the diff, then commit the YAML: checks never read ../shared.
#
# `retrieved` is the date of each snapshot's newest row (lem has no fetch date of its own); the
# ITSalt mirror states its fetch date. The first export is the register; the others only add
# websites (censorai: the official API's `resources`), history (fz255) and decision references.
set -eu
cd "$(dirname "$0")/.."
data=${1:-../shared/data/registries}
lists=rules/lists

checker lists import "$data/lem/foreign-agents-raw.json" \
    "$data/censorai/foreign_agents.json" "$data/fz255-foreign-agents/registry.json" \
    --into "$lists/ru.foreign-agents.yaml" --retrieved 2026-07-10
checker lists import "$data/lem/undesirable-orgs.json" "$data/fz255-undesirable/registry.json" \
    --into "$lists/ru.undesirable.yaml" --retrieved 2026-07-03
checker lists import "$data/lem/extremist-orgs.json" \
    --into "$lists/ru.extremist.yaml" --retrieved 2026-07-10
checker lists import "$data/itsalt-mirror/fsb_terrorist_orgs.json" \
    --into "$lists/ru.terrorist.yaml"
