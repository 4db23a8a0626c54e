"""What a fresh install needs: every import declared, every benchmark script importable."""

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH_SCRIPTS = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name != "__init__.py")


def _deptry(*args: str) -> subprocess.CompletedProcess:
    deptry = shutil.which("deptry", path=str(Path(sys.executable).parent)) or "deptry"
    return subprocess.run(
        [deptry, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_every_import_of_the_project_is_a_declared_dependency():
    result = _deptry(".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_service_imports_nothing_that_only_the_tests_install():
    result = _deptry("signon", "migrations", "--optional-dependencies-dev-groups", "test")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lock_pins_every_declared_dependency():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    pinned = {line.split("==")[0].split("[")[0] for line in lock.splitlines() if "==" in line}

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {
        d.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower().replace("_", "-")
        for d in declared
    }
    assert names - pinned == set()


@pytest.mark.parametrize("script", BENCH_SCRIPTS, ids=lambda p: p.name)
def test_each_benchmark_script_imports(script: Path, tmp_path: Path, monkeypatch):
    # Scripts that build an app at import time get a database of their own.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bench.db'}")
    monkeypatch.setenv("SECRET_KEY", "bench")
    monkeypatch.setenv("BASE_URL", "https://sign.example.org")
    spec = importlib.util.spec_from_file_location(f"bench_smoke_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


def test_the_sqlite_export_benchmark_runs_end_to_end():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "bench/export_sqlite.py", "50"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "50 sign-ons" in result.stdout
