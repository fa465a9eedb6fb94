"""The hostile-input corpus (tests/hostile.py): big enough, distinct, stable, and every way of
attacking in it reaches at least one vector."""

from tests.hostile import CONTEXTS, PRIMITIVES, SINKS, TRICKS, URLS, hostile_vectors


def test_at_least_two_thousand_distinct_vectors_in_a_fixed_order():
    vectors = hostile_vectors()
    assert len(vectors) >= 2000
    assert len(set(vectors)) == len(vectors)
    assert hostile_vectors() == vectors


def test_every_primitive_context_sink_and_trick_is_in_the_corpus():
    vectors = hostile_vectors()
    text = "\n".join(vectors)
    primitives = [p for group in PRIMITIVES.values() for p in group]
    missing = [p for p in primitives if p not in text]
    missing += [u for u in URLS if u not in vectors]
    for context in (c for group in CONTEXTS.values() for c in group):
        if not any(context.replace("{}", p) in vectors for p in primitives):
            missing.append(context)
    for sink in (s for group in SINKS.values() for s in group):
        if not any(sink.replace("{}", u) in vectors for u in URLS):
            missing.append(sink)
    for name, trick in TRICKS.items():
        if not any(trick(p) in vectors for p in primitives):
            missing.append(name)
    assert missing == []


def test_the_tricks_change_what_they_claim():
    tricks = {name: trick("<script>x</script>") for name, trick in TRICKS.items()}
    assert tricks["fullwidth"] == "\uff1cscript\uff1ex\uff1c\uff0fscript\uff1e"
    assert tricks["zero-width in tag names"] == "<s\u200bcript>x</s\u200bcript>"
    assert tricks["NUL in tag names"] == "<s\x00cript>x</s\x00cript>"
    assert tricks["mixed case"] == "<ScRiPt>x</ScRiPt>"
    assert tricks["entity-encoded brackets"] == "&lt;script&gt;x&lt;/script&gt;"
