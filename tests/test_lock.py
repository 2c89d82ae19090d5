"""The lock files: what every install (make run, make test, CI, production) takes, pinned
and hashed, and in step with pyproject.toml's ranges."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)")


def locked(name):
    """{package: (version, number of hashes)} of requirements/<name>.txt."""
    pins, current = {}, None
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = [match[2], 0]
        elif current and line.strip().startswith("--hash=sha256:"):
            pins[current][1] += 1
    return {name: tuple(pin) for name, pin in pins.items()}


def wanted(*extras):
    names = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        names += PYPROJECT["project"]["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(("lock", "extras"), [("prod.txt", ("s3",)), ("dev.txt", ("dev",))])
def test_every_dependency_is_locked_within_its_range_with_hashes(lock, extras):
    pins = locked(lock)
    for requirement in wanted(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements/{lock}"
        version, hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{requirement.name}=={version} in {lock} is outside {requirement.specifier}"
        )
    assert all(hashes for _version, hashes in pins.values()), f"a pin without a hash in {lock}"


def test_development_runs_the_versions_production_runs():
    prod, dev = locked("prod.txt"), locked("dev.txt")
    differ = {
        name: (prod[name][0], dev[name][0])
        for name in prod.keys() & dev.keys()
        if prod[name][0] != dev[name][0]
    }
    assert not differ


def test_django_is_the_52_lts():
    version, _hashes = locked("prod.txt")["django"]
    assert version.startswith("5.2.")


def test_make_and_the_deployment_steps_install_from_the_hashed_locks():
    makefile = (ROOT / "Makefile").read_text()
    assert "requirements/install requirements/dev.txt" in makefile
    install = (ROOT / "requirements" / "install").read_text()
    assert '--require-hashes --no-deps -r "$LOCK"' in install
    assert 'pip install --quiet -e ".[dev]"' not in makefile
    readme = (ROOT / "README.md").read_text()
    assert "--require-hashes --no-deps -r /srv/toasoan/requirements/prod.txt" in readme
