package dev.latch.crypto.bruteforce;

/** Who searches, at how many keys per second: this machine as measured, a thousand of them, given hardware. */
public record Budget(String name, double keysPerSecond) {
    public Budget {
        if (!(keysPerSecond > 0) || Double.isInfinite(keysPerSecond)) {
            throw new IllegalArgumentException("a rate of keys per second must be a positive number, not " + keysPerSecond);
        }
    }

    /** This budget {@code machines} times over. */
    public Budget times(long machines, String name) {
        if (machines < 1) {
            throw new IllegalArgumentException("the number of machines must be at least 1, not " + machines);
        }
        return new Budget(name, keysPerSecond * machines);
    }
}
