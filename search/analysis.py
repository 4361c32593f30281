"""Polish-aware analysis shared by every document.

``polish``      lower-case, reduce each word to its dictionary form with the
                 hunspell pl_PL dictionary (szkołę, szkole, szkół -> szkoła), then
                 fold diacritics, so ``zrodlo`` finds ``źródło``.
``folded``      lower-case and fold diacritics only, for names the dictionary
                 does not know and as the search side of autocomplete.
``autocomplete`` ``folded`` plus edge n-grams, so ``tram`` finds ``Tramwaj``.

The hunspell dictionary must be in Elasticsearch's ``config/hunspell/pl_PL``
(scripts/services.sh and docker/elasticsearch install Debian's ``hunspell-pl``).
"""

from elasticsearch.dsl import analyzer, token_filter

polish_stem = token_filter("polish_stem", "hunspell", locale="pl_PL", dedup=True)
prefixes = token_filter("prefixes", "edge_ngram", min_gram=2, max_gram=20)

polish = analyzer("polish", tokenizer="standard", filter=["lowercase", polish_stem, "asciifolding"])
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
autocomplete = analyzer("autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", prefixes])
