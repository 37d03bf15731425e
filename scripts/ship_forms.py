"""Write the bundled lists, loaded, and their derived name forms into checker/shipped/, so that
a fresh installation's first check is as fast as a warm one. Run after editing a bundled list or the code
that derives forms; tests/test_shipped_forms.py fails until you do.

    python scripts/ship_forms.py
"""

from __future__ import annotations

from checker.match.formcache import SHIPPED
from checker.match.names import ship_bundled_forms


def main() -> int:
    for old in SHIPPED.glob("*.json.gz"):
        old.unlink()
    for path in ship_bundled_forms():
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
