#!/bin/sh
# Solr init step: CKAN's schema indexes unknown fields as single-valued strings,
# but the hub's minerals, countries, themes, languages, indicators and reference years
# hold lists, as do the countries plugin's facet fields (asmhub_*). Add them as
# multi-valued strings through the Schema API (idempotent).
set -e
url="${SOLR_URL:-http://solr:8983/solr/ckan}"
until curl -sf "$url/admin/ping" >/dev/null; do echo "waiting for Solr"; sleep 2; done
for field in minerals countries themes language indicators ref_year \
    asmhub_country_type asmhub_country_mineral asmhub_country_theme asmhub_figure; do
  if ! curl -sf "$url/schema/fields/$field" >/dev/null; then
    curl -sf -X POST -H 'Content-type:application/json' "$url/schema" \
      --data "{\"add-field\": {\"name\": \"$field\", \"type\": \"string\", \"indexed\": true, \"stored\": true, \"multiValued\": true}}"
    echo "added $field"
  fi
done
