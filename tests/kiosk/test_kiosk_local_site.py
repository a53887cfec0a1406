"""What a kiosk reads from the site folder on its own disk when the server cannot be asked:
guides and branch names, with no server code."""

from __future__ import annotations

import subprocess
import sys

from kiosk.local_site import load_local_site
from tests.support.servers import DEMO_CONFIG


def test_the_site_folder_is_read_without_server_code() -> None:
    site = load_local_site(DEMO_CONFIG)
    assert [g.id for g in site.guides] == ["pas"]
    assert site.guides[0].steps[0]["en"] == "Bring your old passport if you have one."
    assert site.branch_names["gellerup"]["da"] == "Gellerup Bibliotek (demo)"
    assert load_local_site(None).guides == []
    code = (
        "import sys, kiosk.local_site, kiosk.backend; print('queue_server.config' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
