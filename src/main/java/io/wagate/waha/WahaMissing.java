package io.wagate.waha;

import io.javalin.config.RoutesConfig;
import io.wagate.error.ApiException;
import io.wagate.http.RouteGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * WAHA's operations this door does not have (the list in {@value #LIST}, taken from WAHA's document): each
 * answers 501 naming WAHA's feature (its tag) and the operation, so a WAHA client learns what is missing
 * instead of meeting a 404. Registered after every other group: a route of the simple API inside /api wins.
 */
public final class WahaMissing implements RouteGroup {
    static final String LIST = "/waha/missing-operations.tsv";

    /** One operation: its method, WAHA's path template and WAHA's tag. */
    public record Operation(String method, String path, String feature) {}

    private final List<Operation> operations;

    public WahaMissing() {
        this.operations = load();
    }

    public static List<Operation> load() {
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(WahaMissing.class.getResourceAsStream(LIST), LIST), StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> {
                var parts = line.split("\t");
                return new Operation(parts[0], parts[1], parts[2]);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        for (var operation : operations) {
            String message = "not in wagate's WAHA door yet: WAHA's " + operation.feature() + " operation "
                    + operation.method() + " " + operation.path() + " (README \"Coming from WAHA\" says what wagate "
                    + "has instead)";
            io.javalin.http.Handler missing = ctx -> {
                throw ApiException.notImplemented(message);
            };
            switch (operation.method()) {
                case "GET" -> routes.get(operation.path(), missing);
                case "POST" -> routes.post(operation.path(), missing);
                case "PUT" -> routes.put(operation.path(), missing);
                case "DELETE" -> routes.delete(operation.path(), missing);
                case "PATCH" -> routes.patch(operation.path(), missing);
                default -> throw new IllegalStateException("method " + operation.method() + " in " + LIST);
            }
        }
    }
}
