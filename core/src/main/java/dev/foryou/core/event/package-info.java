/** Interaction events: what users do with videos and ads. */
package dev.foryou.core.event;
