package pl.komunikat.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Lucene's {@code HunspellStemFilter} with {@code dedup} on, answering repeated words
 * from a {@link StemCache}: each unique stem of a word is emitted at the word's
 * position; unknown words and keywords pass unchanged.
 */
final class CachedHunspellStemFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final Hunspell hunspell;
    private final StemCache cache;
    private String[] pending;
    private int next;
    private State word;

    CachedHunspellStemFilter(TokenStream input, Hunspell hunspell, StemCache cache) {
        super(input);
        this.hunspell = hunspell;
        this.cache = cache;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != null && next < pending.length) {
            restoreState(word);
            position.setPositionIncrement(0);
            term.setEmpty().append(pending[next++]);
            return true;
        }
        pending = null;
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        String[] stems = stemsOf(term.toString());
        if (stems.length == 0) {
            return true;
        }
        term.setEmpty().append(stems[0]);
        if (stems.length > 1) {
            word = captureState();
            pending = stems;
            next = 1;
        }
        return true;
    }

    private String[] stemsOf(String text) {
        String[] stems = cache.get(text);
        if (stems != null) {
            return stems;
        }
        return cache.put(text, hunspell.getRoots(text).toArray(String[]::new));
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
        word = null;
    }
}
