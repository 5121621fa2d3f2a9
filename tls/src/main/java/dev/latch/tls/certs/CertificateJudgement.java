package dev.latch.tls.certs;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link CertificateJudge} made of a certificate: refused (clients would refuse it), served
 * with warnings (it is odd), or fine. Each finding says what is wrong and what to do, so the
 * server can put the whole verdict on one line.
 *
 * @param material the certificate judged
 * @param refusals what clients would refuse; any one refuses the certificate
 * @param warnings what is odd but served
 */
public record CertificateJudgement(KeyMaterial material, List<Finding> refusals, List<Finding> warnings) {

    /**
     * One reason.
     *
     * @param problem what is wrong, said of the certificate ("expired at …", "is valid for …, not …")
     * @param fix     what to do about it
     */
    public record Finding(String problem, String fix) {
    }

    public CertificateJudgement {
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** The findings that decide: the refusals when refused, else the warnings (empty when all is well). */
    public List<Finding> findings() {
        return refused() ? refusals : warnings;
    }

    /** What is wrong, as the end of a sentence about the certificate: "expired at …; is valid for …". */
    public String problems() {
        return findings().stream().map(Finding::problem).collect(Collectors.joining("; "));
    }

    /** What to do, each distinct fix once. */
    public String fixes() {
        return findings().stream().map(Finding::fix).distinct().collect(Collectors.joining("; "));
    }

    /** Problems and fixes on one line, or null when there is nothing to say. */
    public String line() {
        return findings().isEmpty() ? null : problems() + " — " + fixes();
    }
}
