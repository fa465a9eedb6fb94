"""What a web process carries: each is forked from `masthead run` after Django and the URLs are
loaded, so whatever that process imported stays in every web worker's memory (#14: at most
150 MiB RSS each; bench/comments_thread.py --readers measures it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Imported only where they are needed: fpdf (with fontTools, about 45 MiB) by the view that makes a
# donor's yearly PDF, dkim by the mail backend in the task worker.
HEAVY = ("fpdf", "fontTools", "dkim")

SCRIPT = """
import json, sys
import django; django.setup()
from django.urls import get_resolver; get_resolver().url_patterns
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[1:]))))
"""


def test_a_web_process_does_not_import_what_only_a_rare_view_needs(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_", "DATABASE_URL"))}
    env |= {"DJANGO_SETTINGS_MODULE": "masthead.site.settings", "MASTHEAD_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *HEAVY],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
