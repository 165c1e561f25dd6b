"""The public API in kg/__init__.py: every listed name resolves, and `import kg` alone loads no heavy library."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import kg


@pytest.mark.parametrize("name", kg.__all__)
def test_every_public_name_is_its_module_object(name):
    if name in kg.STAGE_MODULES:  # a module holding the stage's function of the same name
        assert getattr(kg, name) is importlib.import_module(f"kg.{name}") and callable(getattr(kg, name).__dict__[name])
    else:
        assert getattr(kg, name) is getattr(importlib.import_module(kg._MODULE_OF[name]), name)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        kg.nothing  # noqa: B018


def test_import_kg_loads_neither_spacy_nor_rdflib():
    code = "import sys, kg; print(sorted(m for m in ('spacy', 'rdflib', 'pyshacl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
