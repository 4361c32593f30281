"""Polish-aware analysis shared by every document.

``polish``      lower-case, reduce each word to its dictionary form with the
                 hunspell pl_PL dictionary (szkołę, szkole, szkół -> szkoła), then
                 fold diacritics, so ``zrodlo`` finds ``źródło``.
``folded``      lower-case and fold diacritics only, for names the dictionary
                 does not know and as the search side of autocomplete.
``autocomplete`` ``folded`` plus edge n-grams, so ``tram`` finds ``Tramwaj``.

``komunikat_hunspell`` is Elasticsearch's ``hunspell`` filter (with ``dedup``)
plus a cache of stemmed words, from search/elasticsearch_plugin, with Debian's
``hunspell-pl`` dictionary packed in: stemming every word anew made hunspell
three quarters of the indexing time (bench/narratives_search.py).
scripts/services.sh and docker/elasticsearch install it.
"""

from elasticsearch.dsl import analyzer, token_filter

polish_stem = token_filter("polish_stem", "komunikat_hunspell", locale="pl_PL")
prefixes = token_filter("prefixes", "edge_ngram", min_gram=2, max_gram=20)

polish = analyzer("polish", tokenizer="standard", filter=["lowercase", polish_stem, "asciifolding"])
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
autocomplete = analyzer("autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", prefixes])
