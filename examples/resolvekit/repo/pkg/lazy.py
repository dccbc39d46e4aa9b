"""Only reachable through the package's lazy __getattr__."""


class LazyThing:
    def run(self) -> int:
        """Run lazily."""
        return 1
