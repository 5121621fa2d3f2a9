package dev.latch.trust;

import org.bouncycastle.asn1.ASN1Sequence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The valid_policy_tree of RFC 5280 §6.1.2 (a): nodes by depth, each with its valid_policy, the
 * qualifiers that came with it and its expected_policy_set. Node creation is counted and capped:
 * mappings and anyPolicy let each level multiply the one above (the CVE-2023-0464 class), so a
 * hostile path ends with {@link TooLarge} instead of using up memory and time.
 */
final class PolicyTree {
    /** A node; {@code expected} changes when a CA maps its policy (§6.1.4 (b)(1)). */
    static final class Node {
        final Node parent;
        final int depth;
        final String validPolicy;
        final ASN1Sequence qualifiers;
        Set<String> expected;
        final List<Node> children = new ArrayList<>();
        private boolean removed;

        private Node(Node parent, String validPolicy, ASN1Sequence qualifiers, Set<String> expected) {
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.validPolicy = validPolicy;
            this.qualifiers = qualifiers;
            this.expected = expected;
        }

        boolean isAnyPolicy() {
            return PolicyInputs.ANY_POLICY.equals(validPolicy);
        }

        /** The valid_policy values of its children. */
        Set<String> childPolicies() {
            Set<String> policies = new HashSet<>();
            for (Node child : children) {
                policies.add(child.validPolicy);
            }
            return policies;
        }
    }

    /** More nodes than the cap would have been made. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final int maxNodes;
    private final List<List<Node>> levels = new ArrayList<>();
    private int created;

    /** §6.1.2 (a): a single node of depth 0, anyPolicy, no qualifiers, expecting {anyPolicy}. */
    PolicyTree(int maxNodes) {
        this.maxNodes = maxNodes;
        levels.add(new ArrayList<>(List.of(new Node(null, PolicyInputs.ANY_POLICY, null, Set.of(PolicyInputs.ANY_POLICY)))));
        created = 1;
    }

    Node add(Node parent, String validPolicy, ASN1Sequence qualifiers, Set<String> expected) throws TooLarge {
        if (++created > maxNodes) {
            throw new TooLarge();
        }
        Node node = new Node(parent, validPolicy, qualifiers, expected);
        parent.children.add(node);
        while (levels.size() <= node.depth) {
            levels.add(new ArrayList<>());
        }
        levels.get(node.depth).add(node);
        return node;
    }

    /** The nodes of one depth, as they are now (a view: callers that delete walk a copy). */
    List<Node> level(int depth) {
        return depth < levels.size() ? Collections.unmodifiableList(levels.get(depth)) : List.of();
    }

    /** The node of this depth whose valid_policy is anyPolicy, or null (there is at most one). */
    Node anyPolicyNode(int depth) {
        for (Node node : level(depth)) {
            if (node.isAnyPolicy()) {
                return node;
            }
        }
        return null;
    }

    /** Deletes these nodes and everything below them, in one sweep (one at a time would be quadratic). */
    void delete(Collection<Node> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        for (Node node : nodes) {
            markRemoved(node);
        }
        for (List<Node> level : levels) {
            level.removeIf(n -> n.removed);
            level.forEach(n -> n.children.removeIf(child -> child.removed));
        }
    }

    private static void markRemoved(Node node) {
        node.removed = true;
        for (Node child : node.children) {
            markRemoved(child);
        }
    }

    /** Deletes every node of depth below {@code depth} left without children, bottom up (§6.1.3 (d)(3)). */
    void prune(int depth) {
        for (int d = Math.min(depth, levels.size()) - 1; d >= 0; d--) {
            levels.get(d).removeIf(node -> {
                if (!node.children.isEmpty()) {
                    return false;
                }
                if (node.parent != null) {
                    node.parent.children.remove(node);
                }
                node.removed = true;
                return true;
            });
        }
    }

    /** No node left: the tree is NULL. */
    boolean isEmpty() {
        return levels.get(0).isEmpty();
    }

    /** Every node, top down. */
    List<Node> nodes() {
        List<Node> all = new ArrayList<>();
        levels.forEach(all::addAll);
        return all;
    }

    /** Nodes made so far, the root included. */
    int created() {
        return created;
    }
}
