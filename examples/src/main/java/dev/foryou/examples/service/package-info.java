/**
 * An example of embedding the engine in a small HTTP JSON service, on the JDK's built-in {@code
 * com.sun.net.httpserver.HttpServer}: {@code POST /events}, {@code GET /feed}, {@code GET
 * /reports/{advertiser}}.
 */
package dev.foryou.examples.service;
