from tinylm.models.loader import FastModel


def test_dtype():
    assert FastModel("x", dtype="nf4").dtype == "nf4"
