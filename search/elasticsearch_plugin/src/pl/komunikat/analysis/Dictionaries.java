package pl.komunikat.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.SortingStrategy;

/** Hunspell dictionaries packed into the plugin jar, loaded once per node and locale. */
final class Dictionaries {

    private static final Map<String, Dictionary> LOADED = new ConcurrentHashMap<>();

    private Dictionaries() {}

    static Dictionary get(String locale) {
        if (!locale.matches("[A-Za-z_]+")) {
            throw new IllegalArgumentException("komunikat_hunspell: bad locale [" + locale + "]");
        }
        return LOADED.computeIfAbsent(locale, Dictionaries::load);
    }

    private static Dictionary load(String locale) {
        try (InputStream affix = open(locale + ".aff"); InputStream words = open(locale + ".dic")) {
            return new Dictionary(affix, List.of(words), false, SortingStrategy.inMemory());
        } catch (IOException e) {
            throw new UncheckedIOException("komunikat_hunspell: cannot read the " + locale + " dictionary", e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("komunikat_hunspell: bad " + locale + " dictionary", e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream stream = Dictionaries.class.getResourceAsStream("/hunspell/" + name);
        if (stream == null) {
            throw new IOException("hunspell/" + name + " is not packed into the plugin");
        }
        return stream;
    }
}
