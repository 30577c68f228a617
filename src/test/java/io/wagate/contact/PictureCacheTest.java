package io.wagate.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The picture cache's bounds: entries and bytes, the least recently used out first. */
class PictureCacheTest {
    private static PictureCache.Key key(String url) {
        return new PictureCache.Key("ses_1", url);
    }

    @Test
    void keepsAtMostSoManyPicturesDroppingTheLeastRecentlyUsed() {
        var cache = new PictureCache(2, 1_000);
        cache.put(key("a"), new byte[10]);
        cache.put(key("b"), new byte[10]);
        assertThat(cache.get(key("a"))).isPresent(); // a is now used more recently than b
        cache.put(key("c"), new byte[10]);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(key("b"))).isEmpty();
        assertThat(cache.get(key("a"))).isPresent();
        assertThat(cache.get(key("c"))).isPresent();
    }

    @Test
    void keepsAtMostSoManyBytesAndNeverOneLargerThanAll() {
        var cache = new PictureCache(100, 25);
        cache.put(key("a"), new byte[10]);
        cache.put(key("b"), new byte[10]);
        cache.put(key("c"), new byte[10]);
        assertThat(cache.get(key("a"))).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
        cache.put(key("huge"), new byte[26]);
        assertThat(cache.get(key("huge"))).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
        // the same URL again replaces its picture, counting its bytes once
        cache.put(key("b"), new byte[15]);
        assertThat(cache.get(key("b")).orElseThrow()).hasSize(15);
        assertThat(cache.get(key("c"))).isPresent();
    }
}
