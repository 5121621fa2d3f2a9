package dev.latch.trust;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The certificate-policy inputs of RFC 5280 §6.1.1 (c), (e), (f), (g): which policies the caller
 * accepts, and whether a policy must be explicit, mapping is inhibited, anyPolicy is inhibited
 * from the start.
 *
 * @param initialPolicySet dotted OIDs; {@value #ANY_POLICY} (the default) accepts any policy
 */
public record PolicyInputs(Set<String> initialPolicySet, boolean explicitPolicy, boolean inhibitPolicyMapping,
                           boolean inhibitAnyPolicy) {
    /** anyPolicy (RFC 5280 §4.2.1.4). */
    public static final String ANY_POLICY = "2.5.29.32.0";

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    /** No constraint: user-initial-policy-set {anyPolicy}, nothing explicit or inhibited. */
    public static final PolicyInputs DEFAULT = new PolicyInputs(Set.of(ANY_POLICY), false, false, false);

    public PolicyInputs {
        initialPolicySet = initialPolicySet == null || initialPolicySet.isEmpty()
                ? Set.of(ANY_POLICY) : Set.copyOf(new LinkedHashSet<>(initialPolicySet));
        for (String oid : initialPolicySet) {
            if (!OID.matcher(oid).matches()) {
                throw new IllegalArgumentException("policy '" + oid + "' is not an object identifier (such as 2.23.140.1.2.1)");
            }
        }
    }

    public static PolicyInputs of(List<String> policies, boolean explicitPolicy, boolean inhibitPolicyMapping,
                                  boolean inhibitAnyPolicy) {
        return new PolicyInputs(new LinkedHashSet<>(policies), explicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy);
    }

    public boolean acceptsAnyPolicy() {
        return initialPolicySet.contains(ANY_POLICY);
    }
}
