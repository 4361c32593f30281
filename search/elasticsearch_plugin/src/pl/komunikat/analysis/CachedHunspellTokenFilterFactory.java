package pl.komunikat.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The {@code komunikat_hunspell} token filter: the same stems as Elasticsearch's
 * {@code hunspell} filter with {@code dedup}, several times faster on real text
 * because each distinct word is stemmed once per node (see {@link StemCache}).
 */
@NamedComponent("komunikat_hunspell")
public class CachedHunspellTokenFilterFactory implements TokenFilterFactory {

    private final Dictionary dictionary;
    private final StemCache cache;

    @Inject
    public CachedHunspellTokenFilterFactory(StemSettings settings) {
        this.dictionary = Dictionaries.get(settings.locale());
        this.cache = StemCache.forLocale(settings.locale(), settings.cacheSize());
    }

    @Override
    public TokenStream create(TokenStream in) {
        return new CachedHunspellStemFilter(in, new Hunspell(dictionary), cache);
    }
}
