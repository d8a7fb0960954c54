/**
 * The pulumi-gitlab provider plugin the program is written against. Its own
 * module so that the run path (every registration's pin) loads nothing of the
 * checking tools (schema checker, scripts/schema-subset.js).
 */
export const PROVIDER_VERSION = "10.1.1";
