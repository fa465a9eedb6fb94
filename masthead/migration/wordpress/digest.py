"""A short fingerprint of what an import read, to tell an unchanged item without rebuilding it."""

import hashlib
import json


def digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:32]
