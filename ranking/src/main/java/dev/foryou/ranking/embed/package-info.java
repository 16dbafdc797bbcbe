/**
 * Learned user and video embeddings from implicit feedback.
 *
 * <p>{@link dev.foryou.ranking.embed.IalsTrainer} (implicit alternating least squares, Hu, Koren
 * and Volinsky, ICDM 2008, with the conjugate-gradient solver of Takács, Pilászy and Tikk, RecSys
 * 2011) and {@link dev.foryou.ranking.embed.BprTrainer} (Bayesian personalized ranking, Rendle et
 * al., UAI 2009) train an {@link dev.foryou.ranking.embed.EmbeddingModel} from a {@link
 * dev.foryou.ranking.embed.FeedbackMatrix} of signed feedback strengths (built with {@link
 * dev.foryou.ranking.embed.ImplicitFeedback}). A trained model exports one vector per video (to
 * upsert into the core catalog), folds in a user's vector from their recent interactions without
 * retraining, and {@link dev.foryou.ranking.embed.ContentVectors} gives new videos a vector from
 * their creator, hashtags and sound. The feed reads user vectors through {@link
 * dev.foryou.ranking.embed.UserVectorSource}. All linear algebra runs on primitive arrays ({@link
 * dev.foryou.ranking.embed.Cholesky}); no native BLAS.
 */
package dev.foryou.ranking.embed;
