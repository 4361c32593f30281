package pl.komunikat.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** Settings of {@code komunikat_hunspell}. */
@AnalysisSettings
public interface StemSettings {

    /** Dictionary packed into the plugin: {@code hunspell/<locale>.aff} and {@code .dic}. */
    @StringSetting(path = "locale", defaultValue = "pl_PL")
    String locale();

    /** Distinct words whose stems are remembered; the cache starts over when full. */
    @IntSetting(path = "cache_size", defaultValue = 200000)
    int cacheSize();
}
