"""Are NER windows exact? The gate's windows (factlint.analysis.gate) against NER over whole articles.

For every match of benchmarks/rules/ner.yaml's relaxed patterns in te3-silver, NER runs on the
windows the gate cuts and on the whole article (what --no-gating gives NER, which embeds its
own tok2vec), and compares: the rules' matches, and the entity labels of each relaxed match
and the 8 tokens before it. Settings: whole sentences (no windows), the shipped one, and
smaller ones, to show where labels start to differ.

    PYTHONPATH=. .venv/bin/python benchmarks/ner_windows.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"
NER_RULES = REPO / "benchmarks" / "rules" / "ner.yaml"
LOOK_BEFORE = 8  # tokens before a relaxed match whose labels are compared (a name's length)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="articles (default: all)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not here")
        return 0
    import factlint.analysis.gate as gating
    from factlint.analysis.document_analysis import analyse
    from factlint.engine.check import gate_for_rules
    from factlint.engine.options import LintOptions
    from factlint.engine.selection import rules_for
    from factlint.kinds.token_patterns import rule_matcher
    from factlint.nlp.pipeline import load_pipeline
    from factlint.read.reader import ReadOptions, load_text

    rules = rules_for(None, LintOptions(rule_paths=(NER_RULES,), select=("bench",), use_config=False))
    cheap, trained = load_pipeline(None), load_pipeline(None, frozenset({"ner"}))
    if not trained.trained or trained.ner_reach is None:
        print("skipped: no trained English pipeline whose NER reach is known")
        return 0
    with open(CORPUS, encoding="utf-8") as handle:
        rows = [json.loads(line) for index, line in enumerate(handle) if args.limit is None or index < args.limit]
    documents = [load_text(row["text"], f"{row['doc_id']}.txt", ReadOptions()) for row in rows]
    analyses = list(analyse(documents, cheap))
    wholes = list(trained.nlp.pipe([d.text for d in documents], batch_size=32))

    def matches(doc, offset: int) -> set[tuple[str, int, int]]:
        found = set()
        for rule in rules:
            for _key, start, end in rule_matcher(doc.vocab, rule)(doc):
                found.add((rule.id, offset + doc[start].idx, offset + doc[end - 1].idx + len(doc[end - 1].text)))
        return found

    reach = trained.ner_reach
    shipped = (reach + 1, gating.NAME_TOKENS)
    settings = [("whole sentences", None, gating.NAME_TOKENS), ("shipped", *shipped), ("smaller name", reach + 1, 4)]
    settings.append(("smaller context", reach - 1, 4))
    print(f"{len(documents)} articles; NER reach {reach}; shipped: {shipped[0]} tokens of context, {shipped[1]} for a name")
    print("| setting | context | name | characters | NER time | matches lost / added | labels differing |")
    print("|---|---|---|---|---|---|---|")
    for name, context, name_tokens in settings:
        gating.NAME_TOKENS = name_tokens
        gate = gate_for_rules(cheap.nlp.vocab, rules, ner_reach=None if context is None else context - 1)
        chunks = [(i, c) for i, a in enumerate(analyses) for c in gate.chunks(a)]
        start = time.perf_counter()
        parsed = list(trained.nlp.pipe([documents[i].text[c.start : c.end] for i, c in chunks], batch_size=32))
        seconds = time.perf_counter() - start
        found: dict[int, set] = {}
        labels: dict[int, dict[int, tuple[str, str]]] = {}
        for (i, chunk), doc in zip(chunks, parsed, strict=True):
            found.setdefault(i, set()).update(matches(doc, chunk.start))
            labels.setdefault(i, {}).update({chunk.start + t.idx: (t.ent_iob_, t.ent_type_) for t in doc})
        lost = added = differing = compared = 0
        for i, analysis in enumerate(analyses):
            expected, got = matches(wholes[i], 0), found.get(i, set())
            lost, added = lost + len(expected - got), added + len(got - expected)
            whole = {t.idx: (t.ent_iob_, t.ent_type_) for t in wholes[i]}
            for _key, first, end in gate.matcher(analysis.doc):  # type: ignore[misc]
                for token in analysis.doc[max(first - LOOK_BEFORE, 0) : end]:
                    if token.idx in labels.get(i, {}):
                        compared += 1
                        differing += labels[i][token.idx] != whole.get(token.idx)
        characters = sum(c.end - c.start for _i, c in chunks)
        print(
            f"| {name} | {context or 'sentences'} | {name_tokens if context else '-'} | {characters:,} | {seconds:.1f} s "
            f"| {lost} / {added} | {differing} of {compared:,} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
