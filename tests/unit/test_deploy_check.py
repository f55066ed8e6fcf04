"""A build for deployment without its address warns loudly and names the fix; other builds stay quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros import deploy_check
from tests.conftest import ROOT


@pytest.mark.parametrize(("site_url", "env", "expected"), [
    ("http://127.0.0.1:8000/", None, "SITE_URL is not set"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/", "an address on this machine only"),
    ("http://localhost:9000/guide/", "http://localhost:9000/guide/", "an address on this machine only"),
    ("https://example.org/guide/", "https://example.org/guide/", None),
])
def test_what_is_wrong_with_a_deployment_address(site_url: str, env: str | None,
                                                 expected: str | None) -> None:
    reason = deploy_check.problem(site_url, env)
    assert reason == expected if expected is None else expected in reason


def test_the_banner_names_the_fix() -> None:
    text = deploy_check.banner("SITE_URL is not set")
    assert "WARNING: building for deployment, but SITE_URL is not set." in text
    assert "SITE_URL=https://example.org/guide/ make dist" in text
    assert "Instant navigation" in text


def _config_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run only the hook's on_config, as MkDocs does, in a child with ``env``."""
    code = ("import os; from macros import deploy_check; "
            "deploy_check.on_config({'site_url': os.environ.get('SITE_URL', 'http://127.0.0.1:8000/')})")
    ours = ("SITE_URL", deploy_check.DEPLOY_ENV)
    clean = {key: value for key, value in os.environ.items() if key not in ours}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True,
                          text=True, check=True)


def test_only_a_deployment_build_warns() -> None:
    assert _config_check({}).stderr == "", "make serve, make build and the tests stay quiet"
    assert "SITE_URL is not set" in _config_check({deploy_check.DEPLOY_ENV: "1"}).stderr
    deployed = _config_check({deploy_check.DEPLOY_ENV: "1", "SITE_URL": "https://example.org/guide/"})
    assert deployed.stderr == ""


def test_make_dist_builds_for_deployment() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    dist = makefile[makefile.index("\ndist:"):].split("\n\n")[0]
    assert f"{deploy_check.DEPLOY_ENV}=1" in dist and "--strict" in dist
    assert "macros/deploy_check.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert Path(deploy_check.__file__).is_file()
