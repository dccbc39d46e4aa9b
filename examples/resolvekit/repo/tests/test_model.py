from pkg import Model


class TestModel:
    def _make(self):
        return Model.from_pretrained("x")

    def test_save(self):
        model = self._make()
        model.save("out")
