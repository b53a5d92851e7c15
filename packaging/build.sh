#!/usr/bin/env bash
# Build the one-folder app and zip it:  bash packaging/build.sh
# Result: dist/KPIDesk/ and dist/KPIDesk-<version>-<platform>.zip
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
[ -x "$py" ] || { bash .ci/dev setup >/dev/null; py=.venv/bin/python; }
py="$(cd "$(dirname "$py")" && pwd)/$(basename "$py")"
"$py" -m pip install -q -e ".[package]"
version=$("$py" -c "import metrics_core; print(metrics_core.__version__)")
platform=$("$py" -c "import sys, platform; print(f'{sys.platform}-{platform.machine()}')")
export KPIDESK_LICENSES_STAGING="$PWD/build/licenses"
rm -rf "$KPIDESK_LICENSES_STAGING"
"$py" packaging/collect_licenses.py "$KPIDESK_LICENSES_STAGING"
"$py" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/kpidesk.spec
"$py" packaging/make_zip.py dist/KPIDesk "dist/KPIDesk-$version-$platform.zip"
echo "built dist/KPIDesk ($(du -sh dist/KPIDesk | cut -f1)) and dist/KPIDesk-$version-$platform.zip ($(du -sh "dist/KPIDesk-$version-$platform.zip" | cut -f1))"
