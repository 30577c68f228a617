package io.wagate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Tenants for tests: an account on a plan, as the operator makes one. */
public final class Accounts {
    private Accounts() {}

    /** Creates an account on {@code plan} with the admin's client and returns that account's own client. */
    public static Api create(Api admin, String name, String plan) {
        return new Api(admin.base(), createKey(admin, name, plan));
    }

    /** Creates an account on {@code plan} and returns its first key. */
    public static String createKey(Api admin, String name, String plan) {
        var created = admin.post("/admin/accounts", Map.of("name", name, "plan", plan));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("apiKey").asText();
    }

    /** The account id behind the account named {@code name}. */
    public static String id(Api admin, String name) {
        for (var account : admin.get("/admin/accounts").json()) {
            if (account.path("name").asText().equals(name)) {
                return account.path("id").asText();
            }
        }
        throw new AssertionError("no account named " + name);
    }
}
