package dev.latch.trust;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Certificate policy processing of RFC 5280 §6.1: the valid_policy_tree with the explicit_policy,
 * inhibit_anyPolicy and policy_mapping counters, from §6.1.2 initialization through §6.1.3 (d)-(f)
 * and §6.1.4 (a)-(b), (h)-(j) to the §6.1.5 wrap-up and the intersection with the caller's
 * user-initial-policy-set. The trust anchor is taken as given: only the n certificates below it
 * are processed.
 */
final class PolicyProcessing {
    /** Nodes one path may make; real paths make a handful, PKITS at most a few dozen. */
    static final int MAX_NODES = 2_000;

    /**
     * @param problems      empty when the policies allow the path
     * @param validPolicies the user-constrained policy set (dotted OIDs; anyPolicy as {@value PolicyInputs#ANY_POLICY}),
     *                      empty when the tree is NULL
     * @param nodesCreated  the tree's nodes made, the root included: the work done
     */
    record Outcome(List<Problem> problems, Set<String> validPolicies, int nodesCreated) {
    }

    /** Why the tree became NULL, for the message when a policy turns out to be required. */
    private record Emptied(ParsedCertificate at, String reason, boolean noExtension) {
    }

    private final List<ParsedCertificate> path;
    private final PolicyInputs inputs;
    private final int n;
    private PolicyTree tree;
    private int explicitPolicy;
    private int inhibitAnyPolicy;
    private int policyMapping;
    private String explicitSource;
    private Emptied emptied;
    private int nodesCreated;

    private final int maxNodes;

    private PolicyProcessing(List<ParsedCertificate> path, PolicyInputs inputs, int maxNodes) {
        this.path = path;
        this.inputs = inputs;
        this.n = path.size() - 1;
        this.maxNodes = maxNodes;
    }

    /** Runs the policy part of §6.1 over {@code path}, peer first and trust anchor last. */
    static Outcome run(List<ParsedCertificate> path, PolicyInputs inputs) {
        return run(path, inputs, MAX_NODES);
    }

    /** {@link #run(List, PolicyInputs)} with another cap on the tree's nodes (tests show what the cap prevents). */
    static Outcome run(List<ParsedCertificate> path, PolicyInputs inputs, int maxNodes) {
        int n = path.size() - 1;
        if (n == 0) {
            // the peer is itself the anchor: nothing is processed, and the tree is the initial anyPolicy node
            return new Outcome(List.of(), inputs.acceptsAnyPolicy() ? Set.of(PolicyInputs.ANY_POLICY)
                    : new TreeSet<>(inputs.initialPolicySet()), 1);
        }
        if (!inputs.explicitPolicy() && path.subList(0, n).stream().noneMatch(ParsedCertificate::hasPolicyExtension)) {
            // the common web chain: the tree becomes NULL at the first certificate (§6.1.3 (e)) and
            // explicit_policy, starting at n + 1 and lowered only by the n counter steps, stays above 0
            return new Outcome(List.of(), Set.of(), 0);
        }
        return new PolicyProcessing(path, inputs, maxNodes).process();
    }

    /** Certificate i (1 = just below the anchor, n = the peer). */
    private ParsedCertificate certificate(int i) {
        return path.get(n - i);
    }

    private Outcome process() {
        // §6.1.2 (a), (d)-(f)
        tree = new PolicyTree(maxNodes);
        explicitPolicy = inputs.explicitPolicy() ? 0 : n + 1;
        inhibitAnyPolicy = inputs.inhibitAnyPolicy() ? 0 : n + 1;
        policyMapping = inputs.inhibitPolicyMapping() ? 0 : n + 1;
        explicitSource = "the caller (initial-explicit-policy)";
        int i = 1;
        try {
            for (; i <= n; i++) {
                ParsedCertificate cert = certificate(i);
                processPolicies(i, cert);
                if (explicitPolicy == 0 && tree == null) {
                    return failure(cert, null);
                }
                if (i < n) {
                    Problem mappingProblem = prepareMappings(i, cert);
                    if (mappingProblem != null) {
                        return new Outcome(List.of(mappingProblem), Set.of(), created());
                    }
                    updateCounters(cert);
                }
            }
            ParsedCertificate leaf = certificate(n);
            // §6.1.5 (a)-(b)
            if (explicitPolicy != 0) {
                explicitPolicy--;
            }
            BigInteger require = leaf.policyConstraints() == null ? null : leaf.policyConstraints().getRequireExplicitPolicyMapping();
            if (require != null && require.signum() == 0) {
                explicitPolicy = 0;
                explicitSource = "requireExplicitPolicy 0 in " + leaf.subjectText();
            }
            // §6.1.5 (g)
            Set<String> authorities = Set.of();
            if (tree != null && !inputs.acceptsAnyPolicy()) {
                authorities = validPolicies();
                intersectWithUserSet();
            }
            if (explicitPolicy == 0 && tree == null) {
                return failure(leaf, authorities);
            }
            return new Outcome(List.of(), tree == null ? Set.of() : validPolicies(), created());
        } catch (PolicyTree.TooLarge e) {
            int at = Math.min(i, n); // past the loop: the wrap-up's intersection, at the peer
            ParsedCertificate cert = certificate(at);
            return new Outcome(List.of(new Problem(Rule.POLICY_TREE_TOO_LARGE, cert.label(),
                    "the certificate policies and policy mappings of this path make a policy tree of more than " + maxNodes
                            + " nodes; validation stops there (such chains exhaust validators: CVE-2023-0464)",
                    "at most " + maxNodes + " policy tree nodes",
                    "more than " + maxNodes + " at certificate " + at + " of " + n + " below the trust anchor",
                    "the CAs must assert and map far fewer policies")), Set.of(), maxNodes);
        }
    }

