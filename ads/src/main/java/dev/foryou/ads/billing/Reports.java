package dev.foryou.ads.billing;

import java.time.LocalDate;

/**
 * Delivery reports. Every call names the advertiser who asks; an advertiser reads only its own
 * campaigns and ad groups.
 *
 * <p>Thread-safe.
 */
public interface Reports {

  /**
   * Reports one campaign on one day of its zone.
   *
   * @param requesterAdvertiserId who asks
   * @param campaignId the campaign
   * @param day the day
   * @return the report
   * @throws ReportAccessDeniedException if the campaign belongs to another advertiser
   * @throws IllegalArgumentException if the campaign is unknown
   */
  DeliveryReport campaign(String requesterAdvertiserId, String campaignId, LocalDate day);

  /**
   * Reports one ad group on one day of its campaign's zone.
   *
   * @param requesterAdvertiserId who asks
   * @param adGroupId the ad group
   * @param day the day
   * @return the report
   * @throws ReportAccessDeniedException if the ad group belongs to another advertiser
   * @throws IllegalArgumentException if the ad group has no recorded events
   */
  DeliveryReport adGroup(String requesterAdvertiserId, String adGroupId, LocalDate day);

  /**
   * Reports all campaigns of an advertiser on one day (each in its own zone).
   *
   * @param requesterAdvertiserId who asks
   * @param advertiserId the advertiser reported on
   * @param day the day
   * @return the report
   * @throws ReportAccessDeniedException if {@code requesterAdvertiserId != advertiserId}
   */
  DeliveryReport advertiser(String requesterAdvertiserId, String advertiserId, LocalDate day);
}
