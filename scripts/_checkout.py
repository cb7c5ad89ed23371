"""Put this checkout first on `sys.path`, so a script run as `python scripts/X.py` imports the
fixtures in `testkit/` (not installed: they are not part of bulletin)."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
