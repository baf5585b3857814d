"""Unit tests for the :mod:`kg.turtle` module (graph.ttl without an rdflib Graph)."""
from __future__ import annotations

import math
import random
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graph_sample import COMPANY, DISTRICT, HIGH_TECH, REPORT_ID, reordered, sample
from kg.graph import build_graph, serialize_turtle
from kg.model import Entity, Mention, Quantity, Relation, Sentence
from kg.turtle import TurtleCache, graph_triples, quote, turtle_bytes, write_turtle
from viz_sample import two_reports

KEYS = ("reports", "sentences", "entities", "relations", "quantities")


def args(data: dict) -> list:
    return [data[key] for key in KEYS]


def reference(data: dict) -> bytes:
    return serialize_turtle(build_graph(*args(data)))


def written(data: dict, folder: Path, cache: TurtleCache | None = None) -> bytes:
    path = folder / "graph.ttl"
    write_turtle(path, *args(data), cache=cache)
    return path.read_bytes()


AWKWARD_TEXTS = [
    "", "a", '"', '""', '"""', 'x"', 'x\\"', "\\", "\\\\", "line\nbreak", "line\nends with quote\"",
    'three """ quotes\nand a line', "\r\n", "carriage\rreturn", "tab\there", "emoji 🚀 and 𠀀",
    "\u2028 separator", "控制字符\x01\x1f", 'mixed \\" and \n and """ and \\\n', "\n", '\n"', '\\\n"',
]


def awkward() -> dict:
    """Names, ids, sentences and metadata that test every escape of the writer."""
    data = sample()
    odd_id = 'Enterprise/"引号" 公司 100%#?<b>{x}|^`\\'
    text = 'He said "高新技术企业"\\ \n"""\r 🚀'
    data["sentences"] = data["sentences"] + [
        Sentence(f"{REPORT_ID}-s99", REPORT_ID, f"{REPORT_ID}-sec2", "plan", text, 500, 500 + len(text))]
    data["entities"] = data["entities"] + [
        Entity(odd_id, "Enterprise", 'a "quoted"\nname\\', aliases=('a "quoted"\nname\\', "别名\t", ""),
               mentions=(Mention('"引号" 公司', "Enterprise", 501, 508, f"{REPORT_ID}-s99", REPORT_ID,
                                 'rule."x"'),)),
        Entity("District/空格 区", "District", "空格 区", parent="东岳省/不存在", code="0"),
    ]
    data["relations"] = data["relations"] + [
        Relation(odd_id, "certifiedAs", HIGH_TECH, f"{REPORT_ID}-s99", REPORT_ID, text, 500, 520,
                 "certifiedAs.认定为\n", level="省级", year=-3)]
    data["quantities"] = data["quantities"] + [
        Quantity("target", odd_id, 'R&D "强度"', 12000000000.0, "亿\n元", None, f"{REPORT_ID}-s99",
                 REPORT_ID, text, 500, 520, "t"),
        Quantity("achievement", None, "比例", -0.5, "%", 2020, f"{REPORT_ID}-s99", REPORT_ID, text, 500, 520,
                 "a"),
        Quantity("achievement", None, "无穷", math.inf, "%", 2020, f"{REPORT_ID}-s99", REPORT_ID, text, 500,
                 520, "a"),
        Quantity("target", DISTRICT, "小数", 3.30, "%", 2026, f"{REPORT_ID}-s99", REPORT_ID, text, 500, 520,
                 "t"),
    ]
    second = replace(data["reports"][0], report_id="doc0002-1", doc_id="doc0002", source="b/空 格.txt",
                     title='第二份 "报告"\n', published="2026-13-40", publisher="云岭县科学技术局",
                     period=None, issuer="不存在的局", district=None)
    data["reports"] = data["reports"] + [second]
    return data


@pytest.mark.parametrize("make", [sample, awkward, two_reports], ids=["sample", "awkward", "two-reports"])
def test_same_bytes_as_serialising_the_built_graph(make, tmp_path):
    data = make()
    assert written(data, tmp_path) == reference(data)


def test_same_bytes_for_input_in_another_order(tmp_path):
    assert written(reordered(awkward()), tmp_path) == reference(awkward())


def test_a_duplicated_report_is_one_node_with_both_sources(tmp_path):
    data = sample()
    data["reports"] = data["reports"] + [replace(data["reports"][0], source="copy/yunling_2025.txt")]
    data["sentences"] = data["sentences"] * 2
    out = written(data, tmp_path)
    assert out == reference(data)
    assert b"copy/yunling_2025.txt" in out and b"reports/yunling_2025.txt" in out


