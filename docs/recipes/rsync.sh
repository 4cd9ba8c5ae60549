#!/bin/sh
# Publishes the portal to any web server over SSH. The recipe is explained in
# cairn's docs/publishing.md. Run it from the portal folder of a full clone.
#   DEST=deploy@web.acme.example:/var/www/portal/ BASE_URL=https://acme.example/portal/ sh rsync.sh
# DEST must be a folder that holds the portal alone: --delete removes from it
# whatever this build did not write.
set -eu

cairn check --public
cairn build --public --base-url "$BASE_URL" -o public

# -r recursive, -l links as links, -t times, -z compressed, -c by checksum:
# cairn leaves unchanged files as they were, but a fresh clone's times differ.
rsync -rltzc --delete --chmod=D755,F644 public/ "$DEST"
