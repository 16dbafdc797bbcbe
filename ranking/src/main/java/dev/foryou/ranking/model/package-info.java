/**
 * Multi-objective prediction and the value model: a fixed feature vector per (user, video) pair,
 * linear-logistic predictors per {@link dev.foryou.ranking.model.Objective} published as immutable
 * snapshots, an online FTRL-proximal learner, a batch trainer through Smile, and the weighted-sum
 * {@link dev.foryou.ranking.model.ValueModel}.
 */
package dev.foryou.ranking.model;
