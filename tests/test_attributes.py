"""kg.nlp.attributes: the AttributeRuler's pattern index finds exactly what spaCy's Matcher finds."""

from unittest.mock import patch

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

import kg.nlp.attributes as attributes
from kg.nlp.attributes import PatternIndex, index_attribute_ruler
from kg.nlp.pipeline import load_model

WORDS = ["gon", "na", "ai", "n't", "nt", "y'", "all", "there", "is", "are", "'s", "Let", "let", " ", "\n", "IP", "office"]
TAGS = ["NN", "NNP", "VBZ", "VBP", "EX", "_SP", "TO", "VB"]
DEPS = ["expl", "nsubj", "ROOT", "dobj", "dep"]

PATTERNS = {
    "0": [[{"TAG": "NN"}]],
    "1": [[{"TAG": {"IN": ["VBZ", "VBP"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
    "2": [[{"LOWER": "gon"}, {"LOWER": "na"}], [{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
    "3": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are", "'s"]}}]],
    "4": [[{"IS_SPACE": True}], [{"TAG": {"NOT_IN": ["NN", "NNP", "_SP"]}, "DEP": {"NOT_IN": ["ROOT"]}}]],
    "5": [[{"ORTH": "IP"}, {}]],
    "6": [[{"LOWER": "let"}, {"LOWER": "'s", "OP": "?"}]],  # an operator: left to the Matcher
    "7": [[{"TEXT": "office", "IS_PUNCT": False}]],
}


def _matchers(vocab):
    matcher = Matcher(vocab)
    for key, patterns in PATTERNS.items():
        matcher.add(key, patterns)
    return matcher, PatternIndex(matcher, list(PATTERNS))


def _doc(vocab, rows) -> Doc:
    words = [w for w, _t, _d in rows]
    return Doc(vocab, words=words, spaces=[False] * len(words), tags=[t for _w, t, _d in rows],
               deps=[d for _w, _t, d in rows], heads=list(range(len(words))))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), max_size=40))
def test_the_index_finds_what_the_matcher_finds(rows):
    vocab = spacy.blank("en").vocab
    matcher, index = _matchers(vocab)
    doc = _doc(vocab, rows)
    with patch.object(attributes, "_SHORT", 0):  # the index itself, whatever the length
        assert sorted(index(doc, allow_missing=True)) == sorted(matcher(doc, allow_missing=True))


def test_a_pattern_with_an_operator_stays_with_the_matcher():
    vocab = spacy.blank("en").vocab
    _matcher, index = _matchers(vocab)
    assert len(index._rest) == 1  # key "6" only
    assert all(vocab.strings[match_id] != "6" for match_id, _rule in index._rules)


def test_short_docs_go_to_the_matcher_and_long_ones_to_the_index():
    vocab = spacy.blank("en").vocab
    matcher, index = _matchers(vocab)
    rows = [("gon", "VB", "dep"), ("na", "TO", "dep"), ("IP", "NNP", "nsubj"), ("office", "NN", "ROOT")]
    for repeat in (1, attributes._SHORT):  # below and above the threshold
        doc = _doc(vocab, rows * repeat)
        found = sorted(index(doc, allow_missing=True))
        assert found == sorted(matcher(doc, allow_missing=True))
        assert (vocab.strings["2"], 0, 2) in found and (vocab.strings["5"], 2, 4) in found


def test_the_models_attribute_ruler_annotates_as_before():
    """The model's own ruler, stock and indexed, on text with its exceptions (ain't, gonna, y'all, there is)."""
    text = ("Ain't nobody gonna file that, y'all. There is a patent office here and there are two more.\n\n"
            "Let's see: the China National Intellectual Property Administration (CNIPA) said it isn't done. ") * 12
    stock, indexed = load_model(), load_model()
    assert index_attribute_ruler(indexed)
    assert isinstance(indexed.get_pipe("attribute_ruler").matcher, PatternIndex)
    attrs = [POS, TAG, MORPH, LEMMA, DEP]
    a, b = stock(text), indexed(text)
    assert len(a) > attributes._SHORT
    assert (a.to_array(attrs) == b.to_array(attrs)).all()
    assert {"be", "go", "you"} <= {t.lemma_ for t in b if t.lower_ in {"ai", "gon", "y'"}}  # the exceptions applied
    assert indexed.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns


def test_a_pipeline_without_an_attribute_ruler_is_left_alone():
    assert not index_attribute_ruler(spacy.blank("en"))


def test_patterns_the_index_cannot_take_stay_with_the_matcher():
    """Greedy filtering, callbacks and attribute ids as keys: the same matches as the Matcher."""
    from spacy.attrs import ORTH

    vocab = spacy.blank("en").vocab
    matcher = Matcher(vocab)
    matcher.add("greedy", [[{"LOWER": "gon"}], [{"LOWER": "gon"}, {"LOWER": "na"}]], greedy="LONGEST")
    matcher.add("callback", [[{"TAG": "NN"}]], on_match=lambda *args: None)
    matcher.add("ids", [[{ORTH: "IP"}]])
    matcher.add("any", [[{}, {}]])
    index = PatternIndex(matcher, ["greedy", "callback", "ids", "any"])
    doc = _doc(vocab, [("gon", "VB", "dep"), ("na", "TO", "dep"), ("IP", "NN", "ROOT")])
    with patch.object(attributes, "_SHORT", 0):
        assert sorted(index(doc, allow_missing=True)) == sorted(matcher(doc, allow_missing=True))
    assert (vocab.strings["greedy"], 0, 1) not in index(doc, allow_missing=True)


def test_the_ruler_still_takes_new_patterns():
    nlp = load_model()
    assert index_attribute_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "cnipa"}]], {"LEMMA": "cnipa-lemma"})
    doc = nlp("The CNIPA said so. " * 30)
    assert len(doc) > attributes._SHORT
    assert {t.lemma_ for t in doc if t.lower_ == "cnipa"} == {"cnipa-lemma"}
