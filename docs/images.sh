#!/usr/bin/env bash
# Remakes the pictures of the README with hubatlas itself (its own PNG and
# PDF writers; pdftoppm, from poppler-utils, shows the PDF as a reader
# would). Run from the repository's top: bash docs/images.sh
set -euo pipefail
bin=$(mktemp -d)/hubatlas
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/hubatlas
"$bin" render --lang both -o docs/china-map.png
"$bin" render --edition cn --lang zh --width 960 --height 720 -o docs/edition-cn.png
HUBATLAS_DATA_HUBS_NOUN=suppliers "$bin" render --hubs examples/suppliers.csv --categories examples/categories.yaml -o docs/own-data.png
"$bin" render --page a4-landscape --lang both -o docs/report-a4.pdf
pdftoppm -r 80 -png -singlefile docs/report-a4.pdf docs/report-a4
"$bin" render --page slide --dpi 96 --industry electronics-tech -o docs/slide.png
"$bin" render --focus CN-GD --lang both --width 960 --height 720 -o docs/guangdong.png
