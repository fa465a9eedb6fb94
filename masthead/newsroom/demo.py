"""The demo newsroom's articles, topics, authors and generated pictures."""


def load(*, home) -> None:
    pass
