package dev.latch.core.pem;

/**
 * Says in words what is wrong with bytes that should be one DER element (X.690 §8.1: identifier,
 * length, contents), from the outer header alone: cut short, followed by extra bytes, or no DER at all.
 * The parser's own exception names its class and internals, which tell a person nothing.
 */
final class DerDamage {
    private DerDamage() {
    }

    /** What is wrong with the outer element, or null when its header and length agree with the data. */
    static String describe(byte[] data) {
        if (data.length == 0) {
            return "it is empty";
        }
        int at = 1;
        if ((data[0] & 0x1f) == 0x1f) { // high tag number form (X.690 §8.1.2.4)
            while (at < data.length && (data[at] & 0x80) != 0) {
                at++;
            }
            at++;
        }
        if (at >= data.length) {
            return "it ends inside its first DER header: not DER, or cut short";
        }
        int first = data[at++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            return "it uses an indefinite length, which DER does not allow: not DER";
        } else {
            int octets = first & 0x7f;
            if (octets > 4) {
                return "its DER header announces an impossible length: not DER";
            }
            if (at + octets > data.length) {
                return "it ends inside its first DER header: not DER, or cut short";
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (data[at++] & 0xff);
            }
        }
        long announced = at + length;
        if (announced > data.length) {
            return "its DER header announces " + announced + " bytes, but only " + data.length + " are there (cut short, or not DER)";
        }
        if (announced < data.length) {
            return (data.length - announced) + " unexpected bytes follow its " + announced + " bytes of DER";
        }
        return null;
    }
}
