"""End-to-end flow: load a file strictly, validate, render, write."""

import pytest

import clikit

SITE = """\
name: handbook
output: build
pages:
  - title: Home
    template: home.html
  - title: FAQ
    template: faq.html
"""


def test_load_validate_render_write(tmp_path):
    source = tmp_path / "site.yaml"
    source.write_text(SITE, encoding="utf-8")

    cfg = clikit.load(str(source), strict=True)
    assert cfg.validate() == []

    renderer = clikit.Renderer(theme="plain")
    assert "<h1>handbook</h1>" in renderer.render(cfg)

    written = renderer.write(cfg, str(tmp_path / "out" / "index.html"))
    assert written.read_text(encoding="utf-8").startswith("<html>")


def test_strict_load_rejects_incomplete_pages(tmp_path):
    source = tmp_path / "site.yaml"
    source.write_text("pages:\n  - title: Home\n", encoding="utf-8")
    with pytest.raises(clikit.ConfigError):
        clikit.load(str(source), strict=True)
