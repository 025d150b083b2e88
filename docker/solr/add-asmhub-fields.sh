#!/bin/sh
# Solr init step: CKAN's 2.12 schema plus the hub's fields, through the Schema API
# (idempotent: what exists is left alone).
#
# CKAN's schema indexes a field it does not name as one exact string. The hub's
# index documents hold lists (ckanext/asmhub/metadata/indexing.py: minerals, countries,
# themes, language, and the estimates' indicators and reference years; the
# countries plugin's facet pairs asmhub_*), which must be multi-valued strings;
# and keyword_labels, the labels and country names in every offered language that
# make codes findable, is text. The PostgreSQL backend ranks minerals, countries,
# themes and keyword_labels with the tags (ckanext.asmhub.search.keyword_fields):
# here they are copied into CKAN's catch-all `text` field so a query finds them.
# docker/checks/solr_fields.py compares these lists with what the index holds.
set -eu
url="${SOLR_URL:-http://solr:8983/solr/ckan}"
list_fields="minerals countries themes language indicators ref_year asmhub_country_type asmhub_country_mineral asmhub_country_theme asmhub_figure"
text_fields="keyword_labels"
copy_to_text="minerals countries themes keyword_labels"

until curl -sf "$url/admin/ping" >/dev/null; do echo "waiting for Solr"; sleep 2; done
schema() {
  curl -sf -X POST -H 'Content-type:application/json' "$url/schema" --data "$1" >/dev/null
}
for field in $list_fields; do
  if ! curl -sf "$url/schema/fields/$field" >/dev/null; then
    schema "{\"add-field\": {\"name\": \"$field\", \"type\": \"string\", \"indexed\": true, \"stored\": true, \"multiValued\": true}}"
    echo "added $field (multi-valued string)"
  fi
done
for field in $text_fields; do
  if ! curl -sf "$url/schema/fields/$field" >/dev/null; then
    schema "{\"add-field\": {\"name\": \"$field\", \"type\": \"text\", \"indexed\": true, \"stored\": false, \"multiValued\": false}}"
    echo "added $field (text)"
  fi
done
for field in $copy_to_text; do
  if ! curl -sf "$url/schema/copyfields?source.fl=$field&dest.fl=text" | grep -q "\"source\" *: *\"$field\""; then
    schema "{\"add-copy-field\": {\"source\": \"$field\", \"dest\": \"text\"}}"
    echo "copied $field into text"
  fi
done
