/**
 * The feed simulator: a seeded synthetic world (users with hidden tastes, creators, videos with
 * hidden quality, advertisers with campaigns), a behaviour model for how simulated users scroll,
 * watch and click, and a single-threaded discrete-event loop that runs the engine end to end on an
 * A/B split against popularity and random baselines, then reports per-day metrics, charts and a
 * JSON summary.
 *
 * <p>The engine is reached only through its public API, behind the small adapter seams {@link
 * dev.foryou.examples.sim.FeedPolicy} (organic feed) and {@link dev.foryou.examples.sim.AdsAdapter}
 * (ads), so baselines and engine are served and measured the same way.
 */
package dev.foryou.examples.sim;