    private int created() {
        return tree == null ? nodesCreated : tree.created();
    }

    /** §6.1.3 (d)-(e): the certificate's policies extend the tree, or without certificatePolicies it becomes NULL. */
    private void processPolicies(int i, ParsedCertificate cert) throws PolicyTree.TooLarge {
        if (tree == null) {
            return;
        }
        CertificatePolicies policies = cert.certificatePolicies();
        if (policies == null) {
            emptied = new Emptied(cert, "it has no certificatePolicies", true);
            dropTree();
            return;
        }
        PolicyInformation anyPolicy = null;
        for (PolicyInformation information : policies.getPolicyInformation()) {
            String policy = information.getPolicyIdentifier().getId();
            if (policy.equals(PolicyInputs.ANY_POLICY)) {
                anyPolicy = information;
                continue;
            }
            boolean matched = false;
            for (PolicyTree.Node parent : tree.level(i - 1)) {
                if (parent.expected.contains(policy)) {
                    tree.add(parent, policy, information.getPolicyQualifiers(), Set.of(policy));
                    matched = true;
                }
            }
            PolicyTree.Node anyParent = matched ? null : tree.anyPolicyNode(i - 1);
            if (anyParent != null) {
                tree.add(anyParent, policy, information.getPolicyQualifiers(), Set.of(policy));
            }
        }
        // (d)(2): anyPolicy counts while inhibit_anyPolicy allows it, and always in a self-issued CA
        if (anyPolicy != null && (inhibitAnyPolicy > 0 || (i < n && cert.selfIssued()))) {
            for (PolicyTree.Node parent : tree.level(i - 1)) {
                Set<String> children = parent.childPolicies();
                for (String expected : parent.expected) {
                    if (!children.contains(expected)) {
                        tree.add(parent, expected, anyPolicy.getPolicyQualifiers(), Set.of(expected));
                    }
                }
            }
        }
        tree.prune(i);
        if (tree.isEmpty()) {
            emptied = new Emptied(cert, "none of its policies " + text(Arrays.stream(policies.getPolicyInformation())
                    .map(information -> information.getPolicyIdentifier().getId()).toList())
                    + " is valid for the certificates above it", false);
            dropTree();
        }
    }

    /** §6.1.4 (a)-(b): anyPolicy in a mapping refuses the path; mapped policies change what the next certificate may assert. */
    private Problem prepareMappings(int i, ParsedCertificate cert) throws PolicyTree.TooLarge {
        List<PolicyMapping> mappings = cert.policyMappings();
        if (mappings == null) {
            return null;
        }
        for (PolicyMapping mapping : mappings) {
            if (mapping.issuerDomainPolicy().equals(PolicyInputs.ANY_POLICY) || mapping.subjectDomainPolicy().equals(PolicyInputs.ANY_POLICY)) {
                return new Problem(Rule.POLICY_MAPPING_INVALID, cert.label(),
                        "policyMappings maps to or from anyPolicy, which RFC 5280 §4.2.1.5 and §6.1.4 (a) forbid",
                        "mappings between specific policies", name(mapping.issuerDomainPolicy()) + " -> " + name(mapping.subjectDomainPolicy()),
                        "the CA must reissue the certificate without anyPolicy in policyMappings");
            }
        }
        if (tree == null) {
            return null;
        }
        Map<String, Set<String>> mapped = new LinkedHashMap<>();
        for (PolicyMapping mapping : mappings) {
            mapped.computeIfAbsent(mapping.issuerDomainPolicy(), k -> new LinkedHashSet<>()).add(mapping.subjectDomainPolicy());
        }
        for (Map.Entry<String, Set<String>> entry : mapped.entrySet()) {
            String issuerPolicy = entry.getKey();
            Set<String> subjectPolicies = Set.copyOf(entry.getValue());
            List<PolicyTree.Node> nodes = tree.level(i).stream().filter(node -> node.validPolicy.equals(issuerPolicy)).toList();
            if (policyMapping > 0) {
                nodes.forEach(node -> node.expected = subjectPolicies);
                PolicyTree.Node any = nodes.isEmpty() ? tree.anyPolicyNode(i) : null;
                if (any != null) {
                    tree.add(any.parent, issuerPolicy, anyPolicyQualifiers(cert), subjectPolicies);
                }
            } else {
                tree.delete(nodes);
                tree.prune(i);
                if (tree.isEmpty()) {
                    emptied = new Emptied(cert, "policy mapping is inhibited, and it maps " + name(issuerPolicy), false);
                    dropTree();
                    return null;
                }
            }
        }
        return null;
    }

