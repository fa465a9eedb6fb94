"""What the benchmarks' command lines share: the description (the first line of the script's
docstring, which says what it measures) and the size of the site a benchmark builds."""

import argparse


def bench_parser(doc: str | None) -> argparse.ArgumentParser:
    """The parser of a benchmark whose module docstring is `doc`."""
    lines = (doc or "").strip().splitlines()
    return argparse.ArgumentParser(description=lines[0] if lines else None)


def site_size_add(parser: argparse.ArgumentParser, *, posts: int, comments_per_post: int = 10) -> None:
    """--posts and --comments-per-post: how large a site the benchmark builds (by a WordPress import)."""
    parser.add_argument("--posts", type=int, default=posts, help=f"stories in the site (default {posts:,})")
    parser.add_argument(
        "--comments-per-post",
        type=int,
        default=comments_per_post,
        help=f"comments on each story (default {comments_per_post})",
    )
