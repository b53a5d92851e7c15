#!/usr/bin/env bash
# Every screen at 1366x768, 1280x720, 200 % on 3840x2160 and in dark mode, under Xvfb, in English and Slovenian
# (the longest texts), and at 1366x768 in Romanian, Swedish and Serbian; one folder per configuration and language.
#   bash tools/render_laptops.sh OUT_DIR [LANGS] [MORE_LANGS]      (defaults: "en sl" and "ro sv sr")
set -euo pipefail
out=${1:?usage: render_laptops.sh OUT_DIR [LANGS] [MORE_LANGS]}
langs=${2:-en sl}
more=${3:-ro sv sr}
py=${PYTHON:-.venv/bin/python}
export QT_QPA_PLATFORM=xcb
shot() {  # folder screen size lang [extra options]
  local folder=$1 screen=$2 size=$3 lang=$4
  shift 4
  xvfb-run -a -s "-screen 0 ${screen}x24" "$py" tools/render_screens.py "$out/$folder-$lang" --size "$size" --lang "$lang" "$@"
}
for lang in $langs; do
  shot 1366x768 1366x768 1366x768 "$lang"
  shot 1280x720 1280x720 1280x720 "$lang"
  QT_SCALE_FACTOR=2 shot 200pct 3840x2160 1920x1080 "$lang"
  shot dark 1366x768 1366x768 "$lang" --dark
done
for lang in $more; do
  shot 1366x768 1366x768 1366x768 "$lang"
done
