package io.wagate.http;

import io.javalin.http.Context;
import io.wagate.account.Principal;

/**
 * How an API surface's before-handler treats requests for sessions another cluster node runs: it forwards
 * them there (one hop), and admits what another node forwarded without counting it again. A single node
 * forwards nothing.
 */
public interface Forwarding {
    /**
     * Whether another node of the cluster forwarded this request (signed with the cluster secret): it was
     * counted against the plan there, and is served here whatever happens, never forwarded again.
     *
     * @throws io.wagate.error.ApiException 401 for a request that claims to be forwarded with a wrong signature
     */
    boolean arrived(Context ctx);

    /** Answers the request through the node that runs the session it addresses, if that is another node. */
    boolean forwarded(Context ctx, Principal principal);

    /** The node that serves this request, for the {@code X-Wagate-Node} header; empty on a single node. */
    default void stamp(Context ctx) {}

    Forwarding NONE = new Forwarding() {
        @Override
        public boolean arrived(Context ctx) {
            return false;
        }

        @Override
        public boolean forwarded(Context ctx, Principal principal) {
            return false;
        }
    };
}
