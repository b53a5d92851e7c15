#!/usr/bin/env bash
# Every screen at 1366x768, 1280x720, 200 % on 3840x2160, and in dark mode, under Xvfb, in one language
# (Slovenian has the longest texts).
#   bash tools/render_laptops.sh OUT_DIR [LANG]
set -euo pipefail
out=${1:?usage: render_laptops.sh OUT_DIR [LANG]}
lang=${2:-en}
py=${PYTHON:-.venv/bin/python}
export QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1366x768x24" "$py" tools/render_screens.py "$out/1366x768" --size 1366x768 --lang "$lang"
xvfb-run -a -s "-screen 0 1280x720x24" "$py" tools/render_screens.py "$out/1280x720" --size 1280x720 --lang "$lang"
QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3840x2160x24" "$py" tools/render_screens.py "$out/200pct" --size 1920x1080 --lang "$lang"
xvfb-run -a -s "-screen 0 1366x768x24" "$py" tools/render_screens.py "$out/dark" --size 1366x768 --dark --lang "$lang"
