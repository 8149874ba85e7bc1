package io.ringbreaker.store;

/** The databases every store test runs on. */
enum Vendor { SQLITE, POSTGRES }
