package dev.latch.trust;

/** Where a certificate stands in a path: the peer's own, a CA between, or the trusted root. */
enum Role { LEAF, INTERMEDIATE, ANCHOR }
