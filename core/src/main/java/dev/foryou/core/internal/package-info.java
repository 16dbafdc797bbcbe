/**
 * Internal helpers shared by the packages of {@code core} (not exported by the module; not API).
 */
package dev.foryou.core.internal;
