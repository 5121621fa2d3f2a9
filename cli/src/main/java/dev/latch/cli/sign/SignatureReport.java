package dev.latch.cli.sign;

import dev.latch.crypto.signature.SignerCheck;
import dev.latch.trust.Purpose;
import dev.latch.trust.ValidationReport;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code latch verify-signature} found, for people ({@link #toText}) and scripts ({@link #toMap}). */
final class SignatureReport {
    /** One signer: its signature's check, what it was judged for, and its chain's trust report (null when the signature does not hold). */
    record Signer(SignerCheck check, Purpose purpose, ValidationReport trust) {
        boolean trusted() {
            return check.valid() && trust != null && trust.trusted();
        }
    }

    private final String signature;
    private final String file;
    private final List<Signer> signers;
    private final List<X509Certificate> certificates;

    SignatureReport(String signature, String file, List<Signer> signers, List<X509Certificate> certificates) {
        this.signature = signature;
        this.file = file;
        this.signers = List.copyOf(signers);
        this.certificates = List.copyOf(certificates);
    }

    /** Every signature holds and every signer is trusted. */
    boolean trusted() {
        return signers.stream().allMatch(Signer::trusted);
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        for (Signer signer : signers) {
            SignerCheck check = signer.check();
            String who = subject(check.signer());
            if (!check.valid()) {
                out.append("NOT VALID: ").append(check.detail()).append('\n');
            } else if (signer.trusted()) {
                out.append("VALID signature of ").append(file).append(" by ").append(who).append(", trusted for ")
                        .append(signer.purpose().text()).append('\n');
            } else {
                out.append("VALID signature of ").append(file).append(" by ").append(who).append(", but the signer is NOT trusted: ")
                        .append(signer.trust().summary().replaceFirst("^NOT trusted: ", "")).append('\n');
            }
            out.append(String.format("  %-14s %s%n", "signature", signature));
            out.append(String.format("  %-14s %s (serial %s)%n", "signer", who, check.signer().getSerialNumber().toString(16)));
            out.append(String.format("  %-14s %s%n", "signed at", check.signingTime() == null ? "not stated"
                    : check.signingTime() + " (the signer's own claim: no timestamp authority vouches for it)"));
            String digest = check.digest() == null ? "" : check.digest().jcaName() + " ";
            if (check.verdict() == SignerCheck.Verdict.CONTENT_CHANGED) {
                out.append(String.format("  %-14s %s%s%n", "digest signed", digest, hex(check.signedDigest())));
                out.append(String.format("  %-14s %s%s%n", "digest of file", digest, hex(check.fileDigest())));
            } else {
                out.append(String.format("  %-14s %s%s%n", "digest", digest, hex(check.fileDigest() != null ? check.fileDigest() : check.signedDigest())));
            }
            out.append(String.format("  %-14s %s%n", "algorithm", check.signatureAlgorithm()));
            out.append(String.format("  %-14s %s%n", "certificates", certificates.isEmpty() ? "none in the signature"
                    : String.join("; ", certificates.stream().map(SignatureReport::subject).toList())));
            if (signer.trust() == null) {
                out.append("\n  the signer's certificate was not judged: the signature does not hold\n");
            } else {
                out.append('\n').append(signer.trust().toText());
            }
            out.append('\n');
        }
        return out.toString();
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signature", signature);
        out.put("file", file);
        out.put("valid", signers.stream().allMatch(signer -> signer.check().valid()));
        out.put("trusted", trusted());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Signer signer : signers) {
            SignerCheck check = signer.check();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("subject", subject(check.signer()));
            one.put("serial", check.signer().getSerialNumber().toString(16));
            one.put("verdict", check.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            one.put("detail", check.detail());
            one.put("signingTime", check.signingTime());
            one.put("digestAlgorithm", check.digest() == null ? null : check.digest().cliName());
            one.put("fileDigest", check.fileDigest() == null ? null : hex(check.fileDigest()));
            one.put("signedDigest", check.signedDigest() == null ? null : hex(check.signedDigest()));
            one.put("signatureAlgorithm", check.signatureAlgorithm());
            one.put("trust", signer.trust() == null ? null : signer.trust().toMap());
            list.add(one);
        }
        out.put("signers", list);
        out.put("certificates", certificates.stream().map(SignatureReport::subject).toList());
        return out;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "none" : HexFormat.of().formatHex(bytes);
    }
}
