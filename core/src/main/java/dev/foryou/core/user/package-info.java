/** Users: dense indexes for external ids and the attributes targeting reads. */
package dev.foryou.core.user;
