package io.wagate.engine.baileys;

import io.wagate.engine.EngineSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Web version Baileys announces when it connects. WhatsApp refuses versions below its
 * current minimum (405), so the version compiled into Baileys ages out; this one is read from the page
 * WhatsApp Web announces it in (as Baileys' fetchLatestWaWebVersion reads it, from a URL that is a
 * setting so that tests use a local one), kept in the store for when that page cannot be read, and
 * the compiled one (the bridge's, when nothing is passed) is the last resort. A pinned version is used
 * as it is and nothing is fetched.
 */
final class WaVersions {
    private static final Logger log = LoggerFactory.getLogger(WaVersions.class);
    static final String SETTING = "baileys.waVersion";
    /** Baileys' own pattern (Utils/generics.js fetchLatestWaWebVersion): the revision in sw.js, maybe JSON-escaped. */
    private static final Pattern CLIENT_REVISION = Pattern.compile("\\\\?\"client_revision\\\\?\":\\s*(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Duration FRESH = Duration.ofMinutes(15);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    enum Source { PINNED, FETCHED, CACHED, COMPILED }

    /** A version ("2.3000.1043857760") and where it came from. */
    record Version(String version, Source source) {
        List<Long> parts() {
            return Arrays.stream(version.split("\\.")).map(Long::valueOf).toList();
        }
    }

    private final Optional<String> pinned;
    private final URI url;
    private final EngineSettings settings;
    private final HttpClient client;
    private Version fetched;
    private long fetchedAt;
    private long failedAt;
    private boolean failedOnce;
    private volatile Version inUse;

    WaVersions(Optional<String> pinned, URI url, EngineSettings settings) {
        this.pinned = pinned;
        this.url = url;
        this.settings = settings;
        this.client = pinned.isPresent() ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static boolean valid(String version) {
        return VERSION.matcher(version).matches();
    }

    /** The version a session opened now should use; empty: the bridge's compiled one. */
    synchronized Optional<Version> forOpen() {
        if (pinned.isPresent()) {
            return Optional.of(new Version(pinned.get(), Source.PINNED));
        }
        long now = System.nanoTime();
        if (fetched != null && now - fetchedAt < FRESH.toNanos()) {
            return Optional.of(fetched);
        }
        if (!failedOnce || now - failedAt >= RETRY.toNanos()) {
            try {
                fetched = new Version(fetch(), Source.FETCHED);
                fetchedAt = now;
                failedOnce = false;
                if (!settings.get(SETTING).filter(fetched.version()::equals).isPresent()) {
                    settings.put(SETTING, fetched.version());
                }
                return Optional.of(fetched);
            } catch (IOException | RuntimeException e) {
                failedOnce = true;
                failedAt = now;
                log.warn("could not read the WhatsApp Web version from {}: {}", url, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fetched != null) {
            return Optional.of(fetched);
        }
        return settings.get(SETTING).filter(WaVersions::valid).map(v -> new Version(v, Source.CACHED));
    }

    private String fetch() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET()
                // The headers Baileys sends: without them WhatsApp answers a bot check instead of the page.
                .header("sec-fetch-site", "none")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.0.0 Safari/537.36")
                .build();
        var response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        var match = CLIENT_REVISION.matcher(response.body());
        if (!match.find()) {
            throw new IOException("no client_revision in the page");
        }
        return "2.3000." + match.group(1);
    }

    /** What the bridge reports it connects with (the compiled version when none was passed). */
    void reported(String version, Optional<Version> passed) {
        if (version == null || !valid(version)) {
            return;
        }
        inUse = passed.filter(p -> p.version().equals(version)).orElse(new Version(version, Source.COMPILED));
    }

    /** The version sessions connect with, once one was opened; else the one the next open would use, if known. */
    Optional<Version> inUse() {
        return Optional.ofNullable(inUse);
    }
}
