package io.wagate.http.admin;

import io.javalin.config.RoutesConfig;
import io.wagate.cluster.ClusterNode;
import io.wagate.cluster.NodeView;
import io.wagate.error.ApiException;
import io.wagate.http.RouteGroup;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** {@code /admin/nodes}: the nodes of the cluster (a single node lists itself), and draining one. */
public final class NodeRoutes implements RouteGroup {
    private final Optional<ClusterNode> cluster;
    private final String nodeName;
    private final LongSupplier sessions;

    public NodeRoutes(Optional<ClusterNode> cluster, String nodeName, LongSupplier sessions) {
        this.cluster = cluster;
        this.nodeName = nodeName;
        this.sessions = sessions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/nodes", ctx -> ctx.json(cluster.map(ClusterNode::nodes).orElseGet(() -> List.of(
                new NodeView(nodeName, null, null, true, sessions.getAsLong(), false, true)))));
        routes.post("/admin/nodes/{name}/drain", ctx -> ctx.json(cluster.orElseThrow(() -> ApiException.conflict(
                "this wagate is a single node (WAGATE_CLUSTER_NODE_NAME is not set): there is nothing to drain to"))
                .drain(ctx.pathParam("name"))));
    }
}