    private static ASN1Sequence anyPolicyQualifiers(ParsedCertificate cert) {
        PolicyInformation any = cert.certificatePolicies() == null ? null
                : cert.certificatePolicies().getPolicyInformation(new ASN1ObjectIdentifier(PolicyInputs.ANY_POLICY));
        return any == null ? null : any.getPolicyQualifiers();
    }

    /** §6.1.4 (h)-(j): a CA that is not self-issued uses up one step of each counter; its constraints may lower them. */
    private void updateCounters(ParsedCertificate cert) {
        if (!cert.selfIssued()) {
            explicitPolicy = Math.max(0, explicitPolicy - 1);
            policyMapping = Math.max(0, policyMapping - 1);
            inhibitAnyPolicy = Math.max(0, inhibitAnyPolicy - 1);
        }
        PolicyConstraints constraints = cert.policyConstraints();
        if (constraints != null) {
            BigInteger require = constraints.getRequireExplicitPolicyMapping();
            if (require != null && require.compareTo(BigInteger.valueOf(explicitPolicy)) < 0) {
                explicitPolicy = require.intValue();
                explicitSource = "requireExplicitPolicy " + require + " in " + cert.subjectText();
            }
            BigInteger inhibit = constraints.getInhibitPolicyMapping();
            if (inhibit != null && inhibit.compareTo(BigInteger.valueOf(policyMapping)) < 0) {
                policyMapping = inhibit.intValue();
            }
        }
        Integer skipCerts = cert.inhibitAnyPolicy();
        if (skipCerts != null && skipCerts < inhibitAnyPolicy) {
            inhibitAnyPolicy = skipCerts;
        }
    }

    /** §6.1.5 (g)(iii): keep what the caller accepts, in the trust anchor's policy domain. */
    private void intersectWithUserSet() throws PolicyTree.TooLarge {
        Set<String> user = inputs.initialPolicySet();
        List<PolicyTree.Node> underAny = tree.nodes().stream()
                .filter(node -> node.parent != null && node.parent.isAnyPolicy()).toList();
        tree.delete(underAny.stream().filter(node -> !node.isAnyPolicy() && !user.contains(node.validPolicy)).toList());
        Set<String> present = underAny.stream().map(node -> node.validPolicy).collect(Collectors.toSet());
        PolicyTree.Node any = tree.anyPolicyNode(n);
        if (any != null) {
            for (String policy : new TreeSet<>(user)) {
                if (!present.contains(policy)) {
                    tree.add(any.parent, policy, any.qualifiers, Set.of(policy));
                }
            }
            tree.delete(List.of(any));
        }
        tree.prune(n);
        if (tree.isEmpty()) {
            emptied = new Emptied(certificate(n), "none of the path's policies is among those accepted", false);
            dropTree();
        }
    }

    /**
     * The user-constrained policy set: the policies, in the trust anchor's domain, that the tree
     * carries down to the peer (the nodes just below an anyPolicy node), and anyPolicy itself when it
     * reaches the peer.
     */
    private Set<String> validPolicies() {
        Set<String> policies = new TreeSet<>();
        for (PolicyTree.Node node : tree.nodes()) {
            if (node.isAnyPolicy() ? node.depth == n : node.parent != null && node.parent.isAnyPolicy()) {
                policies.add(node.validPolicy);
            }
        }
        return policies;
    }

    private void dropTree() {
        nodesCreated = tree.created();
        tree = null;
    }

    /** §6.1.3 (f) or §6.1.5 (g): a policy is required and the tree is NULL. */
    private Outcome failure(ParsedCertificate at, Set<String> authorities) {
        String expected = inputs.acceptsAnyPolicy() ? "a certificate policy valid along the whole path"
                : "one of " + text(new TreeSet<>(inputs.initialPolicySet()));
        String found = authorities != null && !authorities.isEmpty()
                ? "none (the path's valid policies are " + text(authorities) + ")"
                : "none (the policy tree is empty after " + emptied.at().subjectText() + ": " + emptied.reason() + ")";
        boolean missing = emptied != null && emptied.noExtension() && (authorities == null || authorities.isEmpty());
        Problem problem = new Problem(missing ? Rule.EXPLICIT_POLICY_REQUIRED : Rule.NO_VALID_POLICY, at.label(),
                "no certificate policy is valid for this path, and " + explicitSource + " requires one (RFC 5280 §6.1.3 (f), §6.1.5 (g))",
                expected, found, missing ? "the CA that issued " + emptied.at().subjectText() + " must assert a policy in certificatePolicies"
                : "use a chain issued under an accepted policy");
        return new Outcome(List.of(problem), Set.of(), created());
    }

    private static String text(Collection<String> policies) {
        return policies.stream().map(PolicyProcessing::name).collect(Collectors.joining(", "));
    }

    private static String name(String policy) {
        return policy.equals(PolicyInputs.ANY_POLICY) ? "anyPolicy (" + policy + ")" : policy;
    }
}
