package pl.komunikat.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stems of words already seen, shared by every filter of one dictionary.
 *
 * <p>Words in text follow a steep frequency curve, so most lookups hit; hunspell's
 * affix stripping is what made indexing slow. When full, the cache starts over.
 */
final class StemCache {

    private static final Map<String, StemCache> CACHES = new ConcurrentHashMap<>();
    private static final String[] UNKNOWN = new String[0];

    private final Map<String, String[]> stems = new ConcurrentHashMap<>();
    private final int capacity;

    private StemCache(int capacity) {
        this.capacity = capacity;
    }

    static StemCache forLocale(String locale, int capacity) {
        return CACHES.computeIfAbsent(locale + "/" + capacity, key -> new StemCache(capacity));
    }

    String[] get(String word) {
        return stems.get(word);
    }

    String[] put(String word, String[] found) {
        if (stems.size() >= capacity) {
            stems.clear();
        }
        String[] value = found.length == 0 ? UNKNOWN : found;
        stems.put(word, value);
        return value;
    }
}
