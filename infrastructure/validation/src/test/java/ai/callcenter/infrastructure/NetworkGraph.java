package ai.callcenter.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.id;
import static ai.callcenter.infrastructure.K8s.list;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.ofKind;

/**
 * The traffic graph that a namespace's NetworkPolicies actually allow, computed from the manifests.
 *
 * <p>Nodes are the namespace's pod classes (a workload's pod labels, named by app.kubernetes.io/name,
 * plus cert-manager's ACME solver pods) and outside peers: {@code ingress-nginx}, {@code kube-dns},
 * {@code argo-rollouts}, {@code internet}. An edge {@code a -> b:port/proto} between two pods of the
 * namespace exists only when a's egress AND b's ingress allow it; an edge that only one side allows
 * is reported as half-open (it is dead traffic in the cluster and always a configuration mistake).
 */
public final class NetworkGraph {

    public static final String ACME_SOLVER = "acme-http01-solver";

    public record Result(Set<String> edges, List<String> problems) {
    }

    private NetworkGraph() {
    }

    public static Result compute(List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        // In-namespace pod classes.
        Map<String, Map<String, Object>> pods = new LinkedHashMap<>();
        for (var w : objects) {
            if (K8s.isWorkload(w)) {
                pods.put(K8s.appName(w), map(K8s.podTemplate(w), "metadata", "labels"));
            }
        }
        pods.put(ACME_SOLVER, Map.of("acme.cert-manager.io/http01-solver", "true"));

        boolean denyIngress = false;
        boolean denyEgress = false;
        Set<String> ingress = new TreeSet<>();   // "src -> dst:port"
        Set<String> egress = new TreeSet<>();
        for (var np : ofKind(objects, "NetworkPolicy")) {
            var spec = map(np, "spec");
            List<Object> types = list(spec, "policyTypes");
            var subjects = select(pods, map(spec, "podSelector"));
            boolean selectsAll = map(spec, "podSelector").isEmpty();
            if (selectsAll && types.contains("Ingress") && list(spec, "ingress").isEmpty()) {
                denyIngress = true;
            }
            if (selectsAll && types.contains("Egress") && list(spec, "egress").isEmpty()) {
                denyEgress = true;
            }
            if (types.isEmpty()) {
                problems.add(id(np) + ": policyTypes must be explicit");
            }
            if (types.contains("Ingress")) {
                for (var rule : maps(spec, "ingress")) {
                    List<String> peers = peers(pods, maps(rule, "from"), id(np), problems);
                    for (String port : ports(rule)) {
                        for (String s : subjects) {
                            for (String p : peers) {
                                ingress.add(p + " -> " + s + ":" + port);
                            }
                        }
                    }
                }
            }
            if (types.contains("Egress")) {
                for (var rule : maps(spec, "egress")) {
                    List<String> peers = peers(pods, maps(rule, "to"), id(np), problems);
                    for (String port : ports(rule)) {
                        for (String s : subjects) {
                            for (String p : peers) {
                                egress.add(s + " -> " + p + ":" + port);
                            }
                        }
                    }
                }
            }
        }
        if (!denyIngress || !denyEgress) {
            problems.add("no default-deny policy (podSelector {}, policyTypes [Ingress, Egress], no rules)"
                    + " for " + (!denyIngress ? "ingress " : "") + (!denyEgress ? "egress" : ""));
        }
        Set<String> edges = new TreeSet<>();
        for (String e : egress) {
            String dst = e.substring(e.indexOf(" -> ") + 4, e.lastIndexOf(':'));
            if (pods.containsKey(dst)) {
                if (ingress.contains(e)) {
                    edges.add(e);
                } else {
                    problems.add("half-open edge (egress allowed, ingress denied): " + e);
                }
            } else {
                edges.add(e);
            }
        }
        for (String e : ingress) {
            String src = e.substring(0, e.indexOf(" -> "));
            if (pods.containsKey(src)) {
                if (!egress.contains(e)) {
                    problems.add("half-open edge (ingress allowed, egress denied): " + e);
                }
            } else {
                edges.add(e);
            }
        }
        return new Result(edges, problems);
    }

    private static List<String> select(Map<String, Map<String, Object>> pods, Map<String, Object> selector) {
        List<String> out = new ArrayList<>();
        var matchLabels = map(selector, "matchLabels");
        if (!list(selector, "matchExpressions").isEmpty()) {
            throw new IllegalArgumentException("matchExpressions are not supported by the graph check; use matchLabels");
        }
        for (var e : pods.entrySet()) {
            if (matchLabels.entrySet().stream().allMatch(l -> Objects.equals(e.getValue().get(l.getKey()), l.getValue()))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static List<String> peers(Map<String, Map<String, Object>> pods, List<Map<String, Object>> peers,
                                      String policy, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (peers.isEmpty()) {
            out.add("anywhere");
            return out;
        }
        for (var peer : peers) {
            if (peer.containsKey("ipBlock")) {
                String cidr = String.valueOf(get(peer, "ipBlock", "cidr"));
                out.add("0.0.0.0/0".equals(cidr) ? "internet" : "cidr:" + cidr);
                if ("0.0.0.0/0".equals(cidr) && !list(peer, "ipBlock", "except").contains("10.0.0.0/8")) {
                    problems.add(policy + ": internet egress must exclude private ranges (10.0.0.0/8, ...)");
                }
            } else if (peer.containsKey("namespaceSelector")) {
                var labels = map(peer, "namespaceSelector", "matchLabels");
                Object ns = labels.get("kubernetes.io/metadata.name");
                if (ns == null) {
                    out.add("any-namespace");
                    continue;
                }
                out.add(switch (String.valueOf(ns)) {
                    case "ingress-nginx" -> "ingress-nginx";
                    case "kube-system" -> "kube-dns";
                    case "argo-rollouts" -> "argo-rollouts";
                    default -> "ns:" + ns;
                });
            } else {
                var selected = select(pods, map(peer, "podSelector"));
                if (selected.isEmpty()) {
                    problems.add(policy + ": a podSelector peer selects no pod of the namespace: " + peer);
                }
                out.addAll(selected);
            }
        }
        return out;
    }

    private static List<String> ports(Map<String, Object> rule) {
        List<String> out = new ArrayList<>();
        var ports = maps(rule, "ports");
        if (ports.isEmpty()) {
            out.add("*");
        }
        for (var p : ports) {
            out.add(p.get("port") + "/" + Objects.requireNonNullElse(p.get("protocol"), "TCP"));
        }
        return out;
    }

    /** The design's graph from a text file; "*" as a source stands for every pod class of the namespace. */
    public static Set<String> expected(Path file, List<Map<String, Object>> objects) {
        try {
            Set<String> podClasses = new TreeSet<>();
            objects.stream().filter(K8s::isWorkload).forEach(w -> podClasses.add(K8s.appName(w)));
            podClasses.add(ACME_SOLVER);
            Set<String> out = new TreeSet<>();
            for (String line : Files.readAllLines(file)) {
                String l = line.replaceAll("#.*", "").trim();
                if (l.isEmpty()) {
                    continue;
                }
                if (l.startsWith("* -> ")) {
                    for (String p : podClasses) {
                        out.add(p + l.substring(1));
                    }
                } else {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