def test_a_subject_made_by_two_reports_gets_the_rows_of_both(tmp_path):
    # a sentence filed under another report than its id says: two runs hold the same subject
    data = sample()
    stray = replace(data["sentences"][0], report_id="doc0009-1", start=999)
    data["sentences"] = data["sentences"] + [stray]
    out = written(data, tmp_path)
    assert out == reference(data)
    block_start = f"\n<https://w3id.org/kgst/id/sentence/{REPORT_ID}-s1> a kg:Sentence".encode()
    assert out.count(block_start) == 1
    block = out.split(block_start, 1)[1].split(b" .\n", 1)[0]
    assert f"kg:start {data['sentences'][0].start} ,\n        999 ;".encode() in block


def test_empty_input_gives_an_empty_file(tmp_path):
    assert written({key: [] for key in KEYS}, tmp_path) == reference({key: [] for key in KEYS}) == b""


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_quote_is_rdflibs_quoting(text):
    assert quote(text) == Literal(text).n3()


def test_quote_matches_rdflib_on_random_strings():
    rng = random.Random(7)
    alphabet = ['"', "\\", "\n", "\r", "a", "中", " ", "'", "\t"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert quote(text) == Literal(text).n3(), repr(text)


def test_output_parses_to_the_built_graph(tmp_path):
    from rdflib.compare import isomorphic

    data = awkward()
    parsed = Graph().parse(data=written(data, tmp_path).decode("utf-8"), format="turtle")
    assert isomorphic(parsed, build_graph(*args(data)))


@pytest.mark.parametrize("field, value, message", [
    ("relations", Relation(COMPANY, "owns", HIGH_TECH, "s", REPORT_ID, "", 0, 1, "r"), "coBuilds"),
    ("entities", Entity("Thing/x", "Thing", "x"), "District"),
    ("quantities", Quantity("wish", None, "x", 1.0, "%", None, "s", REPORT_ID, "", 0, 1, "r"), "target"),
])
def test_what_the_ontology_lacks_is_refused_as_by_build_graph(field, value, message, tmp_path):
    data = sample()
    data[field] = data[field] + [value]
    with pytest.raises(ValueError, match=message):
        build_graph(*args(data))
    with pytest.raises(ValueError, match=message):
        write_turtle(tmp_path / "graph.ttl", *args(data))
    assert not (tmp_path / "graph.ttl").exists()


def test_graph_triples_are_the_triples_of_build_graph():
    data = awkward()
    assert len({(s, p, o) for s, p, o in graph_triples(*args(data))}) == len(build_graph(*args(data)))


def test_turtle_bytes_is_what_write_turtle_writes(tmp_path):
    assert turtle_bytes(*args(sample())) == written(sample(), tmp_path)


# ------------------------------------------------------------------ the cache of report runs

def two_report_data() -> dict:
    return two_reports()


def test_second_write_takes_every_report_from_the_cache(tmp_path):
    data, cache = two_report_data(), TurtleCache(tmp_path / "cache")
    first = write_turtle(tmp_path / "a.ttl", *args(data), cache=cache)
    again = write_turtle(tmp_path / "b.ttl", *args(data), cache=TurtleCache(tmp_path / "cache"))
    assert first.from_cache == 0 and again.from_cache == again.reports == 2
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes() == reference(data)


def test_a_report_whose_triples_change_is_written_again(tmp_path):
    data = two_report_data()
    write_turtle(tmp_path / "a.ttl", *args(data), cache=TurtleCache(tmp_path / "cache"))
    # an entity renamed by resolution changes the mentions of one report only
    changed = dict(data)
    first_report = data["reports"][0].report_id
    renamed = [replace(e, entity_id=e.entity_id + "2") if e.mentions and all(
        m.report_id == first_report for m in e.mentions) else e for e in data["entities"]]
    assert renamed != data["entities"]
    changed["entities"] = renamed
    stats = write_turtle(tmp_path / "b.ttl", *args(changed), cache=TurtleCache(tmp_path / "cache"))
    assert stats.from_cache == 1
    assert (tmp_path / "b.ttl").read_bytes() == reference(changed)


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_entry_is_made_again(tmp_path, damage):
    data = two_report_data()
    cache_dir = tmp_path / "cache"
    write_turtle(tmp_path / "a.ttl", *args(data), cache=TurtleCache(cache_dir))
    for entry in cache_dir.rglob("*.runs"):
        entry.write_bytes(b"not a pickle" if damage == "garbage" else entry.read_bytes()[:-10])
    stats = write_turtle(tmp_path / "b.ttl", *args(data), cache=TurtleCache(cache_dir))
    assert stats.from_cache == 0
    assert (tmp_path / "b.ttl").read_bytes() == reference(data)


def test_prune_keeps_what_this_build_used_and_drops_other_versions(tmp_path):
    data, cache_dir = two_report_data(), tmp_path / "cache"
    old = cache_dir / "turtle-0000000000000000"
    old.mkdir(parents=True)
    (old / "x.runs").write_bytes(b"")
    cache = TurtleCache(cache_dir)
    write_turtle(tmp_path / "a.ttl", *args(data), cache=cache)
    assert cache.prune(max_unused_days=0) == 1
    assert not old.exists() and len(list(cache.entries.glob("*.runs"))) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    stats = write_turtle(tmp_path / "a.ttl", *args(sample()), cache=TurtleCache(blocker))
    assert stats.from_cache == 0 and (tmp_path / "a.ttl").read_bytes() == reference(sample())


# ------------------------------------------------------------------ a real build

@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory) -> tuple[Path, dict]:
    from kg.pipeline import build, process_file
    from kg.resolve import resolve

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    out = tmp_path_factory.mktemp("seeds")
    build([seeds], out, validate=False, jobs=1)
    files = sorted(str(p) for p in seeds.iterdir())
    extractions = [x for path in files for x in process_file(path).extractions]
    resolution = resolve(extractions)
    data = {"reports": [x.report for x in extractions],
            "sentences": [s for x in extractions for s in x.sentences],
            "entities": resolution.entities, "relations": resolution.relations,
            "quantities": resolution.quantities}
    return out, data


