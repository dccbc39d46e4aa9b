import cfgtool


def test_build_flow(tmp_path):
    cfg = cfgtool.load(str(tmp_path / "site.yaml"))
    assert cfg.validate() == []
    html = cfgtool.Renderer().render(cfg)
    assert "<h1>" in html
