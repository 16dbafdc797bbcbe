/** Shared test fixtures: seeded random catalogs, users and event streams for every module. */
package dev.foryou.core.testing;