def test_the_build_of_the_seeds_writes_the_bytes_of_the_built_graph(seeds_build):
    out, data = seeds_build
    assert (out / "graph.ttl").read_bytes() == reference(data)


def test_the_seeds_explorer_is_the_page_of_the_built_graph(seeds_build):
    from kg.viz import explorer_html

    out, data = seeds_build
    assert (out / "graph.html").read_text(encoding="utf-8") == explorer_html(build_graph(*args(data)))


def duplicated() -> dict:
    """One report read from two files: its node has two sources, its sentences come twice."""
    data = sample()
    data["reports"] = data["reports"] + [replace(data["reports"][0], source="copy/yunling_2025.txt")]
    data["sentences"] = data["sentences"] * 2
    return data


@pytest.mark.parametrize("make", [sample, awkward, two_reports, duplicated])
def test_explorer_from_the_triples_is_the_page_of_the_graph(make):
    from kg.viz import TripleIndex, explorer_html

    data = make()
    index = TripleIndex()
    index.add(graph_triples(*args(data)))
    assert explorer_html(index) == explorer_html(build_graph(*args(data)))


# ------------------------------------------------------------------ sentences from a source

class _Sentences(list):
    """A list a weak reference can follow."""


def by_report(data: dict) -> dict[str, list[Sentence]]:
    grouped: dict[str, list[Sentence]] = {}
    for s in data["sentences"]:
        grouped.setdefault(s.report_id, []).append(s)
    return grouped


@pytest.mark.parametrize("make", [sample, awkward, two_reports, duplicated])
def test_sentences_from_a_source_give_the_bytes_of_the_list(make, tmp_path):
    data = make()
    grouped = by_report(data)
    source = dict(data, sentences=lambda report_id: grouped.get(report_id, []))
    assert written(source, tmp_path) == reference(data)


def test_the_writer_asks_for_each_reports_sentences_once_in_order_and_lets_them_go(tmp_path):
    import gc
    import weakref

    data = two_reports()
    grouped = by_report(data)
    asked: list[str] = []
    given: list[weakref.ref] = []

    def source(report_id: str) -> list[Sentence]:
        gc.collect()
        assert [ref() for ref in given] == [None] * len(given), "the sentences of an earlier report are held"
        asked.append(report_id)
        sentences = _Sentences(grouped.get(report_id, []))
        given.append(weakref.ref(sentences))
        return sentences

    from kg.viz import TripleIndex

    path = tmp_path / "graph.ttl"
    write_turtle(path, data["reports"], source, data["entities"], data["relations"], data["quantities"],
                 cache=TurtleCache(tmp_path / "cache"), on_triples=TripleIndex().add)
    assert asked == sorted({r.report_id for r in data["reports"]})
    assert path.read_bytes() == reference(data)


def test_on_triples_gets_the_triples_of_graph_triples_in_their_order(tmp_path, monkeypatch):
    import kg.turtle

    monkeypatch.setattr(kg.turtle, "_GROUP", 7)     # the global triples come in groups of about 7
    data = awkward()
    groups: list[list] = []
    write_turtle(tmp_path / "graph.ttl", *args(data), on_triples=lambda triples: groups.append(list(triples)))
    assert [t for group in groups for t in group] == list(graph_triples(*args(data)))
    assert len(groups) > len(data["reports"]) + 1


def test_a_writer_that_fails_midway_leaves_no_file_and_no_temporary_file(tmp_path, monkeypatch):
    import kg.turtle

    real, blocks = kg.turtle.turtle_block, []

    def failing(subject, rows):
        blocks.append(subject)
        if len(blocks) == 10:
            raise OSError("no space left on device")
        return real(subject, rows)

    monkeypatch.setattr(kg.turtle, "turtle_block", failing)
    with pytest.raises(OSError, match="no space"):
        write_turtle(tmp_path / "graph.ttl", *args(two_reports()))
    assert list(tmp_path.iterdir()) == []
