/** Shared foundations: time source, id mapping and value types used by every other module. */
package dev.foryou.core;
