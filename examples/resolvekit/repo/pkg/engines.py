__all__ = ["Engine"]


class Engine:
    def start(self):
        return "full"
