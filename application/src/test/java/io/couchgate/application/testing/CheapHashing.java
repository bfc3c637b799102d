package io.couchgate.application.testing;

import io.couchgate.domain.HashParameters;

/** Argon2id parameters that keep service tests fast: m = 64 KiB, t = 1, p = 1. Never for production. */
public final class CheapHashing {

    /** m = 64 KiB, t = 1, p = 1. */
    public static final HashParameters PARAMETERS = new HashParameters(64, 1, 1);
    /** m = 128 KiB, t = 1, p = 1: "newer" parameters for re-hash tests. */
    public static final HashParameters NEWER = new HashParameters(128, 1, 1);

    private CheapHashing() {
    }
}
