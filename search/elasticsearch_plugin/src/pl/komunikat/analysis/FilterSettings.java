package pl.komunikat.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;

/** Settings of the token filters, with the defaults of Elasticsearch's analysis-common. */
@AnalysisSettings
public interface FilterSettings {

    /** Shortest prefix emitted by {@code edge_ngram}. */
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    /** Longest prefix emitted by {@code edge_ngram}. */
    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();

    /** Whether the unchanged token is emitted as well. */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
