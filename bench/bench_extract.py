"""Benchmark: per-stage speed of the per-document pipeline on the seeds repeated.

Reads the seed reports once, then runs split → sentences → mentions →
relations → quantities over copies of them until at least ``--megabytes`` of
report text has been processed, and prints seconds and KB/s (one process, so
per core) for each stage, next to ``jieba.lcut`` over the same text for scale.

The extractor keeps the segmentation of each text window it has seen, so a
copy of a seed would cost less than new text; the cache is emptied before
each round (``--warm`` keeps it), and the tokenizers are loaded before the
clock starts, so the figures are those of new reports in a running build.

    python bench/bench_extract.py              # 10 MB
    python bench/bench_extract.py --megabytes 2
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from kg.extract import default_extractor, extract_mentions
from kg.ingest import iter_input_files, read_document
from kg.quantities import extract_quantities
from kg.relations import extract_relations
from kg.sentences import split_sentences
from kg.split import split_reports

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0, help="text to process (default 10)")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"), help="folder of report files")
    parser.add_argument("--no-jieba", action="store_true", help="skip the jieba comparison")
    parser.add_argument("--warm", action="store_true",
                        help="keep the segmentation cache between rounds (copies then cost less than new text)")
    args = parser.parse_args()

    docs = [read_document(p) for p in iter_input_files([args.seeds])]
    per_round = sum(len(d.text.encode("utf-8")) for d in docs)
    rounds = max(1, int(args.megabytes * 1e6 / per_round + 0.999))
    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    _load_tokenizers(docs[0])
    for _ in range(rounds):
        if not args.warm:
            default_extractor().lexicon.clear_token_cache()
        for doc in docs:
            t0 = time.perf_counter()
            reports = split_reports(doc)
            t1 = time.perf_counter()
            seconds["split"] += t1 - t0
            for report in reports:
                t0 = time.perf_counter()
                sentences = split_sentences(report)
                t1 = time.perf_counter()
                mentions = extract_mentions(report, sentences)
                t2 = time.perf_counter()
                relations = extract_relations(report, sentences, mentions)
                t3 = time.perf_counter()
                quantities = extract_quantities(report, sentences, mentions)
                t4 = time.perf_counter()
                seconds["sentences"] += t1 - t0
                seconds["mentions"] += t2 - t1
                seconds["relations"] += t3 - t2
                seconds["quantities"] += t4 - t3
                counts["mentions"] += len(mentions)
                counts["relations"] += len(relations)
                counts["quantities"] += len(quantities)
    total_kb = per_round * rounds / 1000
    print(f"{total_kb / 1000:.1f} MB of report text ({rounds} rounds of {len(docs)} files), one core")
    print(f"{'stage':12} {'seconds':>8} {'KB/s':>9}")
    for stage, secs in seconds.items():
        print(f"{stage:12} {secs:8.2f} {total_kb / secs:9.0f}")
    extract = sum(seconds.values())
    print(f"{'all':12} {extract:8.2f} {total_kb / extract:9.0f}")
    print("found per round: " + ", ".join(f"{k} {v // rounds}" for k, v in counts.items()))
    if not args.no_jieba:
        import jieba
        text = "\n".join(d.text for d in docs)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        t0 = time.perf_counter()
        reps = max(1, rounds // 4)
        for _ in range(reps):
            tokenizer.lcut(text)
        secs = time.perf_counter() - t0
        print(f"{'jieba.lcut':12} {secs:8.2f} {per_round * reps / 1000 / secs:9.0f}  (for scale)")


def _load_tokenizers(doc) -> None:
    """Run the stages once on one document, so that dictionaries load before timing."""
    for report in split_reports(doc):
        sentences = split_sentences(report)
        mentions = extract_mentions(report, sentences)
        extract_relations(report, sentences, mentions)
        extract_quantities(report, sentences, mentions)


if __name__ == "__main__":
    main()
