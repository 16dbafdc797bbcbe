/**
 * Ad insertion into a ranked organic feed under ad-load rules ({@link
 * dev.foryou.ads.insertion.AdLoadPolicy}), independent of the ranking module's types: organic items
 * come in as int video ids with their organic values, ads as int ids with values in the same unit.
 */
package dev.foryou.ads.insertion;
