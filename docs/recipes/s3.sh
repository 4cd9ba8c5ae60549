#!/bin/sh
# Publishes the portal to an S3-compatible bucket. The recipe is explained in
# cairn's docs/publishing.md. Run it from the portal folder of a full clone.
#   BUCKET=acme-web PREFIX=portal BASE_URL=https://acme.example/portal/ sh s3.sh
# For another S3-compatible service: AWS="aws --endpoint-url https://..." sh s3.sh
set -eu
AWS="${AWS:-aws}"
DEST="s3://$BUCKET/$PREFIX"

cairn check --public
cairn build --public --base-url "$BASE_URL" -o public

# What cairn published last time, and what it publishes now.
LISTS=$(mktemp -d)
$AWS s3 cp "$DEST/.cairn-published" "$LISTS/old" 2>/dev/null || : > "$LISTS/old"
(cd public && find . -type f | sed 's|^\./||' | LC_ALL=C sort) > "$LISTS/new"

# Pages with their charset; feed and sitemap with theirs; the rest by extension.
$AWS s3 sync public/ "$DEST/" --exclude "*.html" --exclude "*.xml"
$AWS s3 sync public/ "$DEST/" --exclude "*" --include "*.html" --content-type "text/html; charset=utf-8"
$AWS s3 sync public/ "$DEST/" --exclude "*" --include "sitemap.xml" --content-type "application/xml; charset=utf-8"
$AWS s3 sync public/ "$DEST/" --exclude "*" --include "feed.xml" --content-type "application/atom+xml; charset=utf-8"

# Delete only what cairn published before and no longer writes: anything
# else under the prefix stays (aws s3 sync --delete would remove it too).
LC_ALL=C sort "$LISTS/old" | LC_ALL=C comm -23 - "$LISTS/new" | while IFS= read -r key; do
  $AWS s3 rm "$DEST/$key"
done
$AWS s3 cp "$LISTS/new" "$DEST/.cairn-published" --content-type "text/plain; charset=utf-8"
rm -r "$LISTS"
